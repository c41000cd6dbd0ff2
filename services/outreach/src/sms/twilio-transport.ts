import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions<T> = RequestClient.RequestOptions<T>;
import { NotSentError, PermanentSendFailure } from '../attempts/attempt-runner';
import type { OutboundSms, SmsReceipt, SmsTransport } from './sms-transport';

/**
 * The SDK's own HTTP client with the origin swapped: requests are built, signed and parsed by the real
 * twilio library, and go to TWILIO_API_BASE_URL (a regional proxy, or the local stand-in in tests).
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.base.protocol;
    uri.host = this.base.host;
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
  apiBaseUrl?: string;
}

/** Twilio error codes that mean this number will never take the message. */
const BAD_NUMBER_CODES = new Set([21211, 21214, 21217, 21612, 21614]);
/** 21610: the recipient replied STOP to this sender; Twilio blocks it, and so must we everywhere. */
const UNSUBSCRIBED = 21610;

export class TwilioSmsTransport implements SmsTransport {
  readonly kind = 'twilio' as const;
  private readonly client: twilio.Twilio;

  constructor(private readonly settings: TwilioSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      httpClient: settings.apiBaseUrl ? new BaseUrlRequestClient(new URL(settings.apiBaseUrl)) : undefined,
    });
  }

  async send(message: OutboundSms): Promise<SmsReceipt> {
    try {
      const m = await this.client.messages.create({
        to: message.to,
        body: message.body,
        messagingServiceSid: this.settings.messagingServiceSid,
        statusCallback: message.statusCallback,
      });
      return { providerMessageId: m.sid, costCents: priceCents(m.price) };
    } catch (err) {
      if (err instanceof twilio.RestException) {
        if (err.code === UNSUBSCRIBED) throw new PermanentSendFailure('opted_out', null, `Twilio ${err.code}: recipient unsubscribed`);
        if (err.code !== undefined && BAD_NUMBER_CODES.has(err.code)) {
          throw new PermanentSendFailure('bad_number', 'invalid_number', `Twilio ${err.code}: ${err.message}`);
        }
        // Twilio answered: the message was not created, so a retry is safe.
        throw new NotSentError(`Twilio ${err.status} ${err.code ?? ''}: ${err.message}`);
      }
      throw err;
    }
  }

  async findSent(to: string, body: string, since: Date): Promise<SmsReceipt | undefined> {
    // Twilio has no idempotency key for messages; an in-doubt attempt is matched on recipient, exact body and
    // creation time after the attempt began. Cadence texts to one number are days apart, so this is unambiguous.
    const recent = await this.client.messages.list({ to, limit: 50 });
    const match = recent.find(
      (m) => m.body === body && m.messagingServiceSid === this.settings.messagingServiceSid && m.dateCreated.getTime() >= since.getTime() - 5_000,
    );
    return match ? { providerMessageId: match.sid, costCents: priceCents(match.price) } : undefined;
  }
}

/** Twilio quotes price as a negative decimal string in dollars ("-0.00790"), null until known. */
function priceCents(price: string | null | undefined): number | null {
  if (price === null || price === undefined || price === '') return null;
  const n = Math.abs(Number(price));
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}
