import { Page } from '../ui';

export function AccountList() {
  return <Page title="AccountList">Coming soon.</Page>;
}
