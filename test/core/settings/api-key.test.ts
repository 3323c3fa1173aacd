// The one rule for a well-formed API key, as the CLI and the app's save handler apply it.
import { describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { acceptApiKey } from '../../../src/main/core/settings/api-key.js';
import { MAX_API_KEY_LENGTH } from '../../../src/shared/api-key.js';

const KEY = 'sk-kimi-Ab3dEf6hIj9lMn2pQr5tUv8x';

function refusal(raw: string): KimiError {
  try {
    acceptApiKey(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(KimiError);
    return error as KimiError;
  }
  throw new Error('expected the key to be refused');
}

describe('acceptApiKey', () => {
  it('trims surrounding white space (a pasted newline) and keeps the key whole', () => {
    expect(acceptApiKey(`  ${KEY}\n`)).toBe(KEY);
    expect(acceptApiKey(`\t${KEY}\r\n`)).toBe(KEY);
    expect(acceptApiKey('x'.repeat(MAX_API_KEY_LENGTH))).toHaveLength(MAX_API_KEY_LENGTH);
  });

  it('calls an empty key missing', () => {
    for (const raw of ['', '   ', '\n\t ']) expect(refusal(raw).code).toBe('api-key-missing');
  });

  it.each([
    ['a NUL, which the keychain would cut the key at', `${KEY.slice(0, 12)}\0${KEY.slice(12)}`],
    ['a control character', `${KEY.slice(0, 12)}\x01${KEY.slice(12)}`],
    ['DEL', `${KEY}\x7f`],
    ['an escape sequence', `\x1b[31m${KEY}`],
    ['a space inside', `${KEY.slice(0, 12)} ${KEY.slice(12)}`],
    ['a newline inside (two lines pasted)', `${KEY}\n${KEY}`],
    ['non-ASCII', `${KEY}é`],
    ['a look-alike dash', KEY.replace('-', '\u2010')],
    ['a zero-width space', `${KEY}\u200b`],
    ['too many characters', 'x'.repeat(MAX_API_KEY_LENGTH + 1)],
    // Saved, it could never be sent: these split or quote a Cookie header (sendable-token.ts).
    ['a semicolon', `${KEY};admin=1`],
    ['a comma', `${KEY},x`],
    ['a double quote', `"${KEY}"x`],
    ['a backslash', `${KEY}\\`],
  ])('refuses %s, without repeating the key', (_name, raw) => {
    const error = refusal(raw);
    expect(error.code).toBe('usage');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/not a well-formed API key .*printable ASCII/);
    expect(error.message).not.toContain(KEY.slice(8, 20));
    expect(error.message).not.toContain('xxxxxxxx');
  });
});
