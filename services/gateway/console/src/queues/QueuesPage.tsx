import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DateTime, ErrorBox, Money, Page, Panel, Table, useApi, words, type Column } from '../ui';
import { accountLink, type AccountQueueRow, type CallRow, type DueRow, type Paged } from './types';
import { ApprovalsTable } from '../approvals/ApprovalsTable';

type QueueKey = 'calls' | 'new-balances' | 'due-this-week' | 'disputes' | 'contact-problems' | 'approvals';

const QUEUES: { key: QueueKey; label: string; hint: string }[] = [
  { key: 'calls', label: 'Calls due now', hint: 'Due, and inside the patient’s calling window right now. Most urgent first: segment, reason, balance.' },
  { key: 'new-balances', label: 'New, not contacted', hint: 'Balances under 30 days that no message or call has reached yet.' },
  { key: 'due-this-week', label: 'Plans & promises due', hint: 'Plan installments and promises to pay falling due from yesterday to a week ahead.' },
  { key: 'disputes', label: 'Open disputes', hint: 'Outreach is paused on these until the dispute is resolved. Oldest first.' },
  { key: 'contact-problems', label: 'Returned mail', hint: 'Mail came back or the address is undeliverable: confirm the address.' },
  { key: 'approvals', label: 'Approvals waiting', hint: 'Long plans and settlements waiting for a manager or finance lead.' },
];

const AccountCell = ({ r }: { r: { clinicId: string; accountRef: string | null } }) => {
  const to = accountLink(r);
  return to ? <Link to={to}>{r.accountRef}</Link> : <span className="muted">—</span>;
};
const Age = ({ days }: { days: number | null | undefined }) => (days === null || days === undefined ? <span className="muted">—</span> : <>{days} d</>);

/** The staff member's work, one queue at a time, scoped to their clinics by the server. */
export function QueuesPage() {
  const [params, setParams] = useSearchParams();
  const active = (QUEUES.find((q) => q.key === params.get('q'))?.key ?? 'calls') as QueueKey;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const sort = params.get('sort') ?? '';
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v === null) p.delete(k);
    else p.set(k, v);
    setParams(p);
  };
  const meta = QUEUES.find((q) => q.key === active)!;
  return (
    <Page title="Work queues" subtitle="What needs doing in your clinics, most important first.">
      <nav className="queue-tabs" aria-label="Queues" style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginBottom: 12 }}>
        {QUEUES.map((q) => (
          <button key={q.key} type="button" className={q.key === active ? 'primary' : undefined} aria-pressed={q.key === active} onClick={() => set({ q: q.key, page: null, sort: null, cursor: null })}>
            {q.label}
          </button>
        ))}
      </nav>
      <Panel
        title={meta.label}
        testId={`queue-${active}`}
        actions={
          active === 'new-balances' || active === 'disputes' || active === 'contact-problems' ? (
            <label className="small">
              Sort{' '}
              <select value={sort || (active === 'new-balances' ? 'balance' : 'age')} onChange={(e) => set({ sort: e.target.value, page: null, cursor: null })}>
                <option value="balance">Largest balance</option>
                <option value="age">Oldest</option>
              </select>
            </label>
          ) : null
        }
      >
        <p className="muted small">{meta.hint}</p>
        {active === 'calls' && <CallsQueue page={page} onPage={(n) => set({ page: String(n) })} />}
        {active === 'new-balances' && <NewBalancesQueue sort={sort || 'balance'} cursor={Number(params.get('cursor') ?? 0) || 0} onCursor={(c) => set({ cursor: c ? String(c) : null })} />}
        {active === 'due-this-week' && <DueQueue page={page} onPage={(n) => set({ page: String(n) })} />}
        {(active === 'disputes' || active === 'contact-problems') && <AccountQueue queue={active} sort={sort || 'age'} page={page} onPage={(n) => set({ page: String(n) })} />}
        {active === 'approvals' && <ApprovalsTable path={`/staff/v1/queues/approvals?page=${page}`} page={page} onPage={(n) => set({ page: String(n) })} />}
      </Panel>
    </Page>
  );
}

export function Pager({ page, hasMore, onPage }: { page: number; hasMore: boolean; onPage: (n: number) => void }) {
  if (page === 1 && !hasMore) return null;
  return (
    <div className="pager" style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 10 }}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span className="muted small">Page {page}</span>
      <button type="button" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </div>
  );
}

function Loaded<T>({ path, children }: { path: string; children: (data: T) => ReactNode }) {
  const { data, error, loading } = useApi<T>(path);
  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <p className="loading">Loading…</p>;
  return <>{children(data)}</>;
}

