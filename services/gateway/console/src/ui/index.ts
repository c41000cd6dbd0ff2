export { Page, Panel } from './Page';
export { Table, type Column } from './Table';
export { Money, DateTime, formatCents, formatDateTime, words } from './format';
export { ErrorBox, NotAllowed } from './ErrorBox';
export { useApi } from './useApi';
export { ErrorBoundary } from './ErrorBoundary';
