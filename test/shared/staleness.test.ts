import { describe, expect, it } from 'vitest';
import { isStale, staleAfterMs } from '../../src/shared/staleness.js';
import type { RefreshCadence } from '../../src/shared/settings.js';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const MIN = 60_000;
const snapshot = (ageMs: number, stale = false) => ({ updatedAt: new Date(NOW - ageMs).toISOString(), stale });

describe('staleAfterMs', () => {
  it.each([
    ['1m', 2],
    ['5m', 10],
    ['30m', 60],
    // No fixed interval: measured against the slowest automatic refresh (30 min).
    ['adaptive', 60],
    ['manual', 60],
  ] as const)('%s → old after %s min', (cadence: RefreshCadence, minutes) => {
    expect(staleAfterMs(cadence)).toBe(minutes * MIN);
  });
});

describe('isStale', () => {
  it('is not old up to twice the interval, and old beyond it', () => {
    expect(isStale(snapshot(10 * MIN), '5m', NOW)).toBe(false);
    expect(isStale(snapshot(10 * MIN + 1), '5m', NOW)).toBe(true);
    expect(isStale(snapshot(59 * MIN), 'adaptive', NOW)).toBe(false);
    expect(isStale(snapshot(2 * 60 * MIN), 'manual', NOW)).toBe(true);
  });

  it('is old at once when the last refresh failed, however young the numbers', () => {
    expect(isStale(snapshot(0, true), '5m', NOW)).toBe(true);
  });

  it('has nothing to call old without a snapshot, and distrusts an unreadable time', () => {
    expect(isStale(null, '1m', NOW)).toBe(false);
    expect(isStale({ updatedAt: 'not a time', stale: false }, '5m', NOW)).toBe(true);
  });

  it('does not call numbers from a clock that moved back old', () => {
    expect(isStale(snapshot(-30 * MIN), '1m', NOW)).toBe(false);
  });
});
