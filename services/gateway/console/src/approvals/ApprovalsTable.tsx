import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { DateTime, ErrorBox, Money, Table, useApi, words, type Column } from '../ui';
import { accountLink, type ApprovalRow, type Paged } from '../queues/types';
import { Pager } from '../queues/QueuesPage';

const ROLE = { manager: 'Manager', finance_lead: 'Finance lead' } as const;

export function describeTerms(r: Pick<ApprovalRow, 'kind' | 'terms'>): string {
  if (r.kind === 'plan') return `${r.terms.installments} monthly payments from ${r.terms.firstDueDate}`;
  return `Settle at ${r.terms.discountPct}% off${r.terms.validDays ? `, valid ${r.terms.validDays} days` : ''}`;
}

/**
 * Approval requests with Approve / Reject. Anyone may press them; the server decides with the role of the
 * signed-in session and says which role is needed when it is not enough.
 */
export function ApprovalsTable({ path, page, onPage, decidable = true }: { path: string; page: number; onPage: (n: number) => void; decidable?: boolean }) {
  const { data, error, loading } = useApi<Paged<ApprovalRow>>(path);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ id: string; error: unknown } | null>(null);
  const [done, setDone] = useState<Record<string, string>>({});

  const decide = async (r: ApprovalRow, decision: 'approve' | 'reject') => {
    setBusy(r.id);
    setFailure(null);
    try {
      const out = await api<ApprovalRow>(`/staff/v1/approvals/${r.id}/decision`, { method: 'POST', body: { decision } });
      // The row stays on screen with the decision (a reload would drop it from the pending list at once).
      setDone((d) => ({ ...d, [r.id]: `${words(out.status)} by you` }));
    } catch (e) {
      setFailure({ id: r.id, error: e });
    } finally {
      setBusy(null);
    }
  };

  if (error) return <ErrorBox error={error} />;
  if (loading && !data) return <p className="loading">Loading…</p>;
  const columns: Column<ApprovalRow>[] = [
    { header: 'Requested', cell: (r) => <DateTime at={r.requestedAt} /> },
    { header: 'Account', cell: (r) => { const to = accountLink(r); return to ? <Link to={to}>{r.accountRef}</Link> : r.accountRef; } },
    { header: 'Balance', cell: (r) => <Money cents={r.balanceCents} />, numeric: true },
    { header: 'Request', cell: (r) => <span data-testid={`approval-terms-${r.id}`}>{describeTerms(r)}</span> },
    { header: 'Needs', cell: (r) => <span className="badge info">{ROLE[r.requiredRole]}</span> },
    { header: 'Asked by', cell: (r) => `${words(r.requestedRole)} ${r.requestedBy.slice(0, 8)}` },
    {
      header: 'Decision',
      cell: (r) =>
        r.status !== 'pending' ? (
          <span className={r.status === 'approved' ? 'badge ok' : 'badge no'}>
            {words(r.status)} {r.decidedRole ? `by ${words(r.decidedRole)}` : ''} <DateTime at={r.decidedAt} />
          </span>
        ) : done[r.id] ? (
          <span className="badge ok">{done[r.id]}</span>
        ) : decidable ? (
          <div style={{ display: 'flex', gap: 6, flexDirection: 'column' }}>
            <div style={{ display: 'flex', gap: 6 }}>
              <button type="button" className="primary" disabled={busy === r.id} data-testid={`approve-${r.id}`} onClick={() => void decide(r, 'approve')}>
                Approve
              </button>
              <button type="button" className="danger" disabled={busy === r.id} onClick={() => void decide(r, 'reject')}>
                Reject
              </button>
            </div>
            {failure?.id === r.id ? (
              <span className="field-error" role="alert" data-testid={`approval-error-${r.id}`}>
                {failure.error instanceof ApiError ? failure.error.errors.map((e) => e.message).join('; ') : String(failure.error)}
              </span>
            ) : null}
          </div>
        ) : (
          <span className="badge warn">Pending</span>
        ),
    },
  ];
  const rows = data?.items ?? [];
  return (
    <>
      <Table rows={rows} columns={columns} rowKey={(r) => r.id} empty="No approvals waiting." testId="approvals-table" />
      <Pager page={page} hasMore={data?.hasMore ?? false} onPage={onPage} />
    </>
  );
}
