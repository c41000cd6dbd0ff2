import { useSearchParams } from 'react-router-dom';
import { Page, Panel } from '../ui';
import { useSession } from '../session';
import { ApprovalsTable } from './ApprovalsTable';

const STATUSES = ['pending', 'approved', 'rejected', 'all'] as const;

/** Approvals: what waits for a manager or finance lead, and what was decided, by whom and when. */
export function ApprovalsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : 'pending';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const can = user.role === 'manager' || user.role === 'finance';
  return (
    <Page
      title="Approvals"
      subtitle={can ? 'Plans longer than policy allows and settlements above a threshold wait here for you.' : 'Requests waiting for a manager or finance lead. You can follow them here.'}
      actions={
        <label className="small">
          Show{' '}
          <select value={status} onChange={(e) => setParams({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <Panel title={status === 'pending' ? 'Waiting for a decision' : `Requests: ${status}`} testId="approvals">
        <ApprovalsTable path={`/staff/v1/approvals?status=${status}&page=${page}`} page={page} onPage={(n) => setParams({ status, page: String(n) })} />
      </Panel>
    </Page>
  );
}
