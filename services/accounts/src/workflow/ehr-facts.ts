/**
 * Which balance-workflow signals an EHR event is, besides the ledger change itself. Pure: the ledger
 * service sends what this returns after the event's transaction work, and the workflow dedupes by event ID.
 * Only opaque references and figures go in; contact details only inside the (encrypted) payload.
 */
import type { EhrEvent } from '@courtesy/contracts';
import {
  complaintSignal,
  contactChangedSignal,
  disputeOpenedSignal,
  disputeResolvedSignal,
  mailReturnedSignal,
  rebilledSignal,
  rebillResolvedSignal,
  type ContactChanged,
} from '@courtesy/workflows';
import type { SignalDefinition } from '@temporalio/common';

export interface WorkflowFact {
  signal: SignalDefinition<[never]>;
  payload: unknown;
}

const fact = <T>(signal: SignalDefinition<[T]>, payload: T): WorkflowFact => ({
  signal: signal as unknown as SignalDefinition<[never]>,
  payload,
});

const WORKFLOW_CHANNELS = new Set(['sms', 'email', 'letter', 'call']);

export function workflowFactsFor(event: EhrEvent): WorkflowFact[] {
  const eventId = event.id;
  switch (event.type) {
    case 'dispute.opened':
      return [fact(disputeOpenedSignal, { eventId, disputeRef: event.data.disputeRef })];
    case 'dispute.resolved':
      return [fact(disputeResolvedSignal, { eventId, disputeRef: event.data.disputeRef, outcome: event.data.outcome })];
    case 'insurance.rebilled':
      return [fact(rebilledSignal, { eventId, ...(event.data.claimRef ? { claimRef: event.data.claimRef } : {}) })];
    case 'remittance.posted':
      // A remittance answers a rebill; for a balance that was never held this changes nothing.
      return [fact(rebillResolvedSignal, { eventId: `${eventId}:rebill`, ...(event.data.claimRef ? { claimRef: event.data.claimRef } : {}) })];
    case 'mail.returned':
      return [fact(mailReturnedSignal, { eventId })];
    case 'complaint.logged': {
      const channel = WORKFLOW_CHANNELS.has(event.data.channel) ? (event.data.channel as 'sms') : undefined;
      return [fact(complaintSignal, { eventId, severity: event.data.severity, ...(channel ? { channel } : {}) })];
    }
    case 'contact.updated': {
      const d = event.data;
      const contact: ContactChanged['contact'] = {};
      if (d.phone !== undefined) contact.phone = d.phone ?? undefined;
      if (d.email !== undefined) contact.email = d.email ?? undefined;
      if (d.timeZone !== undefined) contact.timeZone = d.timeZone;
      if (d.language !== undefined) contact.language = d.language === 'es' ? 'es' : 'en';
      if (d.consent?.sms) contact.smsConsent = d.consent.sms.granted;
      if (d.consent?.email) contact.emailConsent = d.consent.email.granted;
      return [fact(contactChangedSignal, { eventId, contact, addressChanged: d.address !== undefined })];
    }
    default:
      return [];
  }
}
