import { BadGatewayException, HttpException, Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

/** One service's internal API, called with the operator token; its 4xx pass through, anything else is a 502. */
export class InternalApi {
  constructor(
    private readonly name: string,
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new BadGatewayException({ statusCode: 502, errors: [{ path: this.name, message: `${this.name} is not reachable` }] });
    }
    const payload = (await res.json().catch(() => ({}))) as T;
    if (!res.ok) throw new HttpException(payload as object, res.status >= 400 && res.status < 500 && res.status !== 401 ? res.status : 502);
    return payload;
  }
}

/** The services behind the staff console. */
@Injectable()
export class ServiceClients {
  readonly accounts: InternalApi;
  readonly outreach: InternalApi;
  readonly payments: InternalApi;
  readonly placement: InternalApi;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    this.accounts = new InternalApi('accounts', config.ACCOUNTS_URL, config.ADMIN_TOKEN);
    this.outreach = new InternalApi('outreach', config.OUTREACH_URL, config.ADMIN_TOKEN);
    this.payments = new InternalApi('payments', config.PAYMENTS_URL, config.ADMIN_TOKEN);
    this.placement = new InternalApi('placement', config.PLACEMENT_URL, config.ADMIN_TOKEN);
  }
}

export const seg = (v: string) => encodeURIComponent(v);
