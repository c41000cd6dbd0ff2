import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { StaffRole } from './session';
import { AccountList } from './accounts/AccountList';
import { AccountPage } from './accounts/AccountPage';
import { UsersPage } from './admin/UsersPage';
import { KeysPage } from './admin/KeysPage';
import { AgenciesPage } from './admin/AgenciesPage';
import { AuditPage } from './admin/AuditPage';
import { ScorecardPage } from './scorecard/ScorecardPage';
import { PoliciesPage } from './policies/PoliciesPage';
import { QueuesPage } from './queues/QueuesPage';
import { CallTaskPage } from './calls/CallTaskPage';
import { ApprovalsPage } from './approvals/ApprovalsPage';
import { AccountWorkPage } from './approvals/AccountWorkPanel';

export interface ConsoleRoute {
  /** Path under /console (react-router syntax). */
  path: string;
  element: ReactNode;
  /** Only these roles may open it (others see "Not allowed"); omitted: every signed-in user. */
  roles?: StaffRole[];
  /** Label in the sidebar; omitted: not in the sidebar. */
  nav?: string;
}

/**
 * Every console screen. Other parts of the console add their entries here (one line each, in nav order).
 */
export const routes: ConsoleRoute[] = [
  { path: '/', element: <Navigate to="/accounts" replace /> },
  { path: '/accounts', element: <AccountList />, nav: 'Accounts' },
  { path: '/accounts/:clinicId/:accountRef', element: <AccountPage /> },
  { path: '/queues', element: <QueuesPage />, roles: ['staff', 'manager', 'finance'], nav: 'Work queues' },
  { path: '/calls/:taskId', element: <CallTaskPage />, roles: ['staff', 'manager', 'finance'] },
  { path: '/approvals', element: <ApprovalsPage />, roles: ['staff', 'manager', 'finance'], nav: 'Approvals' },
  { path: '/work/:accountId', element: <AccountWorkPage />, roles: ['staff', 'manager', 'finance'] },
  { path: '/scorecard', element: <ScorecardPage />, roles: ['manager', 'finance', 'admin'], nav: 'Scorecard' },
  { path: '/policies', element: <PoliciesPage />, nav: 'Clinic policies' },
  { path: '/admin/users', element: <UsersPage />, roles: ['admin'], nav: 'Users' },
  { path: '/admin/keys', element: <KeysPage />, roles: ['admin'], nav: 'Integrator keys' },
  { path: '/admin/agencies', element: <AgenciesPage />, roles: ['admin'], nav: 'Agencies' },
  { path: '/admin/audit', element: <AuditPage />, roles: ['admin', 'ops'], nav: 'Audit log' },
];
