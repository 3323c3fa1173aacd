import { describe, expect, it } from 'vitest';
import type { Pace } from '../../../src/shared/usage.js';
import {
  ENGLISH_WORDS,
  clockFormatter,
  formatCounts,
  formatDuration,
  formatForecast,
  formatPace,
  formatRate,
  formatResetIn,
  formatUpdated,
} from '../../../src/main/core/kimi/format.js';
import type { UsageWords } from '../../../src/main/core/kimi/format.js';

const NOW = new Date('2026-01-06T12:00:00.000Z');
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const pace = (deltaPercent: number, stage: Pace['stage'], runsOutAt: string | null = null): Pace => ({
  expectedPercent: 50,
  deltaPercent,
  stage,
  runsOutAt,
});

describe('formatDuration', () => {
  it.each([
    [2 * HOUR + 13 * MIN, '2h 13m'],
    [2 * HOUR + 12 * MIN + 1 * SEC, '2h 13m'],
    [4 * DAY + 3 * HOUR, '4d 3h'],
    [4 * DAY + 3 * HOUR + 59 * MIN, '4d 3h'],
    [4 * DAY, '4d'],
    [2 * HOUR, '2h'],
    [45 * MIN, '45m'],
    [1, '1m'],
    [59 * MIN + 30 * SEC, '1h'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([[0], [-5 * MIN], [Number.NaN]])('%d ms → null (the moment has come)', (ms) => {
    expect(formatDuration(ms)).toBeNull();
  });
});

describe('formatResetIn', () => {
  it.each([
    [later(2 * HOUR + 12 * MIN + 5 * SEC), 'Resets in 2h 13m'],
    [later(4 * DAY + 3 * HOUR + 10 * MIN), 'Resets in 4d 3h'],
    [later(30 * SEC), 'Resets in 1m'],
    [later(0), 'Resets now'],
    [later(-HOUR), 'Resets now'],
    ['2026-01-06T14:12:30.123456789Z', 'Resets in 2h 13m'],
  ])('%s → %s', (resetsAt, expected) => {
    expect(formatResetIn(resetsAt, NOW)).toBe(expected);
  });

  it('is null without a reset time', () => {
    expect(formatResetIn(undefined, NOW)).toBeNull();
    expect(formatResetIn('not a time', NOW)).toBeNull();
  });
});

describe('formatUpdated', () => {
  const clock = (date: Date) => `clock(${date.toISOString()})`;
  it.each([
    [NOW.toISOString(), 'Updated just now'],
    [later(-59 * SEC), 'Updated just now'],
    [later(5 * SEC), 'Updated just now'],
    [later(-60 * SEC), 'Updated 1 min ago'],
    [later(-5 * MIN - 30 * SEC), 'Updated 5 min ago'],
    [later(-59 * MIN - 59 * SEC), 'Updated 59 min ago'],
    [later(-HOUR), `Updated at clock(${later(-HOUR)})`],
  ])('%s → %s', (updatedAt, expected) => {
    expect(formatUpdated(updatedAt, NOW, clock)).toBe(expected);
  });

  it('shows the clock time in the given locale and zone', () => {
    const updatedAt = '2026-01-06T06:05:00Z';
    expect(formatUpdated(updatedAt, NOW, clockFormatter('en-GB', 'Europe/Berlin'))).toBe('Updated at 07:05');
    expect(formatUpdated(updatedAt, NOW, clockFormatter('en-US', 'UTC'))).toMatch(/^Updated at 06:05\sAM$/);
  });
});

describe('formatCounts and formatRate', () => {
  it.each([
    [{ id: 'weekly', usedPercent: 10.4, used: 214, limit: 2048, windowMinutes: 10_080 }, '214/2048 requests'],
    [{ id: 'weekly', usedPercent: 42, windowMinutes: 10_080 }, '42% used'],
    [{ id: 'monthly-total', usedPercent: 41.6 }, '42% used'],
    [{ id: 'monthly-code', usedPercent: 99.7 }, '99% used'],
    [{ id: 'code-7d', usedPercent: 100 }, '100% used'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 300 }, 'Rate: 139/200 per 5 hours'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 60 }, 'Rate: 139/200 per hour'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 90 }, 'Rate: 139/200 per 90 minutes'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 1440 }, 'Rate: 139/200 per day'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200 }, 'Rate: 139/200'],
    [{ id: '5h', usedPercent: 42, windowMinutes: 300 }, '42% used'],
  ] as const)('%j → %s', (window, expected) => {
    expect(formatCounts(window)).toBe(expected);
  });

  it('formats the rate text for any counted window', () => {
    expect(formatRate({ id: 'weekly', usedPercent: 10, used: 214, limit: 2048, windowMinutes: 10_080 })).toBe('Rate: 214/2048 per 7 days');
  });
});

describe('formatPace and formatForecast', () => {
  it.each([
    [pace(1.5, 'on-pace'), 'On pace'],
    [pace(-2, 'on-pace'), 'On pace'],
    [pace(-8.2, 'medium'), '8% in reserve'],
    [pace(8, 'medium'), '8% in deficit'],
    [pace(3, 'small'), '3% in deficit'],
    [pace(-30.6, 'large'), '31% in reserve'],
  ])('%j → %s', (input, expected) => {
    expect(formatPace(input)).toBe(expected);
  });

  it.each([
    [pace(20, 'large', later(HOUR + 19 * MIN + 10 * SEC)), 'Runs out in 1h 20m'],
    [pace(20, 'large', NOW.toISOString()), 'Runs out now'],
    [pace(-20, 'large'), 'Lasts until reset'],
  ])('%j → %s', (input, expected) => {
    expect(formatForecast(input, NOW)).toBe(expected);
  });
});

describe('words', () => {
  it('come from a replaceable catalog', () => {
    const words: UsageWords = {
      ...ENGLISH_WORDS,
      resetsIn: (duration) => `Zurücksetzung in ${duration}`,
      durationUnits: { day: ' T', hour: ' Std', minute: ' Min' },
      inDeficit: (percent) => `${percent} % im Defizit`,
      requests: (used, limit) => `${used}/${limit} Anfragen`,
    };
    expect(formatResetIn(later(2 * HOUR + 13 * MIN), NOW, words)).toBe('Zurücksetzung in 2 Std 13 Min');
    expect(formatPace(pace(8, 'medium'), words)).toBe('8 % im Defizit');
    expect(formatCounts({ id: 'weekly', usedPercent: 10, used: 214, limit: 2048 }, words)).toBe('214/2048 Anfragen');
  });
});

