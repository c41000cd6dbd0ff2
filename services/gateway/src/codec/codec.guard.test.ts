import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { CodecGuard } from './codec.guard';
import { sessionCookie } from './codec-session';

const TOKEN = 'ops-codec-token-0123456789abcdef';
const contextWith = (headers: Record<string, string>) =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ header: (name: string) => headers[name.toLowerCase()] }) }),
  }) as unknown as ExecutionContext;
const guard = (token: string | undefined) => new CodecGuard({ token, namespaces: ['courtesy'], secureCookie: false });

describe('CodecGuard', () => {
  it.each<[string, string | undefined, Record<string, string>, 'ok' | typeof UnauthorizedException | typeof ForbiddenException]>([
    ['bearer token', TOKEN, { authorization: `Bearer ${TOKEN}` }, 'ok'],
    ['bearer token, served namespace', TOKEN, { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'courtesy' }, 'ok'],
    ['session cookie', TOKEN, { cookie: `other=1; ${sessionCookie(TOKEN, false).split(';')[0]}` }, 'ok'],
    ['the raw token as a cookie', TOKEN, { cookie: `courtesy_codec=${TOKEN}` }, UnauthorizedException],
    ['no credentials', TOKEN, {}, UnauthorizedException],
    ['a token that is a prefix of the real one', TOKEN, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, UnauthorizedException],
    ['another namespace', TOKEN, { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'other' }, ForbiddenException],
    ['endpoint disabled (no token or no keys configured)', undefined, { authorization: 'Bearer anything' }, ForbiddenException],
  ])('%s', (_name, token, headers, expected) => {
    const run = () => guard(token).canActivate(contextWith(headers));
    if (expected === 'ok') expect(run()).toBe(true);
    else expect(run).toThrow(expected);
  });
});
