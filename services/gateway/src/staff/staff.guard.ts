import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { StaffPrincipal, StaffRole } from './staff-principal';
import { SESSION_COOKIE, StaffSessions } from './staff-sessions.service';

const ROLES_KEY = 'courtesy:staff-roles';

/** Roles allowed on a staff endpoint (handler or controller); without it any signed-in staff user passes. */
export const StaffRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

export type StaffRequest = Request & { staff: StaffPrincipal; staffSessionId: string };

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Staff endpoints: a live session cookie (401 without), the CSRF header on state-changing requests (403 without:
 * a cross-site form cannot set it), and the roles of @StaffRoles (403 naming them). Sets `req.staff`.
 */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly sessions: StaffSessions,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<StaffRequest>();
    const token = readCookie(req, SESSION_COOKIE);
    const auth = token ? await this.sessions.authenticate(token) : null;
    if (!auth) {
      throw new UnauthorizedException({ statusCode: 401, errors: [{ path: 'session', message: token ? 'has expired or was ended; sign in again' : 'is missing; sign in first' }] });
    }
    if (!SAFE_METHODS.has(req.method) && req.header('x-courtesy-csrf') !== '1') {
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'headers.x-courtesy-csrf', message: 'must be "1" on state-changing staff requests' }] });
    }
    req.staff = auth.principal;
    req.staffSessionId = auth.sessionId;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles?.length && !roles.includes(auth.principal.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        errors: [{ path: 'role', message: `needs role ${roles.join(' or ')} (you are ${auth.principal.role})` }],
      });
    }
    return true;
  }
}
