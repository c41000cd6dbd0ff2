import { Page } from '../ui';

export function KeysPage() {
  return <Page title="KeysPage">Coming soon.</Page>;
}
