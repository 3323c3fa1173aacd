import { describe, expect, it } from 'vitest';
import { isSendableHeader, isSendableHeaderValue, isSendableToken } from '../../../src/main/core/kimi/header-value.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl_-';

describe('isSendableToken', () => {
  it.each([JWT, 'sk-kimi-0123456789abcdef', 'a+b/c==', "!#$%&'()*+-./:<=>?@[]^_`{|}~"])('accepts %s', (token) => {
    expect(isSendableToken(token)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a semicolon', 'a;b'],
    ['a comma', 'a,b'],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['a double quote', 'a"b'],
    ['a backslash', 'a\\b'],
    ['a control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['non-ASCII text', 'grüße'],
    ['a lone U+FFFD from bad UTF-8', 'eyJ.\ufffd'],
    ['CR LF', 'a\r\nX-Injected: 1'],
  ])('refuses %s', (_label, token) => {
    expect(isSendableToken(token)).toBe(false);
  });

  it('accepts only values the generic header rule accepts too', () => {
    for (let code = 0; code < 0x180; code += 1) {
      const value = `a${String.fromCharCode(code)}b`;
      if (isSendableToken(value)) expect(isSendableHeaderValue(value)).toBe(true);
    }
  });
});

describe('isSendableHeader', () => {
  it('holds credential headers to the token rule and others to the header rule', () => {
    expect(isSendableHeader('Authorization', `Bearer ${JWT}`)).toBe(true);
    expect(isSendableHeader('authorization', `Bearer ${JWT} x`)).toBe(false);
    expect(isSendableHeader('Authorization', 'Bearer ')).toBe(false);
    expect(isSendableHeader('Cookie', `kimi-auth=${JWT}`)).toBe(true);
    expect(isSendableHeader('Cookie', `kimi-auth=${JWT}; other=1`)).toBe(true);
    expect(isSendableHeader('cookie', `kimi-auth=${JWT};other=1`)).toBe(false);
    expect(isSendableHeader('Cookie', 'kimi-auth=')).toBe(false);
    expect(isSendableHeader('Cookie', `=${JWT}`)).toBe(false);
    expect(isSendableHeader('User-Agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)')).toBe(true);
    expect(isSendableHeader('User-Agent', 'Mozilla\r\nX: 1')).toBe(false);
    expect(isSendableHeader('Bad Name', 'x')).toBe(false);
  });
});
