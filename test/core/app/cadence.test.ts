import { describe, expect, it } from 'vitest';
import { cadenceIntervalMs, nextCadenceRefreshAt, nextResetRefreshAt } from '../../../src/main/core/app/cadence.js';
import { MIN, T0, snapshot, window } from './fixtures.js';

const closed = (minutesAgo: number) => ({ visible: false, lastSeenAt: T0 - minutesAgo * MIN });

describe('cadenceIntervalMs', () => {
  it.each([
    ['open now', { visible: true, lastSeenAt: T0 }, 2],
    ['closed 4 min ago', closed(4), 2],
    ['closed exactly 5 min ago', closed(5), 5],
    ['closed 59 min ago', closed(59), 5],
    ['closed 1 h ago', closed(60), 15],
    ['closed 3 h 59 min ago', closed(239), 15],
    ['closed 4 h ago', closed(240), 30],
    ['never opened', { visible: false, lastSeenAt: null }, 30],
  ])('adaptive, popover %s → every %s min', (_label, popover, minutes) => {
    expect(cadenceIntervalMs('adaptive', popover, T0)).toBe(minutes * MIN);
  });

  it('uses fixed cadences as they are and has no interval for manual', () => {
    expect(cadenceIntervalMs('15m', { visible: true, lastSeenAt: T0 }, T0)).toBe(15 * MIN);
    expect(cadenceIntervalMs('manual', { visible: true, lastSeenAt: T0 }, T0)).toBeNull();
  });
});

describe('nextCadenceRefreshAt', () => {
  it('is due at once before the first refresh and never for manual', () => {
    expect(nextCadenceRefreshAt({ cadence: '5m', popover: closed(0), lastAttemptAt: null, now: T0 })).toBe(T0);
    expect(nextCadenceRefreshAt({ cadence: 'manual', popover: closed(0), lastAttemptAt: T0, now: T0 })).toBeNull();
  });

  it('moves to a later tier when the short one ends before the interval elapses', () => {
    // Closed at T0, last refresh 1 min before: the 2-min slot (T0+1) falls inside the 5-min tier.
    expect(nextCadenceRefreshAt({ cadence: 'adaptive', popover: closed(0), lastAttemptAt: T0 - MIN, now: T0 })).toBe(T0 + MIN);
    // Last refresh at T0+4: T0+6 is past the first tier, so the 5-min tier applies → T0+9.
    expect(nextCadenceRefreshAt({ cadence: 'adaptive', popover: closed(0), lastAttemptAt: T0 + 4 * MIN, now: T0 + 4 * MIN })).toBe(T0 + 9 * MIN);
    // Last refresh at T0+58 (5-min tier): T0+63 is in the 15-min tier → T0+73.
    expect(nextCadenceRefreshAt({ cadence: 'adaptive', popover: closed(0), lastAttemptAt: T0 + 58 * MIN, now: T0 + 58 * MIN })).toBe(T0 + 73 * MIN);
  });

  it('reports an overdue refresh as a time in the past', () => {
    expect(nextCadenceRefreshAt({ cadence: '2m', popover: closed(0), lastAttemptAt: T0 - 10 * MIN, now: T0 })).toBe(T0 - 8 * MIN);
  });
});

describe('nextResetRefreshAt', () => {
  it('picks the first reset after the last attempt, plus 15 s', () => {
    const s = snapshot([window('5h', 10, T0 + 30 * MIN), window('weekly', 10, T0 + 5 * MIN), window('monthly-total', 1)]);
    expect(nextResetRefreshAt(s, T0)).toBe(T0 + 5 * MIN + 15_000);
  });

  it('waits at least two minutes after the last attempt, whatever reset a server announces', () => {
    const s = snapshot([window('5h', 10, T0 + 1000)]);
    expect(nextResetRefreshAt(s, T0)).toBe(T0 + 2 * MIN);
  });

  it('ignores resets already past when the numbers were fetched', () => {
    const s = snapshot([window('5h', 10, T0 - MIN)]);
    expect(nextResetRefreshAt(s, T0)).toBeNull();
    expect(nextResetRefreshAt(null, T0)).toBeNull();
  });
});
