import { Page } from '../ui';

export function AgenciesPage() {
  return <Page title="AgenciesPage">Coming soon.</Page>;
}
