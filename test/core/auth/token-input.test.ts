import { describe, expect, it } from 'vitest';
import { adviseTokenExpiry, parseTokenInput } from '../../../src/main/core/auth/token-input.js';
import { KimiError } from '../../../src/main/core/errors.js';

function jwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

const token = jwt({ sub: 'user-1', exp: 1_900_000_000 });

describe('parseTokenInput', () => {
  it.each([
    ['a bare JWT', token],
    ['a bare JWT with surrounding white space', `  \n${token}\t `],
    ['a quoted JWT', `"${token}"`],
    ['kimi-auth=…', `kimi-auth=${token}`],
    ['a whole Cookie header', `Cookie: theme=dark; kimi-auth=${token}; lang=en`],
    ['a cookie string with a quoted value', `theme=dark; kimi-auth="${token}"`],
    ['a cURL command with -H', `curl 'https://www.kimi.com/apiv2/x' \\\n  -H 'accept: */*' \\\n  -H 'cookie: a=b; kimi-auth=${token}' \\\n  --data-raw '{}'`],
    ['a cURL command with -b', `curl "https://www.kimi.com/" -b "kimi-auth=${token}; x=y"`],
    ['a cURL command with --cookie', `curl https://www.kimi.com/ --cookie 'kimi-auth=${token}'`],
  ])('accepts %s', (_name, input) => {
    const parsed = parseTokenInput(input);
    expect(parsed.token).toBe(token);
    expect(parsed.expiresAt?.toISOString()).toBe(new Date(1_900_000_000_000).toISOString());
  });

  it('accepts an opaque kimi-auth value and reports no expiry', () => {
    expect(parseTokenInput('kimi-auth=opaque-value-123')).toEqual({ token: 'opaque-value-123', expiresAt: null });
  });

  it.each([[''], ['   '], ['""']])('says the token is missing for %j', (input) => {
    expect(() => parseTokenInput(input)).toThrowError(new KimiError('auth-missing'));
  });

  it.each([
    ['text without a token', 'hello world'],
    ['another cookie only', 'Cookie: session=abc'],
    ['an empty kimi-auth', 'kimi-auth=; other=1'],
    ['a JWT-like string with bad characters', 'eyJ.a b.c'],
  ])('rejects %s without quoting it', (_name, input) => {
    try {
      parseTokenInput(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KimiError);
      expect((error as KimiError).code).toBe('auth-invalid');
      expect((error as KimiError).message).not.toContain(input.trim() || '\u0000');
    }
  });

  it('refuses a huge paste quickly with a clear error', () => {
    expect(() => parseTokenInput('x'.repeat(300_000))).toThrowError(/too long/);
  });

  it('copes with hostile pastes (regex-heavy input) without hanging', () => {
    const hostile = `${'-H "cookie: '.repeat(2000)}${"'".repeat(5000)}`;
    expect(() => parseTokenInput(hostile)).toThrowError(KimiError);
  });
});

describe('adviseTokenExpiry', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  it.each([
    [null, { expired: false, expiringSoon: false, shortLived: false }],
    [new Date('2026-11-24T09:59:00Z'), { expired: true, expiringSoon: true, shortLived: true }],
    [new Date('2026-11-24T10:12:00Z'), { expired: false, expiringSoon: true, shortLived: true }],
    [new Date('2026-11-24T10:40:00Z'), { expired: false, expiringSoon: false, shortLived: true }],
    [new Date('2026-11-25T10:00:00Z'), { expired: false, expiringSoon: false, shortLived: false }],
  ])('expiry %s', (expiresAt, expected) => {
    expect(adviseTokenExpiry(expiresAt, now)).toEqual({ expiresAt, ...expected });
  });
});
