/** Rows of the staff work queues, as /staff/v1/queues/* answers them. */
export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  page?: number;
  pageSize?: number;
  nextCursor?: number | null;
}

export interface CallRow {
  taskId: string;
  clinicId: string;
  accountId: string;
  accountRef: string | null;
  balanceCents: number | null;
  ageDays: number | null;
  purpose: string;
  segment: string;
  priority: number;
  dueAt: string;
  status: 'open' | 'claimed';
  claimedBy: string | null;
  timeZone: string | null;
}

export interface AccountQueueRow {
  accountId: string;
  accountRef: string;
  clinicId: string;
  balanceCents: number;
  ageDays: number | null;
  since: string | null;
  openDisputes: string[];
}

export interface DueRow {
  kind: 'installment' | 'promise';
  accountId: string;
  accountRef: string | null;
  clinicId: string;
  balanceCents: number | null;
  dueAt: string;
  amountCents: number;
  seq?: number;
  installments?: number;
  autopay?: boolean;
  takenBy?: string;
}

export interface ApprovalRow {
  id: string;
  clinicId: string;
  accountId: string;
  accountRef: string;
  balanceCents: number;
  kind: 'plan' | 'settlement';
  terms: { installments?: number; firstDueDate?: string; discountPct?: number; validDays?: number };
  requiredRole: 'manager' | 'finance_lead';
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedRole: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedRole: string | null;
  decidedAt: string | null;
  ageDays?: number | null;
}

export const accountLink = (r: { clinicId: string; accountRef: string | null }) =>
  r.accountRef ? `/accounts/${encodeURIComponent(r.clinicId)}/${encodeURIComponent(r.accountRef)}` : null;
