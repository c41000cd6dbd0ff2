import { Inject, Injectable } from '@nestjs/common';
import type { OutreachRequestBase } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import type { OutreachConfig } from '../config';
import { CONFIG } from '../tokens';
import { NotSentError } from '../attempts/attempt-runner';
import { payLinkFor } from '../clinic-branding';

const log = createLogger('outreach.pay-links');

/** What a message shows about the bill, as the pay page behind the link will show it. */
export interface PayLinkFigures {
  chargesCents: number;
  insurancePaidCents: number;
  adjustmentsCents: number;
  balanceCents: number;
}

export interface MessagePayLink {
  url: string;
  /** Absent when payments could not read the ledger just now (the link still works). */
  figures?: PayLinkFigures;
}

/**
 * Every message carries a pay link from payments (`POST /internal/pay-links`), keyed by the attempt key, so a
 * retried attempt puts the same link in the same message and a resend after a crash reconciles by its text.
 * Payments unreachable or failing is "not sent, try again" (the activity retries); a request payments refuses
 * (4xx) will not succeed on retry and fails the attempt like a template that cannot render.
 */
@Injectable()
export class PayLinkClient {
  constructor(@Inject(CONFIG) private readonly config: OutreachConfig) {}

  async linkFor(req: OutreachRequestBase): Promise<MessagePayLink> {
    const given = req.figures?.payLink;
    if (typeof given === 'string' && given.trim() !== '') return { url: given.trim() };
    if (this.config.PAY_LINK_SOURCE === 'local') return { url: payLinkFor(req, this.config) };
    let res: Response;
    try {
      res = await fetch(`${this.config.PAYMENTS_URL.replace(/\/$/, '')}/internal/pay-links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: req.tenantId, clinicId: req.clinicId, accountId: req.accountId, issueKey: req.attemptKey }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new NotSentError(`pay link: payments unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    if (res.status >= 500 || res.status === 429) throw new NotSentError(`pay link: payments answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { url?: unknown; summary?: Partial<PayLinkFigures> & Record<string, unknown>; message?: unknown };
    if (!res.ok || typeof body.url !== 'string') {
      log.warn({ attemptKey: req.attemptKey, status: res.status }, 'payments refused the pay link request');
      throw new Error(`pay link: payments answered ${res.status} ${typeof body.message === 'string' ? body.message : ''}`.trim());
    }
    return { url: body.url, ...(figuresOf(body.summary) ? { figures: figuresOf(body.summary) } : {}) };
  }
}

const cents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function figuresOf(s: (Partial<PayLinkFigures> & Record<string, unknown>) | undefined): PayLinkFigures | undefined {
  if (!s || !cents(s.chargesCents) || !cents(s.insurancePaidCents) || !cents(s.adjustmentsCents) || !cents(s.balanceCents)) return undefined;
  return { chargesCents: s.chargesCents, insurancePaidCents: s.insurancePaidCents, adjustmentsCents: s.adjustmentsCents, balanceCents: s.balanceCents };
}
