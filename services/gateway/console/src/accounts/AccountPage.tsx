import { useState, type ComponentType, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useSession, type StaffRole } from '../session';
import { DateTime, ErrorBox, Money, Page, Panel, Table, useApi, words } from '../ui';
import type { AccountStory, Consent } from './types';

/**
 * A slot for the work actions of another part of the console (offer plan, approvals, promises): if
 * console/src/approvals/AccountWorkPanel.tsx exists and exports `AccountWorkPanel`, it renders on this page with
 * the account's id, its story and a `reload()`; without that file the page simply has no such panel.
 */
type WorkPanelProps = { accountId: string; account: AccountStory; reload: () => void };
const workPanels = import.meta.glob<{ AccountWorkPanel?: ComponentType<WorkPanelProps> }>('../approvals/AccountWorkPanel.tsx', { eager: true });
const AccountWorkPanel = Object.values(workPanels)[0]?.AccountWorkPanel;

const DISPUTE_REASONS = ['billing_error', 'insurance_not_billed', 'amount_incorrect', 'service_not_received', 'not_my_account', 'other'];
const DISPUTE_OUTCOMES = ['upheld', 'partially_upheld', 'rejected', 'withdrawn'];
const DISPUTE_CAUSES = ['clinic_error', 'payer_error', 'patient_misunderstanding', 'missing_information', 'none', 'other'];
const CAN_OPEN_DISPUTE: StaffRole[] = ['staff', 'manager', 'finance', 'admin'];
const CAN_RESOLVE_DISPUTE: StaffRole[] = ['manager', 'finance', 'admin'];
const CAN_PAUSE: StaffRole[] = ['staff', 'manager', 'finance', 'admin'];
const SEES_WORKFLOW_LINK: StaffRole[] = ['ops', 'admin', 'manager', 'finance'];

/**
 * The workflow words its next step for logs ("next: text_pay_link (day 3, sms) due 2026-12-06T14:00:53Z"); the
 * page shows the step in words and the date separately, in the patient's zone.
 */
function describeNextStep(step: string): string {
  const text = step.replace(/^next:\s*/i, '').replace(/\s+due\s+\S+$/, '').replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (w) => w.replace(/_/g, ' '));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ConsentBadge({ consent, label }: { consent: Consent | null; label: string }) {
  if (!consent) return <span className="badge">{label}: no record</span>;
  return (
    <span className={consent.granted ? 'badge ok' : 'badge no'} title={`${consent.source}, ${consent.at}`}>
      {label}: {consent.granted ? 'consented' : 'no consent'}
    </span>
  );
}

