import { Page } from '../ui';

export function AccountPage() {
  return <Page title="AccountPage">Coming soon.</Page>;
}
