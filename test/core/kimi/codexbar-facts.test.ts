// The facts CodexBar's Kimi tests hold (KimiProviderTests, KimiRatioPoolTests,
// KimiMembershipTests), restated as tables against KimiBar's mapping. Where KimiBar answers
// differently on purpose, the row says so and docs/kimi-api.md ("Where KimiBar differs from
// CodexBar") gives the reason. Facts about credentials, transport and 403s are tested with
// those modules.
import { describe, expect, it } from 'vitest';
import { mapCodeApiUsage, mapWebUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import type { ReadingWindow, UsageReading } from '../../../src/main/core/kimi/usage-mapping.js';
import { windowMinutes } from '../../../src/main/core/kimi/wire.js';
import { countText } from '../../../src/shared/format/index.js';
import type { WindowId } from '../../../src/shared/usage.js';

const RATE_300 = { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' };

function row(reading: UsageReading, id: WindowId): ReadingWindow | undefined {
  return reading.windows.find((window) => window.id === id);
}

/** The count text a card and the CLI print under the bar. */
function words(window: ReadingWindow | undefined): string | null {
  return window === undefined ? null : countText('en', window);
}

function parseFails(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

describe('CodexBar KimiProviderTests: counts and windows', () => {
  it('weekly 375/2048 and a 5-hour 19/200 read 18.31 % and 9.5 % over 300 minutes', () => {
    const reading = mapCodeApiUsage({
      usage: { limit: '2048', used: '375', remaining: '1673', resetTime: '2026-01-09T15:23:13.373329235Z' },
      limits: [{ window: RATE_300, detail: { limit: '200', used: '19', remaining: '181', resetTime: '2026-01-06T15:05:24.374187075Z' } }],
    });
    expect(row(reading, 'weekly')?.usedPercent).toBeCloseTo(18.3105, 3);
    expect(words(row(reading, 'weekly'))).toBe('375/2048 requests');
    expect(row(reading, '5h')).toMatchObject({ usedPercent: 9.5, windowMinutes: 300 });
    expect(words(row(reading, '5h'))).toBe('Rate: 19/200 per 5 hours');
  });

  it('numbers as JSON numbers and the resetAt / reset_at spellings (KimiBar: a limit of 100 is percent)', () => {
    const reading = mapCodeApiUsage({
      usage: { limit: 1000, used: 40, remaining: 960, resetAt: '2026-01-09T15:23:13Z' },
      limits: [{ window: RATE_300, detail: { limit: 100, remaining: 99, reset_at: '2026-01-06T13:33:02Z' } }],
    });
    expect(row(reading, 'weekly')).toMatchObject({ used: 40, limit: 1000, windowMinutes: 10_080, resetsAt: '2026-01-09T15:23:13.000Z' });
    expect(row(reading, '5h')).toMatchObject({ used: 1, limit: 100, windowMinutes: 300, resetsAt: '2026-01-06T13:33:02.000Z' });
    // CodexBar: "Rate: 1/100 per 5 hours".
    expect(words(row(reading, '5h'))).toBe('1% used');
  });

  it.each([
    [{ duration: 2, timeUnit: 'TIME_UNIT_HOUR' }, 120],
    [{ duration: 5, timeUnit: 'TIME_UNIT_UNKNOWN' }, undefined],
  ])('a rate window of %j lasts %j minutes (KimiBar: its 25/100 is "25% used")', (window, minutes) => {
    const reading = mapCodeApiUsage({
      usage: { limit: 1000, used: 40, remaining: 960 },
      limits: [{ window, detail: { limit: 100, used: 25, remaining: 75 } }],
    });
    expect(row(reading, '5h')?.windowMinutes).toBe(minutes);
    // CodexBar: "Rate: 25/100 per 2 hours" and "Rate: 25/100".
    expect(words(row(reading, '5h'))).toBe('25% used');
  });

  it.each([
    [300, 'TIME_UNIT_MINUTE', 300],
    [5, 'TIME_UNIT_HOUR', 300],
    [7, 'TIME_UNIT_DAY', 10_080],
    [0, 'TIME_UNIT_HOUR', undefined],
    [-1, 'TIME_UNIT_DAY', undefined],
    [Number.MAX_SAFE_INTEGER, 'TIME_UNIT_HOUR', undefined],
    [5, 'TIME_UNIT_UNKNOWN', undefined],
  ])('%d × %s = %j minutes', (duration, unit, minutes) => {
    expect(windowMinutes(duration, unit)).toBe(minutes);
  });

  it('weekly only: one row, 512/2048 is 25 %', () => {
    const reading = mapCodeApiUsage({ usage: { limit: '2048', used: '512', remaining: '1536', resetTime: '2026-01-09T15:23:13Z' } });
    expect(reading.windows.map((window) => window.id)).toEqual(['weekly']);
    expect(row(reading, 'weekly')?.usedPercent).toBe(25);
    expect(words(row(reading, 'weekly'))).toBe('512/2048 requests');
  });

  it('a spent 5-hour window reads 100 %, and the weekly row keeps its length', () => {
    const reading = mapCodeApiUsage({
      usage: { limit: '2048', used: '375', remaining: '1673', resetTime: '2026-01-09T15:23:13.373329235Z' },
      limits: [{ window: RATE_300, detail: { limit: '200', used: '200', remaining: '0', resetTime: '2026-01-06T15:05:24.374187075Z' } }],
    });
    expect(row(reading, '5h')).toMatchObject({ usedPercent: 100, windowMinutes: 300 });
    expect(words(row(reading, '5h'))).toBe('Rate: 200/200 per 5 hours');
    expect(row(reading, 'weekly')?.windowMinutes).toBe(10_080);
  });

  it.each([
    ['a 5-hour limit of 0', { usage: { limit: '2048', used: '375' }, limits: [{ window: RATE_300, detail: { limit: '0', used: '0', remaining: '0' } }] }, ['weekly']],
    ['a 5-hour limit that is no number', { usage: { limit: '100', used: '25' }, limits: [{ window: RATE_300, detail: { limit: 'invalid', used: '5', remaining: '15' } }] }, ['weekly']],
    ['a weekly limit that is no number', { usage: { limit: 'invalid', used: '5' }, limits: [{ window: RATE_300, detail: { limit: '100', used: '25' } }] }, ['5h']],
    ['a weekly limit of 0', { usage: { limit: '0', used: '0', remaining: '0' }, limits: [{ window: RATE_300, detail: { limit: '100', used: '25' } }] }, ['5h']],
  ])('%s gives no row', (_name, body, ids) => {
    expect(mapCodeApiUsage(body).windows.map((window) => window.id)).toEqual(ids);
  });

  it.each([
    ['used is no number: the remaining', 25, { limit: '100', used: 'invalid', remaining: '75' }],
    ['used is missing: the remaining', 25, { limit: '20', remaining: '15' }],
    ['used is negative: the remaining', 25, { limit: '100', used: '-1', remaining: '75' }],
    ['used is over the limit: over quota, whatever remaining says', 100, { limit: '100', used: '125', remaining: '25' }],
    ['nothing used', 0, { limit: '2048', used: '0', remaining: '2048' }],
    ['all used', 100, { limit: '2048', used: '2048', remaining: '0' }],
  ])('%s → %d %%, with the weekly length', (_name, percent, usage) => {
    expect(row(mapCodeApiUsage({ usage }), 'weekly')).toMatchObject({ usedPercent: percent, windowMinutes: 10_080 });
  });

  it.each([
    ['remaining −1', { limit: '100', remaining: '-1' }],
    ['remaining above the limit', { limit: '100', remaining: '101' }],
    ['remaining no number', { limit: '100', remaining: 'invalid' }],
    ['no counts at all', { limit: '100' }],
  ])('%s never makes a quota up: 0 %, no count, no length', (_name, usage) => {
    const weekly = row(mapCodeApiUsage({ usage }), 'weekly');
    expect(weekly).toMatchObject({ usedPercent: 0, limit: 100 });
    expect(weekly).not.toHaveProperty('used');
    expect(weekly).not.toHaveProperty('windowMinutes');
  });
});

describe('CodexBar KimiProviderTests: membership rows on the web path', () => {
  const web = (detail: object) => ({ usages: [{ scope: 'FEATURE_CODING', detail, limits: [] }] });
  const weekly = { limit: '2048', used: '375', remaining: '1673', resetTime: '2026-01-09T15:23:13.373329235Z' };

  it.each([
    [1, 100],
    [0.7716, 77.16],
  ])('a subscription balance of %d is a monthly row of %d %% without a length', (ratio, percent) => {
    const reading = mapWebUsage(web(weekly), { subscriptionBalance: { feature: 'FEATURE_OMNI', type: 'SUBSCRIPTION', amountUsedRatio: ratio, expireTime: '2026-07-23T00:00:00Z' } });
    expect(row(reading, 'monthly-total')?.usedPercent).toBeCloseTo(percent, 10);
    expect(row(reading, 'monthly-total')).toMatchObject({ resetsAt: '2026-07-23T00:00:00.000Z' });
    expect(row(reading, 'monthly-total')).not.toHaveProperty('windowMinutes');
  });

  it('the full stats answer: monthly 100 %, its Kimi Code share 28.54 %, Code 7-day 9.46 % over a week', () => {
    const reading = mapWebUsage(web(weekly), {
      ratelimitCode5h: { ratio: 0.4689, enabled: true, resetTime: '2026-07-02T11:56:36.876796734Z' },
      ratelimitCode7d: { ratio: 0.0946, enabled: true, resetTime: '2026-07-09T06:56:36.876796734Z' },
      subscriptionBalance: { feature: 'FEATURE_OMNI', type: 'SUBSCRIPTION', unit: 'UNIT_CREDIT', amountUsedRatio: 1, kimiCodeUsedRatio: 0.2854, expireTime: '2026-07-23T00:00:00Z' },
      giftBalances: [{ feature: 'FEATURE_OMNI', type: 'GIFT', amountUsedRatio: 1, kimiCodeUsedRatio: 1, expireTime: '2026-07-31T15:59:59Z' }],
    });
    expect(row(reading, 'monthly-total')?.usedPercent).toBe(100);
    expect(row(reading, 'monthly-code')?.usedPercent).toBeCloseTo(28.54, 10);
    expect(row(reading, 'code-7d')).toMatchObject({ windowMinutes: 10_080, resetsAt: '2026-07-09T06:56:36.876Z' });
    expect(row(reading, 'code-7d')?.usedPercent).toBeCloseTo(9.46, 10);
  });

  it('Code 7-day is hidden when it repeats the weekly row (29/100 and 0.2935, resets a second apart)', () => {
    const reading = mapWebUsage(web({ limit: '100', used: '29', remaining: '71', resetTime: '2026-08-13T17:02:44Z' }), {
      ratelimitCode7d: { ratio: 0.2935, enabled: true, resetTime: '2026-08-13T17:02:43Z' },
    });
    expect(row(reading, 'code-7d')).toBeUndefined();
  });

  it.each([
    ['the weekly counts are unreadable', { limit: '100' }, { ratio: 0, enabled: true }],
    ['neither reports a reset', { limit: '100', used: '29', remaining: '71' }, { ratio: 0.2935, enabled: true }],
  ])('Code 7-day is kept when %s', (_name, detail, code7d) => {
    const reading = mapWebUsage(web(detail), { ratelimitCode7d: code7d });
    expect(reading.windows.map((window) => window.id)).toEqual(['weekly', 'code-7d']);
  });

  it.each([
    ['turned off', { ratio: 0.25, enabled: false }],
    ['NaN', { ratio: 'NaN', enabled: true }],
    ['infinite', { ratio: 'Infinity', enabled: true }],
  ])('a Code 7-day share that is %s, beside a NaN balance, adds no row', (_name, code7d) => {
    const reading = mapWebUsage(web(weekly), { subscriptionBalance: { feature: 'FEATURE_OMNI', type: 'SUBSCRIPTION', amountUsedRatio: 'NaN' }, ratelimitCode7d: code7d });
    expect(reading.windows.map((window) => window.id)).toEqual(['weekly']);
  });
});

describe('CodexBar KimiRatioPoolTests', () => {
  const mixedInternational = {
    usage: { limit: '100', used: '19', remaining: '81', resetTime: '2026-09-19T16:45:59.449979Z' },
    limits: [{ window: RATE_300, detail: { limit: '100', used: '1', remaining: '99', resetTime: '2026-09-19T14:45:59.449979Z' } }],
    usages: { limit_5h: { used_ratio: 0, reset_time: '2026-09-19T14:45:58Z' }, limit_7d: { used_ratio: 0, reset_time: '2026-09-19T16:45:58Z' } },
  };

  it('pools without `usage`: no weekly row, the 5-hour pool with its reset, the monthly total', () => {
    const reading = mapCodeApiUsage({
      limits: [{ window: RATE_300, detail: { limit: '100', used: '25', remaining: '75' } }],
      usages: {
        limit_5h: { used_ratio: 0, reset_time: '2026-09-16T20:15:44Z' },
        limit_month_total: { used_ratio: 0.0056, reset_time: '2026-10-17T00:00:00Z' },
        limit_month_code: { used_ratio: 0, reset_time: '2026-10-17T00:00:00Z' },
      },
    });
    expect(row(reading, 'weekly')).toBeUndefined();
    expect(row(reading, '5h')).toEqual({ id: '5h', title: '5-hour', usedPercent: 0, windowMinutes: 300, resetsAt: '2026-09-16T20:15:44.000Z' });
    expect(row(reading, 'monthly-total')?.usedPercent).toBeCloseTo(0.56, 10);
    expect(row(reading, 'monthly-total')).toMatchObject({ resetsAt: '2026-10-17T00:00:00.000Z' });
    expect(reading.plan).toBeNull();
  });

  it('weekly and 5-hour pools keep their lengths', () => {
    const reading = mapCodeApiUsage({ usages: { limit_7d: { used_ratio: 0.125, reset_time: '2026-09-20T00:00:00Z' }, limit_5h: { used_ratio: 0.625 } } });
    expect(reading.windows.map((window) => [window.id, window.usedPercent, window.windowMinutes])).toEqual([
      ['5h', 62.5, 300],
      ['weekly', 12.5, 10_080],
    ]);
  });

  it('a 5-hour count row works without a weekly `usage` (KimiBar: its 25/100 is "25% used")', () => {
    const reading = mapCodeApiUsage({ limits: [{ window: RATE_300, detail: { limit: '100', used: '25', remaining: '75' } }] });
    expect(reading.windows.map((window) => window.id)).toEqual(['5h']);
    expect(row(reading, '5h')?.usedPercent).toBe(25);
    // CodexBar: "Rate: 25/100 per 5 hours".
    expect(words(row(reading, '5h'))).toBe('25% used');
  });

  it('a monthly pool alone invents no other rows, and 1.05 reads 100 %', () => {
    const reading = mapCodeApiUsage({ usages: { limit_month_total: { used_ratio: 1.05 } } });
    expect(reading.windows.map((window) => [window.id, window.usedPercent])).toEqual([['monthly-total', 100]]);
  });

  it('an unreadable ratio (−0.5) cannot hide usable counts', () => {
    const weekly = row(mapCodeApiUsage({ usage: { limit: '100', used: '25' }, usages: { limit_7d: { used_ratio: -0.5 } } }), 'weekly');
    expect(weekly).toMatchObject({ usedPercent: 25, used: 25 });
  });

  it.each([[{}], [{ usages: {} }], [{ usages: { limit_5h: {} } }]])('%j is no answer', (body) => {
    expect(parseFails(() => mapCodeApiUsage(body))).toBe(true);
  });

  it.each([['2026-09-19T16:45:58Z'], ['2026-09-19T16:45:59Z']])('a zero pool resetting at %s cannot hide matching counts of 19', (reset) => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used: '19', remaining: '81', resetTime: '2026-09-19T16:45:59.449979Z' },
      usages: { limit_7d: { used_ratio: 0, reset_time: reset } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBe(19);
  });

  it('a zero pool for the next week stays the truth', () => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used: '19', remaining: '81', resetTime: '2026-09-19T16:45:59Z' },
      usages: { limit_7d: { used_ratio: 0, reset_time: '2026-09-26T16:45:59Z' } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBe(0);
  });

  it('the mixed international answer: weekly 19 % and 5-hour 1 % from the counts, with the counts’ resets', () => {
    const reading = mapCodeApiUsage(mixedInternational);
    expect(reading.windows.map((window) => [window.id, window.usedPercent, window.windowMinutes, window.resetsAt])).toEqual([
      ['5h', 1, 300, '2026-09-19T14:45:59.449Z'],
      ['weekly', 19, 10_080, '2026-09-19T16:45:59.449Z'],
    ]);
  });

  it.each([[0.1869], [0.5]])('a nonzero ratio of %d outranks counts of 19', (ratio) => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used: '19', resetTime: '2026-09-19T16:45:59Z' },
      usages: { limit_7d: { used_ratio: ratio, reset_time: '2026-09-19T16:45:59Z' } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBeCloseTo(ratio * 100, 10);
  });

  it('an account with a monthly pool keeps a zero ratio even beside matching counts', () => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used: '19', resetTime: '2026-09-19T16:45:59Z' },
      usages: { limit_7d: { used_ratio: 0, reset_time: '2026-09-19T16:45:59Z' }, limit_month_total: { used_ratio: 0.0313 } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBe(0);
    expect(row(reading, 'monthly-total')?.usedPercent).toBeCloseTo(3.13, 10);
  });

  it.each([
    ['no reset', 0, null],
    ['an unreadable reset', 0, 'invalid'],
    // CodexBar keeps the zero here (two-second tolerance); KimiBar accepts 5 minutes.
    ['a reset 3 seconds off (KimiBar: the counts)', 19, '2026-09-19T16:46:02Z'],
  ])('counts with %s beside a zero pool → %d %%', (_name, percent, resetTime) => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used: '19', resetTime },
      usages: { limit_7d: { used_ratio: 0, reset_time: '2026-09-19T16:45:59Z' } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBe(percent);
  });

  it.each([['0'], ['-1'], ['invalid']])('counts of %j cannot override a zero pool', (used) => {
    const reading = mapCodeApiUsage({
      usage: { limit: '100', used, resetTime: '2026-09-19T16:45:59Z' },
      usages: { limit_7d: { used_ratio: 0, reset_time: '2026-09-19T16:45:59Z' } },
    });
    expect(row(reading, 'weekly')?.usedPercent).toBe(0);
  });

  it('a 120-minute count row cannot stand in for the 5-hour pool', () => {
    const body = { ...mixedInternational, limits: [{ ...mixedInternational.limits[0], window: { duration: 120, timeUnit: 'TIME_UNIT_MINUTE' } }] };
    const reading = mapCodeApiUsage(body);
    expect(row(reading, 'weekly')?.usedPercent).toBe(19);
    expect(row(reading, '5h')).toMatchObject({ usedPercent: 0, windowMinutes: 300 });
    expect(row(reading, '5h')).not.toHaveProperty('used');
  });
});

