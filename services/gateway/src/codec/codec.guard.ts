import { timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { hasSession } from './codec-session';

export interface CodecAccess {
  /** Bearer token an ops engineer (or the UI's proxy) presents; unset: the endpoint refuses everything. */
  token: string | undefined;
  /** Namespaces whose payloads this endpoint may decode (the X-Namespace header Temporal UI sends). */
  namespaces: string[];
  /** Mark the UI session cookie Secure (the gateway is served over https). */
  secureCookie: boolean;
}

export const CODEC_ACCESS = Symbol('CODEC_ACCESS');

export const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Decoding shows a patient's contact details in clear, so only a holder of the ops token gets through, and
 * only for the namespaces this deployment owns.
 */
@Injectable()
export class CodecGuard implements CanActivate {
  constructor(@Inject(CODEC_ACCESS) private readonly access: CodecAccess) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.access.token) {
      throw new ForbiddenException({
        statusCode: 403,
        errors: [
          {
            path: 'headers.authorization',
            message: 'the codec endpoint is disabled: CODEC_AUTH_TOKEN is not set',
          },
        ],
      });
    }
    const header = req.header('authorization') ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    if (!sameSecret(given, this.access.token) && !hasSession(req.header('cookie'), this.access.token)) {
      throw new UnauthorizedException({
        statusCode: 401,
        errors: [{ path: 'headers.authorization', message: 'must be Bearer <CODEC_AUTH_TOKEN> (or sign in at /codec/session)' }],
      });
    }
    const namespace = req.header('x-namespace');
    if (namespace !== undefined && !this.access.namespaces.includes(namespace)) {
      throw new ForbiddenException({
        statusCode: 403,
        errors: [
          {
            path: 'headers.x-namespace',
            message: `namespace "${namespace}" is not served by this codec endpoint`,
          },
        ],
      });
    }
    return true;
  }
}
