import type { ContactEntry } from '@courtesy/contracts';

/** One row of outreach's attempt log, as `GET /internal/accounts/:tenant/:account/attempts` returns it. */
export interface OutreachAttempt {
  channel: string;
  status: string;
  deliveryStatus?: string | null;
  createdAt: string;
  sentAt?: string | null;
}

const CHANNELS: Record<string, ContactEntry['channel']> = { sms: 'sms', email: 'email', letter: 'mail', call: 'call' };
/** Attempts the rules held back or that are still waiting never reached the patient: not contacts. */
const CONTACTED = new Set(['sent', 'failed']);

/** Oldest first, as a timeline reads. */
export function contactEntriesOf(attempts: OutreachAttempt[]): ContactEntry[] {
  return attempts
    .filter((a) => CONTACTED.has(a.status) && CHANNELS[a.channel])
    .map((a) => ({
      at: new Date(a.sentAt ?? a.createdAt).toISOString(),
      channel: CHANNELS[a.channel]!,
      direction: 'outbound' as const,
      outcome: a.deliveryStatus ?? a.status,
    }))
    .sort((x, y) => x.at.localeCompare(y.at));
}
