import { CanActivate, ExecutionContext, Injectable, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { IntegratorsService, type IntegratorPrincipal } from './integrators.service';

export const SIGNATURE_HEADER = 'x-courtesy-signature';

type AuthedRequest = Request & { principal?: IntegratorPrincipal; rawBody?: Buffer };

/** Hex HMAC-SHA256 of the exact request body bytes, optionally prefixed `sha256=`. */
export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly integrators: IntegratorsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.header('x-api-key');
    if (!header) throw new UnauthorizedException({ errors: [{ path: 'headers.x-api-key', message: 'is required' }] });
    const principal = await this.integrators.authenticate(header);
    if (!principal) {
      throw new UnauthorizedException({ errors: [{ path: 'headers.x-api-key', message: 'is not a valid, active API key' }] });
    }
    if (principal.signingSecret) this.verifySignature(req, principal.signingSecret);
    req.principal = principal;
    return true;
  }

  private verifySignature(req: AuthedRequest, secret: string) {
    const given = (req.header(SIGNATURE_HEADER) ?? '').replace(/^sha256=/, '');
    const fail = (message: string) => new UnauthorizedException({ errors: [{ path: `headers.${SIGNATURE_HEADER}`, message }] });
    if (!given) throw fail('is required for this API key');
    if (!/^[0-9a-f]{64}$/i.test(given)) throw fail('must be a hex HMAC-SHA256 of the body');
    const expected = Buffer.from(signBody(secret, req.rawBody ?? Buffer.alloc(0)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw fail('does not match the request body');
  }
}

export const Principal = createParamDecorator((_: unknown, ctx: ExecutionContext): IntegratorPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthorizedException();
  return principal;
});
