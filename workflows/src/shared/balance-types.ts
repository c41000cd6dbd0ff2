/**
 * Contracts between accounts (which starts and signals balance workflows), the workflow, and the activity
 * workers. Contact details travel only inside encrypted payloads (see the payload codec), never in IDs,
 * search attributes or summaries.
 */
import type { CollectionPolicy } from '../domain/policy';
import type { BalanceLogicState } from '../workflows/balance-logic';

export interface ContactFacts {
  firstName?: string;
  email?: string;
  phone?: string;
  timeZone?: string;
  language?: 'en' | 'es';
  smsConsent?: boolean;
  emailConsent?: boolean;
  /** When and where SMS consent was recorded (the guard logs it; without `smsConsentAt` outreach counts consent from the request). */
  smsConsentAt?: string;
  smsConsentSource?: string;
  /** For the mailed statement's address block only (never in a text or an email). */
  lastName?: string;
  address?: { line1: string; line2?: string; city: string; state: string; postalCode: string };
}

export interface BalanceStart {
  tenantId: string;
  clinicId: string;
  accountId: string;
  clinicName: string;
  balanceCents: number;
  /** UTC instant the balance became the patient's; cadence days count from here. */
  startedAt: string;
  /** Length of a cadence "day" in ms: 86_400_000 in production, seconds in the demo and some tests. */
  dayLengthMs: number;
  contact: ContactFacts;
  /** Task queues of the activity workers; deployments (and tests) may name them differently. */
  taskQueues?: { outreach?: string; payments?: string; placement?: string };
  /** IDs of ledger events already reflected in balanceCents, so a replayed signal is ignored. */
  appliedEventIds?: string[];
  /**
   * The clinic's policy version at start (accounts' policy store). Absent: the default policy with this
   * start's `dayLengthMs`. Later versions arrive by the `policyChanged` signal.
   */
  policy?: CollectionPolicy;
  /**
   * Set only by the workflow itself when it continues-as-new: the whole decision state, including the IDs
   * of recently applied events, so dedupe and the cadence position survive into the new run.
   */
  carried?: BalanceLogicState;
  /** Continue-as-new once the history has this many events (default 2,000; tests use a small number). */
  historyEventsBeforeContinue?: number;
}

export interface LedgerChanged {
  eventId: string;
  balanceCents: number;
  reason: string;
}