function CallsQueue({ page, onPage }: { page: number; onPage: (n: number) => void }) {
  const navigate = useNavigate();
  const columns: Column<CallRow>[] = [
    { header: 'Account', cell: (r) => <AccountCell r={r} /> },
    { header: 'Balance', cell: (r) => <Money cents={r.balanceCents} />, numeric: true },
    { header: 'Age', cell: (r) => <Age days={r.ageDays} />, numeric: true },
    { header: 'Segment', cell: (r) => words(r.segment) },
    { header: 'Why', cell: (r) => words(r.purpose) },
    { header: 'Due', cell: (r) => <DateTime at={r.dueAt} /> },
    { header: 'Patient time', cell: (r) => (r.timeZone ? new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: r.timeZone }).format(new Date()) : '—') },
    {
      header: '',
      cell: (r) =>
        r.status === 'claimed' ? (
          <span className="badge warn">On a call</span>
        ) : (
          <button type="button" className="primary" data-testid={`work-call-${r.taskId}`} onClick={() => navigate(`/calls/${r.taskId}`)}>
            Call now
          </button>
        ),
    },
  ];
  return (
    <Loaded<Paged<CallRow>> path={`/staff/v1/queues/calls?page=${page}`}>
      {(d) => (
        <>
          <Table rows={d.items} columns={columns} rowKey={(r) => r.taskId} empty="No calls can be made right now." testId="calls-table" />
          <Pager page={page} hasMore={d.hasMore} onPage={onPage} />
        </>
      )}
    </Loaded>
  );
}

function NewBalancesQueue({ sort, cursor, onCursor }: { sort: string; cursor: number; onCursor: (c: number) => void }) {
  const [history, setHistory] = useState<number[]>([]);
  const columns: Column<AccountQueueRow>[] = [
    { header: 'Account', cell: (r) => <AccountCell r={r} /> },
    { header: 'Clinic', cell: (r) => r.clinicId },
    { header: 'Balance', cell: (r) => <Money cents={r.balanceCents} />, numeric: true },
    { header: 'Age', cell: (r) => <Age days={r.ageDays} />, numeric: true },
  ];
  return (
    <Loaded<Paged<AccountQueueRow>> path={`/staff/v1/queues/new-balances?sort=${sort}&cursor=${cursor}`}>
      {(d) => (
        <>
          <Table rows={d.items} columns={columns} rowKey={(r) => r.accountId} empty="Every new balance has been contacted." testId="new-balances-table" />
          {(history.length > 0 || d.nextCursor) && (
            <div style={{ display: 'flex', gap: 8, marginTop: 10 }}>
              <button type="button" disabled={history.length === 0} onClick={() => { const h = [...history]; const prev = h.pop() ?? 0; setHistory(h); onCursor(prev); }}>
                ← Previous
              </button>
              <button type="button" disabled={!d.nextCursor} onClick={() => { setHistory([...history, cursor]); onCursor(d.nextCursor!); }}>
                Next →
              </button>
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}

function AccountQueue({ queue, sort, page, onPage }: { queue: 'disputes' | 'contact-problems'; sort: string; page: number; onPage: (n: number) => void }) {
  const columns: Column<AccountQueueRow>[] = [
    { header: 'Account', cell: (r) => <AccountCell r={r} /> },
    { header: 'Clinic', cell: (r) => r.clinicId },
    { header: 'Balance', cell: (r) => <Money cents={r.balanceCents} />, numeric: true },
    { header: queue === 'disputes' ? 'Open for' : 'Returned', cell: (r) => <Age days={r.ageDays} />, numeric: true },
    { header: 'Since', cell: (r) => <DateTime at={r.since} dateOnly /> },
    ...(queue === 'disputes' ? [{ header: 'Disputes', cell: (r: AccountQueueRow) => r.openDisputes.join(', ') || '—' }] : []),
  ];
  return (
    <Loaded<Paged<AccountQueueRow>> path={`/staff/v1/queues/${queue}?sort=${sort}&page=${page}`}>
      {(d) => (
        <>
          <Table rows={d.items} columns={columns} rowKey={(r) => r.accountId} empty="Nothing in this queue." testId={`${queue}-table`} />
          <Pager page={page} hasMore={d.hasMore} onPage={onPage} />
        </>
      )}
    </Loaded>
  );
}

function DueQueue({ page, onPage }: { page: number; onPage: (n: number) => void }) {
  const columns: Column<DueRow>[] = [
    { header: 'Due', cell: (r) => <DateTime at={r.dueAt} /> },
    { header: 'What', cell: (r) => (r.kind === 'installment' ? `Installment ${r.seq} of ${r.installments}${r.autopay ? ' (autopay)' : ''}` : 'Promise to pay') },
    { header: 'Account', cell: (r) => <AccountCell r={r} /> },
    { header: 'Amount', cell: (r) => <Money cents={r.amountCents} />, numeric: true },
    { header: 'Balance', cell: (r) => <Money cents={r.balanceCents} />, numeric: true },
  ];
  return (
    <Loaded<{ installments: Paged<DueRow>; promises: Paged<DueRow> }> path={`/staff/v1/queues/due-this-week?page=${page}`}>
      {(d) => {
        const rows = [...d.installments.items, ...d.promises.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
        return (
          <>
            <Table rows={rows} columns={columns} rowKey={(r, i) => `${r.kind}-${r.accountId}-${i}`} empty="Nothing falls due this week." testId="due-table" />
            <Pager page={page} hasMore={d.installments.hasMore || d.promises.hasMore} onPage={onPage} />
          </>
        );
      }}
    </Loaded>
  );
}
