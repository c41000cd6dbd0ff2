import { Body, Controller, Get, Header, HttpCode, HttpStatus, Inject, Post, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { CODEC_ACCESS, sameSecret, type CodecAccess } from './codec.guard';
import { SIGN_IN_PAGE, sessionCookie } from './codec-session';

const signIn = z.strictObject({ token: z.string('must be the codec token').min(1, 'must be the codec token') });

/** Sign-in for Temporal UI in a browser (see codec-session.ts); the CLI uses the bearer token directly. */
@Controller('codec/session')
export class CodecSessionController {
  constructor(@Inject(CODEC_ACCESS) private readonly access: CodecAccess) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return SIGN_IN_PAGE;
  }

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  signIn(@Body(new ZodValidationPipe(signIn)) body: z.infer<typeof signIn>, @Res({ passthrough: true }) res: Response): void {
    if (!this.access.token || !sameSecret(body.token, this.access.token)) {
      throw new UnauthorizedException({ statusCode: 401, errors: [{ path: 'body.token', message: 'is not the codec token' }] });
    }
    res.setHeader('Set-Cookie', sessionCookie(this.access.token, this.access.secureCookie));
  }
}
