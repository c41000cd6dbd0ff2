import { BadGatewayException, HttpException } from '@nestjs/common';

/**
 * One owning service's internal API, called with the operator token. Its 4xx answers (field-named errors)
 * pass through to the staff member; anything else is a 502 naming the service.
 */
export class InternalApi {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return this.call<T>('GET', qs ? `${path}?${qs}` : path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new BadGatewayException({ statusCode: 502, errors: [{ path: this.service, message: `${this.service} is not reachable` }] });
    }
    const payload = (await res.json().catch(() => ({}))) as T & { errors?: unknown };
    if (res.ok) return payload;
    if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403) throw new HttpException(payload as object, res.status);
    throw new BadGatewayException({ statusCode: 502, errors: [{ path: this.service, message: `${this.service} answered ${res.status}` }] });
  }
}

export const ACCOUNTS_API = Symbol('ACCOUNTS_API');
export const OUTREACH_API = Symbol('OUTREACH_API');
export const PAYMENTS_API = Symbol('PAYMENTS_API');
export const PLACEMENT_API = Symbol('PLACEMENT_API');
