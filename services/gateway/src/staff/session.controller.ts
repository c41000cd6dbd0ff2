import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';
import { StaffAudit } from './staff-audit.service';
import { StaffGuard, readCookie, type StaffRequest } from './staff.guard';
import { SESSION_COOKIE, StaffSessions, principalOf } from './staff-sessions.service';

const signInBody = z.strictObject({
  email: z.string({ error: 'is required' }).trim().min(3, 'is required').max(254).email('must be an email address'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(1024),
});

/** Sign-in, the current session and sign-out for the staff console. */
@Controller('staff/v1/session')
export class SessionController {
  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly sessions: StaffSessions,
    private readonly audit: StaffAudit,
  ) {}

  @Post()
  @HttpCode(200)
  async signIn(@Body(new ZodValidationPipe(signInBody)) body: z.infer<typeof signInBody>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // Login CSRF: a cross-site form cannot add this header, so it cannot sign a victim in to another account.
    if (req.header('x-courtesy-csrf') !== '1') {
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'headers.x-courtesy-csrf', message: 'must be "1" on state-changing staff requests' }] });
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const result = await this.sessions.signIn(body.email, body.password, address);
    if (!result) {
      throw new UnauthorizedException({ statusCode: 401, errors: [{ path: 'body.password', message: 'email or password is not correct' }] });
    }
    const principal = principalOf(result.user);
    await this.audit.record(principal, 'session.sign_in', `user:${principal.userId}`);
    const secure = this.config.PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
    const maxAge = Math.floor((result.expiresAt.getTime() - Date.now()) / 1000);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${result.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
    return { user: principal, expiresAt: result.expiresAt.toISOString(), idleMinutes: this.config.STAFF_SESSION_IDLE_MINUTES };
  }

  @Get()
  @UseGuards(StaffGuard)
  current(@Req() req: StaffRequest) {
    return { user: req.staff, idleMinutes: this.config.STAFF_SESSION_IDLE_MINUTES, temporalUiUrl: this.config.TEMPORAL_UI_URL, temporalNamespace: this.config.TEMPORAL_NAMESPACE };
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(StaffGuard)
  async signOut(@Req() req: StaffRequest, @Res({ passthrough: true }) res: Response) {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await this.sessions.signOut(token);
    await this.audit.record(req.staff, 'session.sign_out', `user:${req.staff.userId}`);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  }
}