describe('CodexBar KimiMembershipTests: plan names', () => {
  const withMembership = (fields: object) => mapCodeApiUsage({ ...fields, usage: { limit: '100', used: '25', remaining: '75' } });

  it.each([
    ['LEVEL_FREE', 'Adagio'],
    ['LEVEL_TRIAL', 'Andante'],
    ['LEVEL_BASIC', 'Moderato'],
    ['LEVEL_INTERMEDIATE', 'Allegretto'],
    ['LEVEL_ADVANCED', 'Allegro'],
    // CodexBar shows the raw "LEVEL_FUTURE".
    ['LEVEL_FUTURE', null],
  ])('%s in the version-1 catalog → %j', (level, name) => {
    expect(withMembership({ user: { membership: { level } }, version: 'GOODS_VERSION_V1' }).plan).toBe(name);
  });

  it.each([[{}], [{ user: { membership: { level: ' ' } } }], [{ user: { membership: { level: 'LEVEL_UNSPECIFIED' } } }], [{ user: { membership: { level: 42 } } }], [{ user: 'unavailable' }]])(
    'a missing or malformed membership %j names nothing and keeps the usage',
    (fields) => {
      const reading = withMembership(fields);
      expect(reading.plan).toBeNull();
      expect(row(reading, 'weekly')).toMatchObject({ used: 25, usedPercent: 25 });
    },
  );

  // CodexBar shows the raw level ("LEVEL_ADVANCED") for another catalog.
  it.each([['GOODS_VERSION_FUTURE'], [2], [{}], [[]]])('catalog version %j names nothing', (version) => {
    expect(withMembership({ user: { membership: { level: 'LEVEL_ADVANCED' } }, version }).plan).toBeNull();
  });
});