/** The whole story of one account on one screen. */
export function AccountPage() {
  const { clinicId = '', accountRef = '' } = useParams();
  const path = `/staff/v1/accounts/${encodeURIComponent(clinicId)}/${encodeURIComponent(accountRef)}`;
  const { data, error, loading, reload } = useApi<AccountStory>(path);
  const { user } = useSession();

  if (error) {
    return (
      <>
        <ErrorBox error={error} />
        <p>
          <Link to="/accounts">Back to accounts</Link>
        </p>
      </>
    );
  }
  if (loading && !data) return <p className="muted">Loading account…</p>;
  if (!data) return null;
  const a = data;
  const wf = a.workflow;
  const g = a.guarantor;
  const tz = g?.timeZone ?? a.clinic?.timeZone;
  const attempts = a.attempts?.attempts ?? [];
  const payments = a.ledger.filter((l) => l.kind === 'patient_payment');
  const disputes = a.holds.openDisputes ?? [];

  return (
    <Page
      title={`Account ${a.accountRef}`}
      subtitle={`${a.clinic?.name ?? a.clinicId} · patient time zone ${tz ?? 'unknown'}`}
      actions={
        <>
          {a.temporalUrl && SEES_WORKFLOW_LINK.includes(user.role) ? (
            <a className="button-link" href={a.temporalUrl} target="_blank" rel="noreferrer noopener">
              Open workflow in Temporal UI
            </a>
          ) : null}
          {CAN_PAUSE.includes(user.role) && a.workflowId ? <PauseButton path={path} onDone={reload} /> : null}
        </>
      }
    >
      <div className="panel stat-panel" data-testid="account-summary">
        <div className="stat-row">
          <div className="stat">
            <div className="label">Balance</div>
            <div className="big-number">
              <Money cents={a.balanceCents} />
            </div>
          </div>
          <div className="stat">
            <div className="label">Stage</div>
            <div className="big-number small-number" data-testid="stage">
              {words(wf?.stage ?? (a.balanceCents > 0 ? 'pending' : 'resolved'))}
            </div>
          </div>
          <div className="stat">
            <div className="label">Segment</div>
            <div className="big-number small-number">{words(wf?.segment)}</div>
          </div>
          <div className="stat">
            <div className="label">Next step</div>
            <div data-testid="next-step">
              <strong>{wf ? describeNextStep(wf.nextStep) : '—'}</strong>
              <div className="muted">{wf?.nextActionAt ? <DateTime at={wf.nextActionAt} timeZone={tz} /> : 'no date set'}</div>
            </div>
          </div>
        </div>
        {a.workflowError ? <p className="muted">{a.workflowError}</p> : null}
      </div>

      <div className="grid">
        <Panel title="Guarantor and contact" testId="guarantor">
          {g ? (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{[g.firstName, g.lastName].filter(Boolean).join(' ') || '—'}</dd>
              <dt>Date of birth</dt>
              <dd>{g.dateOfBirth ?? '—'}</dd>
              <dt>Phone</dt>
              <dd>
                {g.phone ?? '—'} <ConsentBadge consent={g.consent.sms} label="SMS" />
                {wf?.optedOut.includes('sms') ? <span className="badge no">opted out</span> : null}
              </dd>
              <dt>Email</dt>
              <dd>
                {g.email ?? '—'} <ConsentBadge consent={g.consent.email} label="Email" />
                {wf?.optedOut.includes('email') ? <span className="badge no">opted out</span> : null}
              </dd>
              <dt>Mail</dt>
              <dd>
                {g.postalAddress ? [g.postalAddress.line1, g.postalAddress.city, g.postalAddress.state, g.postalAddress.postalCode].filter(Boolean).join(', ') : '—'}{' '}
                {a.holds.mailReturned ? <span className="badge warn">mail returned</span> : null}
              </dd>
              <dt>Language</dt>
              <dd>{g.language === 'es' ? 'Spanish' : g.language === 'en' ? 'English' : (g.language ?? '—')}</dd>
            </dl>
          ) : (
            <p className="empty">No guarantor on file.</p>
          )}
        </Panel>

        <Panel title="What insurance paid" testId="insurance">
          <dl className="facts">
            <dt>Charges</dt>
            <dd>
              <Money cents={a.summary.chargesCents} />
            </dd>
            <dt>Insurance paid</dt>
            <dd>
              <Money cents={a.summary.insurancePaidCents} />
            </dd>
            <dt>Adjustments</dt>
            <dd>
              <Money cents={a.summary.adjustmentsCents} />
            </dd>
            <dt>Patient paid</dt>
            <dd>
              <Money cents={a.summary.patientPaidCents} />
            </dd>
            <dt>Patient owes</dt>
            <dd>
              <strong>
                <Money cents={a.balanceCents} />
              </strong>
            </dd>
          </dl>
          {a.holds.insuranceHold ? <p className="notice">Rebilled to insurance: outreach is on hold.</p> : null}
        </Panel>
      </div>

      {AccountWorkPanel ? <AccountWorkPanel accountId={a.accountId} account={a} reload={reload} /> : null}

      <Panel title="Visits" testId="visits">
        <Table
          rows={a.visits}
          rowKey={(v) => v.visitRef}
          empty="No visits."
          columns={[
            { header: 'Visit', cell: (v) => v.visitRef },
            { header: 'First posted', cell: (v) => <DateTime at={v.firstAt} dateOnly /> },
            { header: 'Charges', numeric: true, cell: (v) => <Money cents={v.chargesCents} /> },
            { header: 'Insurance paid', numeric: true, cell: (v) => <Money cents={v.insurancePaidCents} /> },
            { header: 'Adjustments', numeric: true, cell: (v) => <Money cents={v.adjustmentsCents} /> },
            { header: 'Patient paid', numeric: true, cell: (v) => <Money cents={v.patientPaidCents} /> },
          ]}
        />
      </Panel>

      <Panel title="Contact attempts" testId="attempts">
        {a.attemptsError ? <p className="error-box">{a.attemptsError}</p> : null}
        <Table
          rows={attempts}
          rowKey={(t) => t.attemptKey}
          empty="No contact attempts yet."
          columns={[
            { header: 'When', cell: (t) => <DateTime at={t.sentAt ?? t.createdAt} timeZone={tz} /> },
            { header: 'Channel', cell: (t) => words(t.channel) },
            { header: 'Step', cell: (t) => words(t.stepKey ?? t.purpose) },
            { header: 'Outcome', cell: (t) => <span className={t.status === 'sent' || t.status === 'delivered' ? 'badge ok' : t.status === 'skipped' || t.status === 'blocked' ? 'badge warn' : 'badge'}>{words(t.status)}</span> },
            { header: 'Rule decision', cell: (t) => (t.rule || t.explanation ? `${t.rule ? `${words(t.rule)}: ` : ''}${t.explanation ?? ''}` : '—') },
            { header: 'Delivery', cell: (t) => words(t.deliveryError ?? t.deliveryStatus) },
          ]}
        />
      </Panel>

      <div className="grid">
        <Panel title="Plans and payments" testId="plans">
          <dl className="facts">
            <dt>Plan</dt>
            <dd>{wf?.plan ? `${words(wf.plan.status)}, ` : 'No plan'}{wf?.plan ? <Money cents={wf.plan.remainingCents} /> : null}{wf?.plan ? ' remaining' : ''}</dd>
            <dt>Promise to pay</dt>
            <dd>{wf?.openHolds.promiseToPayUntil ? <>until <DateTime at={wf.openHolds.promiseToPayUntil} timeZone={tz} dateOnly /></> : 'None'}</dd>
            <dt>Settlement</dt>
            <dd>{wf?.settlement ? <><Money cents={wf.settlement.settlementCents} /> {wf.settlement.accepted ? 'accepted' : <>offered until <DateTime at={wf.settlement.expiresAt} dateOnly /></>}</> : 'None'}</dd>
            <dt>Hardship</dt>
            <dd>{wf?.hardship ? `${words(wf.hardship.kind)} (review ${new Date(wf.hardship.reviewAt).toLocaleDateString()})` : wf?.hardshipRequest ? <span className="badge warn">paused for review</span> : 'None'}</dd>
          </dl>
          <Table
            caption="Payments received"
            rows={payments}
            rowKey={(p) => p.eventId}
            empty="No payments yet."
            columns={[
              { header: 'When', cell: (p) => <DateTime at={p.at} timeZone={tz} /> },
              { header: 'Amount', numeric: true, cell: (p) => <Money cents={-p.amountCents} /> },
            ]}
          />
        </Panel>

        <Panel title="Disputes" testId="disputes">
          {disputes.length === 0 ? <p className="empty">No open disputes.</p> : null}
          <ul className="plain">
            {disputes.map((d) => (
              <li key={d}>
                <span className="badge warn">open</span> {d}
                {CAN_RESOLVE_DISPUTE.includes(user.role) ? <ResolveDispute path={path} disputeRef={d} onDone={reload} /> : null}
              </li>
            ))}
          </ul>
          {CAN_OPEN_DISPUTE.includes(user.role) ? <OpenDispute path={path} onDone={reload} /> : null}
        </Panel>
      </div>

      <div className="grid">
        <Panel title="Placement" testId="placement">
          {wf?.placement ? (
            <dl className="facts">
              <dt>Status</dt>
              <dd>{words(wf.placement.status)}</dd>
              <dt>Agency</dt>
              <dd>{wf.placement.agencyId ?? '—'}</dd>
              {wf.placement.failedGates?.length ? (
                <>
                  <dt>Gates not met</dt>
                  <dd>{wf.placement.failedGates.map(words).join(', ')}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p className="empty">Not placed with an agency{wf?.finalNoticeSentAt ? '; final notice sent' : ''}.</p>
          )}
        </Panel>
        <Panel title="Ledger" testId="ledger">
          <Table
            rows={a.ledger}
            rowKey={(l) => l.eventId + l.kind}
            columns={[
              { header: 'When', cell: (l) => <DateTime at={l.at} dateOnly /> },
              { header: 'What', cell: (l) => l.description },
              { header: 'Visit', cell: (l) => l.visitRef ?? '—' },
              { header: 'Amount', numeric: true, cell: (l) => <Money cents={l.amountCents} /> },
            ]}
          />
        </Panel>
      </div>
    </Page>
  );
}

function useAction(onDone: () => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, [{ path: 'request', message: String(err) }]));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function PauseButton({ path, onDone }: { path: string; onDone: () => void }) {
  const { error, busy, run } = useAction(onDone);
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(() => api(`${path}/pause`, { method: 'POST', body: {} }))}>
        Pause outreach for hardship review
      </button>
      {error ? <span className="field-error">{error.message}</span> : null}
    </>
  );
}

