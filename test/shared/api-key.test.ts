import { describe, expect, it } from 'vitest';
import { MaskedApiKeySchema, maskApiKey } from '../../src/shared/api-key.js';

describe('maskApiKey: how a saved key is named, never the key', () => {
  it.each([
    ['sk-kimi-0123456789abcdef1234', 'sk-kimi-…1234'],
    ['custom-proxy-key-0123456789', '…6789'],
    // Too short to give away its last four.
    ['sk-kimi-abc', 'sk-kimi-…'],
    ['short', '…'],
  ])('%s → %s', (key, masked) => {
    expect(maskApiKey(key)).toBe(masked);
    expect(MaskedApiKeySchema.safeParse(masked).success).toBe(true);
  });

  it('the IPC boundary refuses anything longer than the masked form', () => {
    expect(MaskedApiKeySchema.safeParse('sk-kimi-0123456789abcdef1234').success).toBe(false);
    expect(MaskedApiKeySchema.safeParse('sk-kimi-…12345').success).toBe(false);
  });
});
