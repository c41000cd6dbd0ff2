import { type CanActivate, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';

/**
 * Operator endpoints (tenant and clinic set-up, integrator keys) take a bearer token from ADMIN_TOKEN until the
 * staff console's role-based sign-in covers them.
 */
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly token: string | undefined) {}

  canActivate(context: ExecutionContext): boolean {
    const header: string = context.switchToHttp().getRequest().headers['authorization'] ?? '';
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(this.token ?? '');
    if (!this.token || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException({ statusCode: 401, errors: [{ path: 'headers.authorization', message: 'must be Bearer <ADMIN_TOKEN>' }] });
    }
    return true;
  }
}
