import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../../src/main/core/settings/secrets.js';

describe('maskSecret', () => {
  it('shows the kind of key and its last four characters', () => {
    expect(maskSecret('sk-kimi-0123456789abcdefa1b2')).toBe('sk-kimi-…a1b2');
    expect(maskSecret('sk-0123456789abcdefghz9y8')).toBe('sk-…z9y8');
    expect(maskSecret('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-wxyz')).toBe('eyJ…wxyz');
    expect(maskSecret('  some-opaque-token-value-7777 ')).toBe('…7777');
  });

  it('says only "set" for values too short to show any part of', () => {
    expect(maskSecret('sk-kimi-abc')).toBe('set');
    expect(maskSecret('123456789012345')).toBe('set');
  });

  it('says "not set" for nothing', () => {
    expect(maskSecret(null)).toBe('not set');
    expect(maskSecret(undefined)).toBe('not set');
    expect(maskSecret('   ')).toBe('not set');
  });

  it('never reveals more than four characters of the secret body', () => {
    const secret = 'sk-kimi-SECRETSECRETSECRET9876';
    const masked = maskSecret(secret);
    expect(masked).not.toContain('SECRET');
    expect(masked.replace('sk-kimi-', '').replace('…', '')).toHaveLength(4);
  });
});
