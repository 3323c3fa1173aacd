import { describe, expect, it } from 'vitest';
import { KIMI_ERROR_CODES, KimiError, redactSecrets, type KimiErrorCode } from '../../src/main/core/errors.js';

describe('what an error means for the credential sources', () => {
  const MISSING: readonly KimiErrorCode[] = ['auth-missing', 'no-cookies', 'api-key-missing', 'not-signed-in', 'cli-credential-missing', 'not-configured'];

  it.each(KIMI_ERROR_CODES)('%s: missing and signed-out as the error table says', (code) => {
    const error = new KimiError(code);
    expect(error.missingCredential).toBe(MISSING.includes(code));
    // A revoked sign-in was tried and failed, yet still leaves the user signed out.
    expect(error.signedOut).toBe(MISSING.includes(code) || code === 'signed-out');
  });
});

describe('redactSecrets', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';

  // A credential's value is replaced; the name before it and the text after it stay.
  it.each([
    ['access_token=abc123', 'access_token=[redacted]'],
    ['refresh_token=r-1&client_id=x', 'refresh_token=[redacted]&client_id=x'],
    ['{"access_token":"abc","token_type":"Bearer"}', '{"access_token":"[redacted]","token_type":"Bearer"}'],
    ['{"refreshToken": "r-2"}', '{"refreshToken": "[redacted]"}'],
    ['accessToken: abc', 'accessToken: [redacted]'],
    ['Authorization: Bearer opaque-123 sent', 'Authorization: Bearer [redacted] sent'],
    ['Cookie: kimi-auth=opaque; other=1', 'Cookie: kimi-auth=[redacted]; other=1'],
    [`token ${jwt} rejected`, 'token [redacted] rejected'],
    ['key sk-kimi-0123456789abcdef refused', 'key [redacted] refused'],
  ])('redacts the value in %s', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted);
  });

  // Fixed text that only names a credential has nothing to redact.
  it.each([
    'its credentials file no access_token / expires_at',
    'access_token expires_at',
    'no access_token in response',
    'refresh_token missing, sign in again',
    'the task-runner failed',
    'Kimi network error: connection refused',
  ])('leaves %s intact', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});