function OpenDispute({ path, onDone }: { path: string; onDone: () => void }) {
  const [reason, setReason] = useState('amount_incorrect');
  const [description, setDescription] = useState('');
  const { error, busy, run } = useAction(() => {
    setDescription('');
    onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api(`${path}/disputes`, { method: 'POST', body: { reason, description } }));
  };
  return (
    <form onSubmit={submit} aria-label="Open a dispute">
      <h3 className="subhead">Open a dispute</h3>
      <label htmlFor="dispute-reason">Reason</label>
      <select id="dispute-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
        {DISPUTE_REASONS.map((r) => (
          <option key={r} value={r}>
            {words(r)}
          </option>
        ))}
      </select>
      <label htmlFor="dispute-description">What the patient said</label>
      <textarea id="dispute-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={!!error?.forField('description')} />
      {error ? <p className="field-error">{error.forField('description') ?? error.message}</p> : null}
      <p>
        <button type="submit" disabled={busy}>
          Open dispute
        </button>
      </p>
    </form>
  );
}

function ResolveDispute({ path, disputeRef, onDone }: { path: string; disputeRef: string; onDone: () => void }) {
  const [outcome, setOutcome] = useState('rejected');
  const [cause, setCause] = useState('none');
  const [resolution, setResolution] = useState('');
  const { error, busy, run } = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api(`${path}/disputes/${encodeURIComponent(disputeRef)}/resolve`, { method: 'POST', body: { outcome, cause, resolution } }));
  };
  return (
    <form className="inline-form resolve" onSubmit={submit} aria-label={`Resolve dispute ${disputeRef}`}>
      <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        {DISPUTE_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {words(o)}
          </option>
        ))}
      </select>
      <select aria-label="Cause" value={cause} onChange={(e) => setCause(e.target.value)}>
        {DISPUTE_CAUSES.map((o) => (
          <option key={o} value={o}>
            {words(o)}
          </option>
        ))}
      </select>
      <input aria-label="Resolution" placeholder="What was decided" value={resolution} onChange={(e) => setResolution(e.target.value)} />
      <button type="submit" disabled={busy}>
        Resolve
      </button>
      {error ? <span className="field-error">{error.forField('resolution') ?? error.message}</span> : null}
    </form>
  );
}
