import { BadRequestException, Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Request } from 'express';
import { createLogger } from '@courtesy/logging';
import { ChargeService } from '../charges/charge.service';
import { ForgedWebhookError, PAYMENT_PROCESSOR, isHardDecline, type PaymentProcessor } from '../processor';

const log = createLogger('payments.webhooks');

/**
 * Processor webhooks. The signature is checked over the exact bytes received (Stripe's scheme, also used by the
 * sandbox); a forged or stale one is answered 400 and changes nothing. Each processor event ID is recorded in
 * the same transaction as its effect, so a redelivered webhook is acknowledged and ignored.
 */
@Controller('webhooks')
export class ProcessorWebhooksController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly charges: ChargeService,
  ) {}

  @Post('processor')
  @HttpCode(200)
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Headers('stripe-signature') signature?: string) {
    let event;
    try {
      event = this.processor.verifyWebhook(req.rawBody ?? Buffer.alloc(0), signature);
    } catch (err) {
      if (!(err instanceof ForgedWebhookError)) throw err;
      log.warn({ reason: err.message }, 'processor webhook rejected');
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'headers.stripe-signature', message: err.message }] });
    }
    const outcome = await this.db.transaction(async (tx) => {
      const fresh = await tx.query(
        'insert into processor_events (event_id, processor, type) values ($1, $2, $3) on conflict (event_id) do nothing returning event_id',
        [event.id, this.processor.name, event.type],
      );
      if (fresh.length === 0) return 'duplicate';
      if (!event.processorPaymentId) return 'ignored';
      if (event.type === 'payment_intent.succeeded') {
        return (await this.charges.settle(tx, event.processorPaymentId, { succeeded: true })) ? 'applied' : 'already_settled';
      }
      if (event.type === 'payment_intent.payment_failed') {
        const code = event.declineCode ?? 'card_declined';
        return (await this.charges.settle(tx, event.processorPaymentId, { succeeded: false, code, hard: isHardDecline(code) })) ? 'applied' : 'already_settled';
      }
      return 'ignored';
    });
    log.info({ processorEventId: event.id, type: event.type, outcome }, 'processor webhook');
    return { received: true, outcome };
  }
}
