import { BadGatewayException, HttpException } from '@nestjs/common';

/** Calls outreach's internal API with the operator token; outreach's own status and errors pass through. */
export class OutreachClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new BadGatewayException({ statusCode: 502, errors: [{ path: 'outreach', message: 'outreach is not reachable' }] });
    }
    const payload = (await res.json().catch(() => ({}))) as T;
    if (!res.ok) throw new HttpException(payload as object, res.status >= 500 ? 502 : res.status);
    return payload;
  }
}
