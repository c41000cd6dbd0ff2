import { BadRequestException, Body, Controller, HttpCode, HttpException, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { parseEventsRequest } from '@courtesy/contracts';
import { ApiKeyGuard, Principal } from '../integrators/api-key.guard';
import type { IntegratorPrincipal } from '../integrators/integrators.service';
import { IngestService } from './ingest.service';
import { RateLimiter } from './rate-limiter';

@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class EventsController {
  constructor(
    private readonly ingest: IngestService,
    private readonly limiter: RateLimiter,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async post(@Principal() principal: IntegratorPrincipal, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const parsed = parseEventsRequest(body);
    if (!parsed.ok) throw new BadRequestException({ statusCode: 400, errors: parsed.errors });
    const limit = this.limiter.take(principal.keyId, parsed.events.length);
    if (!limit.ok) {
      res.setHeader('Retry-After', String(limit.retryAfterSeconds));
      throw new HttpException(
        { statusCode: 429, errors: [{ path: 'headers.x-api-key', message: `rate limit reached; retry after ${limit.retryAfterSeconds} s` }] },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const results = await this.ingest.accept(principal, parsed.events);
    return {
      accepted: results.filter((r) => r.status === 'accepted').length,
      duplicates: results.filter((r) => r.status === 'duplicate').length,
      events: results,
    };
  }
}
