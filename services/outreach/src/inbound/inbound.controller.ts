import { Body, Controller, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { InternalGuard } from '../internal-api/internal.guard';
import { InboundService } from './inbound.service';

const inboundText = z.object({ from: z.string().min(3).max(32), to: z.string().max(32).optional(), body: z.string().max(1600), messageSid: z.string().min(2).max(64) });
const mailReturned = z.object({ tenantId: z.string().min(1).max(128), accountId: z.string().min(1).max(128), attemptKey: z.string().min(1).max(300).optional() });
const bounce = z.object({ messageId: z.string().min(3).max(300), permanent: z.boolean() });
const statusReport = z.object({ messageSid: z.string().min(2).max(64), messageStatus: z.string().min(2).max(32), errorCode: z.string().max(16).optional() });

/** Called by the gateway once it has verified Twilio's signature; never reachable from outside. */
@Controller('internal')
@UseGuards(InternalGuard)
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post('twilio/inbound')
  @HttpCode(200)
  text(@Body(new ZodValidationPipe(inboundText)) body: z.infer<typeof inboundText>) {
    return this.inbound.inboundText(body);
  }

  @Post('twilio/status')
  @HttpCode(200)
  status(@Body(new ZodValidationPipe(statusReport)) body: z.infer<typeof statusReport>) {
    return this.inbound.deliveryStatus({ messageSid: body.messageSid, status: body.messageStatus, errorCode: body.errorCode });
  }

  @Post('unsubscribe/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string) {
    const result = await this.inbound.unsubscribe(token);
    if (!result.ok) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.token', message: 'is not a known unsubscribe link' }] });
    return result;
  }

  /** Returned mail (accounts forwards the EHR's mail.returned): the address is bad, staff confirm a new one. */
  @Post('mail-returned')
  @HttpCode(200)
  mailReturned(@Body(new ZodValidationPipe(mailReturned)) body: z.infer<typeof mailReturned>) {
    return this.inbound.mailReturned(body);
  }

  /** Bounce reports from the mail relay (its webhook or DSN reader posts here). */
  @Post('email/bounce')
  @HttpCode(200)
  bounce(@Body(new ZodValidationPipe(bounce)) body: z.infer<typeof bounce>) {
    return this.inbound.emailBounced(body);
  }
}
