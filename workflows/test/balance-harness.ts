/**
 * Shared set-up for BalanceWorkflow tests on the real time-skipping test server: one worker runs the real
 * workflow bundle (BalanceWorkflow + PaymentPlanWorkflow) and in-memory stand-ins for the outreach, payments
 * and placement activities. The stand-ins record what the workflow asked for at which (skipped) server time,
 * and answer the way the real services would — including the signals accounts and placement send back.
 * Payloads go through the real AES-GCM codec, so recorded histories hold no readable contact details.
 */
import { randomBytes } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { dataConverterFor } from '@courtesy/temporal';
import { ALL_SEARCH_ATTRIBUTES } from '../src/shared/search-attributes';
import { defaultPolicy, type Channel, type CollectionPolicy } from '../src/domain/policy';
import { MS_PER_DAY } from '../src/domain/local-time';
import type { BalanceStart } from '../src/shared/balance-types';
import { balanceWorkflowId } from '../src/shared/task-queues';
import type { AttemptOutcome, OutreachActivities, OutreachRequestBase } from '../src/shared/outreach-activities';
import type { ChargeInstallmentRequest, ChargeOutcome, PaymentsActivities } from '../src/shared/payments-activities';
import type { PlacementActivities, PlacementRequest, RecallRequest } from '../src/shared/placement-activities';
import { ledgerChangedSignal, paymentReceivedSignal, placementAcceptedSignal, type BalanceView } from '../src/shared/balance-messages';
import type { BalanceWorkflow } from '../src/workflows/balance';

const indexedValueType = (type: SearchAttributeType) =>
  type === SearchAttributeType.INT
    ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
    : type === SearchAttributeType.DATETIME
      ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
      : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

export const DAY = MS_PER_DAY;
export const NY = 'America/New_York';
/** A fixed test key (not a secret): fixtures recorded with it replay with it. */
export const TEST_CODEC_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
export const dataConverter = dataConverterFor({ PAYLOAD_CODEC_KEYS: TEST_CODEC_KEYS });

/** Contact details that must never appear in a history read without the codec. */
export const CONTACT = {
  firstName: 'Harriet',
  email: 'harriet.quill@example.test',
  phone: '+13125550147',
  timeZone: NY,
  language: 'en' as const,
  smsConsent: true,
  emailConsent: true,
};

export interface Send {
  day: number;
  at: number;
  channel: Channel;
  request: OutreachRequestBase;
  outcome: AttemptOutcome['status'];
}

export interface AccountRecord {
  startMs: number;
  balanceCents: number;
  sends: Send[];
  charges: { day: number; request: ChargeInstallmentRequest; status: ChargeOutcome['status'] }[];
  placements: PlacementRequest[];
  recalls: RecallRequest[];
  /** Scripted outreach answers; default "sent". */
  outreach?: (channel: Channel, request: OutreachRequestBase) => AttemptOutcome | undefined;
  /** Scripted charge answers; default "succeeded". */
  charge?: (request: ChargeInstallmentRequest) => ChargeOutcome['status'];
  paymentCount: number;
}

export class BalanceHarness {
  env!: TestWorkflowEnvironment;
  worker!: Worker;
  private running!: Promise<void>;
  readonly taskQueue = `balances-test-${randomBytes(4).toString('hex')}`;
  readonly accounts = new Map<string, AccountRecord>();

  private readonly started: WorkflowHandle[] = [];

