import { describe, expect, it } from 'vitest';
import { clearKeychainDenials, denialStoreOverRecord, KEYCHAIN_QUIET_MS, keychainQuietUntil } from '../../../src/main/core/cookies/keychain-denials.js';
import { memoryDenialStore } from '../../fixtures/cookies/home.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const FAMILY = ['arc', 'chrome', 'edge'] as const;

describe('keychainQuietUntil', () => {
  it('is null without denials', () => {
    expect(keychainQuietUntil(memoryDenialStore(), FAMILY, NOW)).toBeNull();
  });

  it('lasts six hours from the latest denial of any Chromium browser', () => {
    const store = memoryDenialStore();
    store.setDeniedAt('arc', new Date(NOW - 60 * 60_000));
    store.setDeniedAt('edge', new Date(NOW - 10 * 60_000));
    expect(keychainQuietUntil(store, FAMILY, NOW)).toEqual(new Date(NOW - 10 * 60_000 + KEYCHAIN_QUIET_MS));
    expect(keychainQuietUntil(store, FAMILY, NOW - 10 * 60_000 + KEYCHAIN_QUIET_MS)).toBeNull();
  });

  it('ignores denials dated in the future (a clock set back) and invalid dates', () => {
    const store = memoryDenialStore();
    store.setDeniedAt('chrome', new Date(NOW + 365 * 86_400_000));
    store.setDeniedAt('arc', new Date(Number.NaN));
    expect(keychainQuietUntil(store, FAMILY, NOW)).toBeNull();
  });

  it('"Try again" clears every denial', () => {
    const store = memoryDenialStore();
    store.setDeniedAt('arc', new Date(NOW));
    clearKeychainDenials(store, FAMILY);
    expect(keychainQuietUntil(store, FAMILY, NOW)).toBeNull();
    expect(store.saved.size).toBe(0);
  });
});

describe('denialStoreOverRecord', () => {
  it('keeps denials as ISO times in a settings-shaped record, and ignores bad entries', () => {
    let record: Record<string, string> = { chrome: 'not a date', toString: '2026-01-01T00:00:00Z' };
    const store = denialStoreOverRecord(() => record, (next) => (record = next));
    expect(store.getDeniedAt('chrome')).toBeNull();
    store.setDeniedAt('arc', new Date(NOW));
    expect(record.arc).toBe('2026-03-01T12:00:00.000Z');
    expect(store.getDeniedAt('arc')).toEqual(new Date(NOW));
    store.setDeniedAt('arc', null);
    expect(Object.hasOwn(record, 'arc')).toBe(false);
    expect(keychainQuietUntil(store, FAMILY, NOW)).toBeNull();
  });
});
