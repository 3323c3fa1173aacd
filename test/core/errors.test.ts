import { describe, expect, it } from 'vitest';
import { KIMI_ERROR_CODES, KimiError, type KimiErrorCode } from '../../src/main/core/errors.js';

describe('what an error means for the credential sources', () => {
  const MISSING: readonly KimiErrorCode[] = ['auth-missing', 'no-cookies', 'api-key-missing', 'not-signed-in', 'cli-credential-missing'];

  it.each(KIMI_ERROR_CODES)('%s: missing and signed-out as the error table says', (code) => {
    const error = new KimiError(code);
    expect(error.missingCredential).toBe(MISSING.includes(code));
    // A revoked sign-in was tried and failed, yet still leaves the user signed out.
    expect(error.signedOut).toBe(MISSING.includes(code) || code === 'signed-out');
  });
});
