import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboundSms, SmsReceipt, SmsTransport } from './sms-transport';

/**
 * With no Twilio credentials configured, texts are recorded in `sandbox_messages` (readable through the
 * outreach API) instead of being sent, so a dev stack behaves the same without a provider account.
 */
export class SandboxSmsTransport implements SmsTransport {
  readonly kind = 'sandbox' as const;

  constructor(private readonly db: DataSource) {}

  async send(message: OutboundSms): Promise<SmsReceipt> {
    const sid = `SMsandbox${randomBytes(12).toString('hex')}`;
    await this.db.query('insert into sandbox_messages (channel, to_address, body, provider_message_id) values ($1, $2, $3, $4)', [
      'sms',
      message.to,
      message.body,
      sid,
    ]);
    return { providerMessageId: sid, costCents: 0 };
  }

  async findSent(to: string, body: string, since: Date): Promise<SmsReceipt | undefined> {
    const [row] = await this.db.query(
      `select provider_message_id from sandbox_messages where channel = 'sms' and to_address = $1 and body = $2 and created_at >= $3
        order by id limit 1`,
      [to, body, new Date(since.getTime() - 5_000)],
    );
    return row ? { providerMessageId: row.provider_message_id, costCents: 0 } : undefined;
  }
}
