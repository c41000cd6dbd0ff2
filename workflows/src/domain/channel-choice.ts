/**
 * Which channel a cadence step uses for this patient. The workflow asks before each step, and again when
 * outreach answers "not possible on this channel" (then with that channel added to `tried`), so the step
 * falls back in the policy's order instead of being lost.
 *
 * This is the workflow's view from the facts it holds; outreach still checks consent and opt-outs at send
 * time, because a STOP may arrive between the decision and the send.
 */
import { CHANNELS, DEFAULT_CHANNEL_FALLBACK, type Channel } from './policy';

export interface ContactReachability {
  phone: 'ok' | 'missing' | 'bad_number';
  /** Recorded consent for texts (TCPA): a phone number alone is not enough to text about a bill. */
  smsConsent: boolean;
  email: 'ok' | 'missing' | 'bad';
  address: 'ok' | 'missing' | 'undeliverable';
  /** Channels the patient opted out of (STOP, unsubscribe, "do not call", "no letters"). */
  optedOut: readonly Channel[];
}

export type NotPossibleReason =
  | 'opted_out'
  | 'no_phone'
  | 'bad_number'
  | 'no_sms_consent'
  | 'no_email'
  | 'bad_email'
  | 'no_address'
  | 'address_undeliverable'
  | 'already_tried';

export interface SkippedChannel {
  channel: Channel;
  reason: NotPossibleReason;
}

export type ChannelChoice =
  | { ok: true; channel: Channel; fromFallback: boolean; skipped: SkippedChannel[] }
  | { ok: false; reason: string; skipped: SkippedChannel[] };

/** Why `channel` cannot reach this patient, or undefined when it can. */
export function channelBlocker(
  channel: Channel,
  contact: ContactReachability,
): NotPossibleReason | undefined {
  // An opt-out outranks everything: it is the patient's explicit instruction.
  if (contact.optedOut.includes(channel)) return 'opted_out';
  switch (channel) {
    case 'sms':
      if (contact.phone === 'missing') return 'no_phone';
      if (contact.phone === 'bad_number') return 'bad_number';
      return contact.smsConsent ? undefined : 'no_sms_consent';
    case 'call':
      // Staff place these calls by hand (a call task), which needs no autodialer consent; only a number.
      if (contact.phone === 'missing') return 'no_phone';
      return contact.phone === 'bad_number' ? 'bad_number' : undefined;
    case 'email':
      if (contact.email === 'missing') return 'no_email';
      return contact.email === 'bad' ? 'bad_email' : undefined;
    case 'letter':
      if (contact.address === 'missing') return 'no_address';
      return contact.address === 'undeliverable' ? 'address_undeliverable' : undefined;
  }
}

/**
 * The full order in which a step tries channels: its own preference list first, then the fallbacks of each
 * preferred channel in turn, without repeats.
 */
export function fallbackOrder(
  preference: Channel | readonly Channel[],
  fallback: Readonly<Record<Channel, readonly Channel[]>> = DEFAULT_CHANNEL_FALLBACK,
): Channel[] {
  const preferred = typeof preference === 'string' ? [preference] : [...preference];
  const order: Channel[] = [];
  for (const c of [...preferred, ...preferred.flatMap((p) => fallback[p])]) {
    if (!order.includes(c)) order.push(c);
  }
  return order;
}

export interface ChannelChoiceInput {
  /** The cadence step's channel or preference list. */
  preference: Channel | readonly Channel[];
  contact: ContactReachability;
  /** Channels already tried for this step that outreach answered "not possible" for. */
  tried?: readonly Channel[];
  fallback?: Readonly<Record<Channel, readonly Channel[]>>;
}

export function chooseChannel(input: ChannelChoiceInput): ChannelChoice {
  const preferred = typeof input.preference === 'string' ? [input.preference] : [...input.preference];
  if (preferred.length === 0 || preferred.some((c) => !CHANNELS.includes(c))) {
    throw new RangeError(`preference: must be a non-empty list of ${CHANNELS.join(', ')}`);
  }
  const tried = input.tried ?? [];
  const skipped: SkippedChannel[] = [];
  for (const channel of fallbackOrder(preferred, input.fallback)) {
    const reason = tried.includes(channel) ? 'already_tried' : channelBlocker(channel, input.contact);
    if (reason === undefined)
      return { ok: true, channel, fromFallback: !preferred.includes(channel), skipped };
    skipped.push({ channel, reason });
  }
  return {
    ok: false,
    reason: `no channel can reach the patient: ${skipped.map((s) => `${s.channel} (${s.reason})`).join(', ')}`,
    skipped,
  };
}
