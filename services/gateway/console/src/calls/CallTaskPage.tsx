import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { DateTime, ErrorBox, Money, Page, Panel, words } from '../ui';

interface Claimed {
  task: { taskId: string; clinicId: string; accountId: string; purpose: string; segment: string; language: string; scriptKey: string; script: string; phone: string | null; timeZone: string | null };
  account: { accountRef: string; balanceCents: number; firstPositiveAt: string | null; openDisputes: string[] };
  outcomes: string[];
}
interface Recorded {
  outcome: string;
  applied: boolean;
  promise: { promiseId: string; pausedUntil: string } | null;
}

const LABELS: Record<string, string> = {
  reached: 'Reached',
  voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  promise_to_pay: 'Promise to pay',
  plan_requested: 'Plan requested',
  dispute: 'Dispute',
};

const inDays = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/**
 * One call: claiming it (outreach re-checks the patient's calling window) shows the number, the segment's
 * approved script and the balance; one click records what happened. A promise to pay asks for the date and
 * amount, and the balance workflow confirms it (outreach pauses until then).
 */
export function CallTaskPage() {
  const { taskId = '' } = useParams();
  const navigate = useNavigate();
  const [claimed, setClaimed] = useState<Claimed | null>(null);
  const [claimError, setClaimError] = useState<unknown>(null);
  const [promising, setPromising] = useState(false);
  const [promiseDate, setPromiseDate] = useState(inDays(7));
  const [promiseAmount, setPromiseAmount] = useState('');
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [recordError, setRecordError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api<Claimed>(`/staff/v1/call-tasks/${encodeURIComponent(taskId)}/claim`, { method: 'POST', body: {} })
      .then((c) => {
        if (!live) return;
        setClaimed(c);
        setPromiseAmount((c.account.balanceCents / 100).toFixed(2));
      })
      .catch((e: unknown) => live && setClaimError(e));
    return () => {
      live = false;
    };
  }, [taskId]);

  const record = async (outcome: string, extra: Record<string, unknown> = {}) => {
    setBusy(true);
    setRecordError(null);
    try {
      setRecorded(await api<Recorded>(`/staff/v1/call-tasks/${encodeURIComponent(taskId)}/outcome`, { method: 'POST', body: { outcome, ...extra } }));
    } catch (e) {
      setRecordError(e);
    } finally {
      setBusy(false);
    }
  };
  const submitPromise = (e: FormEvent) => {
    e.preventDefault();
    // End of the promised day in the patient's own zone is what they mean; noon UTC keeps the date stable.
    const cents = Math.round(Number(promiseAmount) * 100);
    void record('promise_to_pay', { promiseBy: `${promiseDate}T18:00:00.000Z`, promiseAmountCents: cents });
  };

  if (claimError) {
    return (
      <Page title={`Call ${taskId}`}>
        <ErrorBox error={claimError} />
        <p>
          <Link to="/queues?q=calls">Back to the call queue</Link>
        </p>
      </Page>
    );
  }
  if (!claimed) return <p className="loading">Claiming the call…</p>;
  const { task, account } = claimed;
  const accountPath = `/accounts/${encodeURIComponent(task.clinicId)}/${encodeURIComponent(account.accountRef)}`;
  return (
    <Page
      title={`Call about account ${account.accountRef}`}
      subtitle={`${words(task.segment)} · ${words(task.purpose)} · patient time ${task.timeZone ? new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: task.timeZone }).format(new Date()) : 'unknown'}`}
      actions={<Link to={accountPath}>Open the account</Link>}
    >
      <div className="grid">
        <Panel title="Balance" testId="call-balance">
          <dl className="facts">
            <dt>Owed now</dt>
            <dd>
              <span className="big-number">
                <Money cents={account.balanceCents} />
              </span>
            </dd>
            <dt>First billed</dt>
            <dd>
              <DateTime at={account.firstPositiveAt} dateOnly />
            </dd>
            <dt>Phone</dt>
            <dd data-testid="call-phone">{task.phone ?? <span className="muted">none on file</span>}</dd>
            <dt>Disputes</dt>
            <dd>{account.openDisputes.length ? <span className="badge warn">{account.openDisputes.join(', ')}</span> : 'none open'}</dd>
          </dl>
        </Panel>
        <Panel title={`Script (${task.scriptKey}, ${task.language})`} testId="call-script">
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.5 }}>{task.script}</div>
        </Panel>
      </div>
      <Panel title="What happened?" testId="call-outcomes">
        {recorded ? (
          <div className="notice" role="status" data-testid="call-recorded">
            Recorded: <strong>{LABELS[recorded.outcome] ?? recorded.outcome}</strong>
            {recorded.promise ? (
              <>
                {' '}
                — outreach paused until <DateTime at={recorded.promise.pausedUntil} />.
              </>
            ) : null}{' '}
            <button type="button" className="link" onClick={() => navigate('/queues?q=calls')}>
              Next call →
            </button>
          </div>
        ) : (
          <>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              {claimed.outcomes.map((o) => (
                <button
                  key={o}
                  type="button"
                  disabled={busy}
                  className={o === 'promise_to_pay' ? 'primary' : undefined}
                  data-testid={`outcome-${o}`}
                  onClick={() => (o === 'promise_to_pay' ? setPromising(true) : void record(o))}
                >
                  {LABELS[o] ?? words(o)}
                </button>
              ))}
            </div>
            {promising ? (
              <form className="inline-form" style={{ marginTop: 12 }} onSubmit={submitPromise} aria-label="Promise to pay">
                <label>
                  Pays by
                  <input type="date" name="promiseBy" value={promiseDate} min={inDays(0)} onChange={(e) => setPromiseDate(e.target.value)} />
                  {recordError instanceof ApiError && recordError.forField('promiseBy') ? <span className="field-error">{recordError.forField('promiseBy')}</span> : null}
                </label>
                <label>
                  Amount ($)
                  <input type="number" name="promiseAmount" step="0.01" min="0.01" value={promiseAmount} onChange={(e) => setPromiseAmount(e.target.value)} />
                  {recordError instanceof ApiError && recordError.forField('promiseAmountCents') ? <span className="field-error">{recordError.forField('promiseAmountCents')}</span> : null}
                </label>
                <button type="submit" className="primary" disabled={busy} data-testid="promise-save">
                  Record promise
                </button>
              </form>
            ) : null}
            {recordError && !(recordError instanceof ApiError && (recordError.forField('promiseBy') || recordError.forField('promiseAmountCents'))) ? <ErrorBox error={recordError} /> : null}
          </>
        )}
      </Panel>
    </Page>
  );
}
