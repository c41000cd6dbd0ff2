import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Temporal UI cannot attach a static bearer token to its codec calls; with "include cross-origin
 * credentials" on it sends cookies instead. An ops engineer signs in once at /codec/session with the token
 * and gets an HttpOnly cookie holding a value derived from it (never the token itself). The UI on
 * 127.0.0.1:8233 and the gateway on 127.0.0.1:3000 are the same site, so SameSite=Strict still lets it through.
 */
export const CODEC_SESSION_COOKIE = 'courtesy_codec';
const SESSION_HOURS = 8;

export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('courtesy codec session v1').digest('base64url');
}

export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${CODEC_SESSION_COOKIE}=${sessionValue(token)}`,
    'Path=/codec',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${SESSION_HOURS * 3600}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function hasSession(cookieHeader: string | undefined, token: string): boolean {
  const given = (cookieHeader ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${CODEC_SESSION_COOKIE}=`))
    ?.slice(CODEC_SESSION_COOKIE.length + 1);
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(sessionValue(token));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The sign-in page: one password field, posted as JSON by a few lines of script. */
export const SIGN_IN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Courtesy codec sign-in</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto">
<h1>Decode payloads in Temporal UI</h1>
<p>Paste the ops codec token (CODEC_AUTH_TOKEN). Your browser keeps a session cookie for 8 hours; turn on
"Include cross-origin credentials" in Temporal UI's codec server settings.</p>
<form id="f"><input id="t" type="password" autocomplete="off" size="40" aria-label="codec token" required>
<button>Sign in</button></form><p id="r" role="status"></p>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('session', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: document.getElementById('t').value }) });
  document.getElementById('r').textContent = res.ok ? 'Signed in. Temporal UI can decode payloads now.' : 'Wrong token.';
});
</script></body></html>`;
