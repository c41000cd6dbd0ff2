import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { Page, Panel } from '../ui';
import { useSession } from '../session';
import { ApprovalsTable, describeTerms } from './ApprovalsTable';
import type { ApprovalRow } from '../queues/types';

type PlanAnswer = { status: 'started'; plan: { planId: string; installments: unknown[] } } | { status: 'pending'; approval: ApprovalRow };
type SettlementAnswer = { status: 'offered'; offer: { settlementCents: number; discountPct: number } } | { status: 'pending'; approval: ApprovalRow };

const inTwoWeeks = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 14);
  return d.toISOString().slice(0, 10);
};

function FieldError({ error, field }: { error: unknown; field: string }) {
  const message = error instanceof ApiError ? error.forField(field) : undefined;
  return message ? <span className="field-error">{message}</span> : null;
}

function OtherErrors({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  const rest = error instanceof ApiError ? error.errors.filter((e) => !fields.some((f) => e.path.endsWith(`.${f}`))) : [{ path: 'request', message: String((error as Error).message) }];
  if (!rest.length) return null;
  return (
    <p className="field-error" role="alert">
      {rest.map((e) => e.message).join('; ')}
    </p>
  );
}

/**
 * Offer a plan or a settlement on one account. The server asks the balance workflow with the signed-in
 * user's role: a plan or discount within that role's authority starts at once, a larger one goes to the
 * approvals queue for the role the policy names.
 */
export function AccountWorkPanel({ accountId, reload }: { accountId: string; reload?: () => void }) {
  const { user } = useSession();
  const [installments, setInstallments] = useState('6');
  const [firstDueDate, setFirstDueDate] = useState(inTwoWeeks());
  const [discount, setDiscount] = useState('10');
  const [planOut, setPlanOut] = useState<{ answer?: PlanAnswer; error?: unknown }>({});
  const [settleOut, setSettleOut] = useState<{ answer?: SettlementAnswer; error?: unknown }>({});
  const [tick, setTick] = useState(0);

  const offerPlan = async (e: FormEvent) => {
    e.preventDefault();
    setPlanOut({});
    try {
      const answer = await api<PlanAnswer>(`/staff/v1/accounts/${accountId}/plan-requests`, { method: 'POST', body: { installments: Number(installments), firstDueDate } });
      setPlanOut({ answer });
      setTick((t) => t + 1);
      // On the account page the story (stage, plan) changes when a plan starts.
      if (answer.status === 'started') reload?.();
    } catch (error) {
      setPlanOut({ error });
    }
  };
  const offerSettlement = async (e: FormEvent) => {
    e.preventDefault();
    setSettleOut({});
    try {
      const answer = await api<SettlementAnswer>(`/staff/v1/accounts/${accountId}/settlement-requests`, { method: 'POST', body: { discountPct: Number(discount) } });
      setSettleOut({ answer });
      setTick((t) => t + 1);
      if (answer.status === 'offered') reload?.();
    } catch (error) {
      setSettleOut({ error });
    }
  };

  // Ops and admins read accounts but do not offer money decisions.
  if (!['staff', 'manager', 'finance'].includes(user.role)) return null;
  return (
    <div className="grid" data-testid="account-work">
      <Panel title="Offer a payment plan">
        <form className="inline-form" onSubmit={(e) => void offerPlan(e)} aria-label="Offer a payment plan">
          <label>
            Monthly payments
            <input type="number" min={2} max={120} value={installments} onChange={(e) => setInstallments(e.target.value)} name="installments" aria-invalid={!!(planOut.error instanceof ApiError && planOut.error.forField('installments'))} />
            <FieldError error={planOut.error} field="installments" />
          </label>
          <label>
            First payment
            <input type="date" value={firstDueDate} onChange={(e) => setFirstDueDate(e.target.value)} name="firstDueDate" />
            <FieldError error={planOut.error} field="firstDueDate" />
          </label>
          <button type="submit" className="primary">
            Offer plan
          </button>
        </form>
        <OtherErrors error={planOut.error} fields={['installments', 'firstDueDate']} />
        {planOut.answer?.status === 'started' ? (
          <p className="notice" role="status" data-testid="plan-result">
            Plan {planOut.answer.plan.planId} started: {planOut.answer.plan.installments.length} payments.
          </p>
        ) : planOut.answer?.status === 'pending' ? (
          <p className="notice" role="status" data-testid="plan-result">
            Sent for approval: {describeTerms(planOut.answer.approval)} needs a {planOut.answer.approval.requiredRole.replace('_', ' ')}.
          </p>
        ) : null}
      </Panel>
      <Panel title="Offer a settlement">
        <form className="inline-form" onSubmit={(e) => void offerSettlement(e)} aria-label="Offer a settlement">
          <label>
            Discount (%)
            <input type="number" min={1} max={100} value={discount} onChange={(e) => setDiscount(e.target.value)} name="discountPct" />
            <FieldError error={settleOut.error} field="discountPct" />
          </label>
          <button type="submit" className="primary">
            Offer settlement
          </button>
        </form>
        <OtherErrors error={settleOut.error} fields={['discountPct']} />
        {settleOut.answer?.status === 'offered' ? (
          <p className="notice" role="status" data-testid="settlement-result">
            Offered: settle for ${(settleOut.answer.offer.settlementCents / 100).toFixed(2)} ({settleOut.answer.offer.discountPct}% off).
          </p>
        ) : settleOut.answer?.status === 'pending' ? (
          <p className="notice" role="status" data-testid="settlement-result">
            Sent for approval: {describeTerms(settleOut.answer.approval)} needs a {settleOut.answer.approval.requiredRole.replace('_', ' ')}.
          </p>
        ) : null}
      </Panel>
      <Panel title="Approval requests on this account">
        <ApprovalsTable key={tick} path={`/staff/v1/approvals?status=all&accountId=${accountId}`} page={1} onPage={() => undefined} />
      </Panel>
    </div>
  );
}

/** The actions panel on its own page (`/work/:accountId`), linked from queues and the account page. */
export function AccountWorkPage() {
  const { accountId = '' } = useParams();
  return (
    <Page title="Plans, settlements and approvals" subtitle={`Account ${accountId.slice(0, 8)}`}>
      <AccountWorkPanel accountId={accountId} />
    </Page>
  );
}
