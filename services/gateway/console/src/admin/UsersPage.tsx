import { Page } from '../ui';

export function UsersPage() {
  return <Page title="UsersPage">Coming soon.</Page>;
}
