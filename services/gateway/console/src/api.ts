/**
 * The console's one way to call the gateway: same-origin with the session cookie, the CSRF header on every
 * request, JSON in and out. Failures throw ApiError carrying the server's `errors: [{path, message}]`.
 * A 401 also tells the session (event `courtesy:unauthorized`) so the sign-in page comes back.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: FieldError[],
  ) {
    super(errors.map((e) => `${e.path} ${e.message}`).join('; ') || `request failed (${status})`);
  }

  /** The message for one field (`body.email` or just `email`), for showing next to its input. */
  forField(field: string): string | undefined {
    return this.errors.find((e) => e.path === field || e.path.endsWith(`.${field}`))?.message;
  }
}

export const UNAUTHORIZED_EVENT = 'courtesy:unauthorized';

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** A plain object is sent as JSON; a string as is. */
  body?: unknown;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { body, headers, ...rest } = init;
  const hasBody = body !== undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: {
        accept: 'application/json',
        'x-courtesy-csrf': '1',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(headers as Record<string, string> | undefined),
      },
      body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
    });
  } catch {
    throw new ApiError(0, [{ path: 'network', message: 'the server could not be reached' }]);
  }
  if (res.status === 204) return undefined as T;
  const payload = (await res.json().catch(() => ({}))) as { errors?: FieldError[]; message?: string } & Record<string, unknown>;
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    const errors = Array.isArray(payload.errors) ? payload.errors : [{ path: 'request', message: String(payload.message ?? res.statusText) }];
    throw new ApiError(res.status, errors);
  }
  return payload as T;
}
