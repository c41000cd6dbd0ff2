export interface Clinic {
  clinicId: string;
  name: string;
  timeZone: string;
  phone: string | null;
}

export interface BalanceRow {
  accountRef: string;
  clinicId: string;
  balanceCents: number;
  stage: string | null;
  segment: string | null;
  openedAt: string | null;
  ageDays: number | null;
  nextActionAt: string | null;
  workflowId: string;
}

export interface Consent {
  granted: boolean;
  at: string;
  source: string;
}

export interface Attempt {
  attemptKey: string;
  stepKey: string | null;
  channel: string;
  purpose: string | null;
  templateKey: string | null;
  status: string;
  rule: string | null;
  explanation: string | null;
  decision: unknown;
  deliveryStatus: string | null;
  deliveryError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The workflow's own view (BalanceView in workflows/src/shared/balance-messages.ts), the parts the page shows. */
export interface WorkflowView {
  stage: string;
  segment: string;
  balanceCents: number;
  policyVersion: number;
  daysSinceFirstStatement: number;
  nextStep: string;
  nextActionAt: string | null;
  attemptsByChannel: Record<string, number>;
  openHolds: { disputes: string[]; insuranceHold: boolean; stopped: string | null; promiseToPayUntil: string | null; complaintReviewUntil: string | null };
  optedOut: string[];
  plan: { planId: string; status: string; remainingCents: number } | null;
  hardship: { kind: string; reviewAt: string } | null;
  hardshipRequest: { requestId: string; requestedAt: string; waitUntil: string } | null;
  settlement: { offerId: string; settlementCents: number; expiresAt: string; accepted: boolean } | null;
  placement: { status: string; agencyId?: string; placementId?: string; failedGates?: string[] } | null;
  finalNoticeSentAt: string | null;
  resolution: string | null;
}

export interface AccountStory {
  accountId: string;
  tenantId: string;
  clinicId: string;
  accountRef: string;
  clinic: { name: string; timeZone: string; phone: string | null } | null;
  balanceCents: number;
  firstPositiveAt: string | null;
  holds: { openDisputes?: string[]; insuranceHold?: boolean; mailReturned?: boolean };
  guarantor: {
    firstName: string | null;
    lastName: string | null;
    dateOfBirth: string | null;
    email: string | null;
    phone: string | null;
    postalAddress: Record<string, string> | null;
    language: string | null;
    timeZone: string | null;
    consent: { sms: Consent | null; email: Consent | null };
  } | null;
  summary: { chargesCents: number; insurancePaidCents: number; adjustmentsCents: number; patientPaidCents: number };
  visits: Array<{ visitRef: string; firstAt: string; chargesCents: number; insurancePaidCents: number; adjustmentsCents: number; patientPaidCents: number }>;
  ledger: Array<{ eventId: string; at: string; kind: string; amountCents: number; visitRef: string | null; description: string }>;
  workflowId: string | null;
  workflow: WorkflowView | null;
  workflowError: string | null;
  attempts: { attempts: Attempt[] } | null;
  attemptsError: string | null;
  temporalUrl: string | null;
}
