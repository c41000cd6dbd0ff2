import { Page } from '../ui';

export function AuditPage() {
  return <Page title="AuditPage">Coming soon.</Page>;
}