  async setUp(): Promise<void> {
    try {
      // Worker lifecycle chatter drowns test output; warnings and errors still show.
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed by another test file in this process.
    }
    const path = process.env.TEMPORAL_TEST_SERVER_PATH;
    this.env = await TestWorkflowEnvironment.createTimeSkipping({
      ...(path ? { server: { executable: { type: 'existing-path', path } } } : {}),
      client: { dataConverter },
    });
    // The test server knows no custom search attributes until they are registered, as infra does for the dev server.
    await this.env.connection.operatorService.addSearchAttributes({
      namespace: this.env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
    });
    const bundle: WorkflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../src/workflows'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
    });
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: bundle,
      dataConverter,
      activities: { ...this.outreach(), ...this.payments(), ...this.placement() },
    });
    this.running = this.worker.run();
  }

  /** A failed journey must not leave its workflow running: it would keep the shared test clock busy. */
  async terminateRunning(): Promise<void> {
    for (const handle of this.started.splice(0)) {
      const d = await handle.describe().catch(() => undefined);
      if (d?.status.name === 'RUNNING') await handle.terminate('test finished').catch(() => undefined);
    }
  }

  async tearDown(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env?.teardown();
  }

  private recordFor(workflowId: string): AccountRecord {
    const balanceId = workflowId.split(':plan:')[0]!;
    const r = this.accounts.get(balanceId);
    if (!r) throw new Error(`no test account for ${balanceId}`);
    return r;
  }

  private dayOf(r: AccountRecord, at: number): number {
    return (at - r.startMs) / DAY;
  }

  private outreach(): OutreachActivities {
    const handle = (channel: Channel) => async (request: OutreachRequestBase): Promise<AttemptOutcome> => {
      const at = Context.current().info.scheduledTimestampMs;
      const r = this.recordFor(request.workflowId);
      const outcome = r.outreach?.(channel, request) ?? { status: 'sent', attemptId: request.attemptKey };
      r.sends.push({ day: this.dayOf(r, at), at, channel, request, outcome: outcome.status });
      return outcome;
    };
    return {
      sendText: handle('sms'),
      sendEmail: handle('email'),
      mailStatement: handle('letter'),
      createCallTask: handle('call'),
    };
  }

  private payments(): PaymentsActivities {
    return {
      createPlanSchedule: async (request) => ({ planId: request.planId }),
      chargeInstallment: async (request) => {
        const at = Context.current().info.scheduledTimestampMs;
        const r = this.recordFor(request.workflowId);
        const status = r.charge?.(request) ?? 'succeeded';
        r.charges.push({ day: this.dayOf(r, at), request, status });
        if (status !== 'succeeded') return { status, code: status === 'soft_declined' ? 'insufficient_funds' : 'stolen_card' };
        // What accounts does when payments reports the charge: the ledger moves, the balance workflow hears it.
        r.balanceCents -= request.amountCents;
        await this.payment(request.workflowId.split(':plan:')[0]!, request.amountCents, {
          paymentId: `pay-${request.idempotencyKey}`,
          source: 'plan_installment',
          planId: request.planId,
          installmentSeq: request.installmentNumber,
        });
        return { status, paymentId: `pay-${request.idempotencyKey}`, amountCents: request.amountCents };
      },
      rebalancePlan: async () => undefined,
      cancelPlan: async () => undefined,
    };
  }

  private placement(): PlacementActivities {
    return {
      routePlacement: async (request) => {
        const r = this.recordFor(request.balanceWorkflowId);
        r.placements.push(request);
        const placementWorkflowId = `placement:${request.tenantId}:agency-1:batch-1`;
        // The agency's workflow accepts and answers by signal, as placement's PlacementWorkflow does.
        await this.env.client.workflow
          .getHandle(request.balanceWorkflowId)
          .signal(placementAcceptedSignal, { agencyId: 'agency-1', placementId: `pl-${request.accountId}`, placementWorkflowId });
        return { agencyId: 'agency-1', placementWorkflowId };
      },
      requestRecall: async (request) => {
        this.recordFor(request.balanceWorkflowId).recalls.push(request);
      },
    };
  }

  /** Accounts' view of a payment: a new ledger balance, signalled to the balance workflow. */
  async payment(
    workflowId: string,
    amountCents: number,
    extra: Partial<{ paymentId: string; source: 'pay_link' | 'plan_installment'; planId: string; installmentSeq: number }> = {},
  ): Promise<void> {
    const r = this.accounts.get(workflowId)!;
    if (extra.source !== 'plan_installment') r.balanceCents -= amountCents;
    r.paymentCount++;
    await this.env.client.workflow.getHandle(workflowId).signal(paymentReceivedSignal, {
      eventId: `evt-pay-${r.paymentCount}-${extra.paymentId ?? 'link'}`,
      paymentId: extra.paymentId ?? `link-${r.paymentCount}`,
      amountCents,
      balanceCents: r.balanceCents,
      source: extra.source ?? 'pay_link',
      ...(extra.planId ? { planId: extra.planId } : {}),
      ...(extra.installmentSeq ? { installmentSeq: extra.installmentSeq } : {}),
    });
  }

  /** Accounts' view of any other ledger change (remittance, adjustment). */
  async ledger(workflowId: string, balanceCents: number, reason: string): Promise<void> {
    const r = this.accounts.get(workflowId)!;
    r.balanceCents = balanceCents;
    r.paymentCount++;
    await this.env.client.workflow.getHandle(workflowId).signal(ledgerChangedSignal, { eventId: `evt-ledger-${r.paymentCount}`, balanceCents, reason });
  }

  async start(
    name: string,
    opts: { balanceCents?: number; policy?: CollectionPolicy; contact?: Partial<BalanceStart['contact']>; start?: Partial<BalanceStart> } = {},
  ): Promise<{ handle: WorkflowHandle<typeof BalanceWorkflow>; workflowId: string; record: AccountRecord; start: BalanceStart }> {
    const accountId = `${name}-${randomBytes(3).toString('hex')}`;
    const workflowId = balanceWorkflowId('t1', 'c1', accountId);
    const startMs = await this.env.currentTimeMs();
    const balanceCents = opts.balanceCents ?? 20_000;
    const policy = opts.policy ?? defaultPolicy();
    const start: BalanceStart = {
      tenantId: 't1',
      clinicId: 'c1',
      accountId,
      clinicName: 'Maple Street PT',
      balanceCents,
      startedAt: new Date(startMs).toISOString(),
      dayLengthMs: policy.dayLengthMs,
      contact: { ...CONTACT, ...opts.contact },
      taskQueues: { outreach: this.taskQueue, payments: this.taskQueue, placement: this.taskQueue },
      policy,
      ...opts.start,
    };
    const record: AccountRecord = { startMs, balanceCents, sends: [], charges: [], placements: [], recalls: [], paymentCount: 0 };
    this.accounts.set(workflowId, record);
    const handle = await this.env.client.workflow.start<typeof BalanceWorkflow>('BalanceWorkflow', {
      taskQueue: this.taskQueue,
      workflowId,
      args: [start],
    });
    this.started.push(handle);
    return { handle, workflowId, record, start };
  }

  /** Advances the server clock to `day` days after the account's start. */
  async untilDay(record: AccountRecord, day: number): Promise<void> {
    const target = record.startMs + day * DAY;
    const now = await this.env.currentTimeMs();
    if (target > now) await this.env.sleep(target - now);
  }

  async state(handle: WorkflowHandle): Promise<BalanceView> {
    return handle.query<BalanceView>('state');
  }
}

export const sentSteps = (r: AccountRecord) => r.sends.filter((s) => s.outcome === 'sent').map((s) => `${s.request.stepKey}:${s.channel}`);
