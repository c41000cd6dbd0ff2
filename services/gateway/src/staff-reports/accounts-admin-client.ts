import { BadGatewayException, HttpException } from '@nestjs/common';

/**
 * Accounts' operator API (scorecard, clinics, policies) as the staff reports reach it: with the operator token,
 * never exposed to the browser. Accounts' 4xx answers (400 naming the field, 404) go back to the console as
 * they are; anything else is the gateway's 502.
 */
export class AccountsAdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async json<T>(
    method: 'GET' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.send(method, path, body, headers);
    const payload = (await res.json().catch(() => ({}))) as T;
    if (res.ok) return payload;
    throw this.failure(res.status, payload);
  }

  async text(path: string): Promise<{ body: string; disposition: string | null }> {
    const res = await this.send('GET', path);
    if (!res.ok) throw this.failure(res.status, await res.json().catch(() => ({})));
    return { body: await res.text(), disposition: res.headers.get('content-disposition') };
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token ?? ''}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new BadGatewayException({
        statusCode: 502,
        errors: [{ path: 'accounts', message: 'accounts is not reachable' }],
      });
    }
  }

  private failure(status: number, payload: unknown): HttpException {
    if (status >= 400 && status < 500 && status !== 401 && status !== 403)
      return new HttpException(payload as object, status);
    return new BadGatewayException({
      statusCode: 502,
      errors: [{ path: 'accounts', message: `accounts answered ${status}` }],
    });
  }
}

export const ACCOUNTS_ADMIN = Symbol('ACCOUNTS_ADMIN');
