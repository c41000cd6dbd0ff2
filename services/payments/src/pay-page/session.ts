import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * After the identity check the browser holds a short-lived session for one link: `<linkId>.<expiresMs>.<mac>`,
 * HMAC-SHA256 under PAY_LINK_SECRET. Forms carry a CSRF token derived from the same session, so a page on another
 * site cannot post a payment with the patient's cookie (the cookie is also SameSite=Strict).
 */
export const SESSION_MINUTES = 30;

export class PaySessions {
  constructor(private readonly secret: string) {}

  issue(linkId: string, now = Date.now()): string {
    const exp = now + SESSION_MINUTES * 60_000;
    return `${linkId}.${exp}.${this.mac(`${linkId}.${exp}`)}`;
  }

  /** True when the cookie is ours, for this link, and not expired. */
  valid(cookie: string | undefined, linkId: string, now = Date.now()): boolean {
    if (!cookie) return false;
    const [id, exp, mac] = cookie.split('.');
    if (id !== linkId || !exp || !mac || Number(exp) < now) return false;
    return this.same(mac, this.mac(`${id}.${exp}`));
  }

  csrf(cookie: string): string {
    return this.mac(`csrf:${cookie}`);
  }

  csrfValid(cookie: string, token: string | undefined): boolean {
    return typeof token === 'string' && this.same(token, this.csrf(cookie));
  }

  private mac(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
