import { describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../../src/shared/usage.js';
import type { UsageSource } from '../../../src/shared/usage.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { buildSnapshot, mapCodeApiUsage, mapWebUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import type { ReadingWindow, UsageReading } from '../../../src/main/core/kimi/usage-mapping.js';
import { loadKimiFixture } from '../../fixtures/kimi/load.js';

const SOURCE: UsageSource = { kind: 'api-key', label: 'Kimi Code API key' };

const SEED_RATE: ReadingWindow = {
  id: '5h',
  title: '5-hour',
  usedPercent: 69.5,
  used: 139,
  limit: 200,
  unit: 'requests',
  resetsAt: '2026-01-06T13:33:02.717Z',
  windowMinutes: 300,
};
const SEED_WEEKLY: ReadingWindow = {
  id: 'weekly',
  title: 'Weekly',
  usedPercent: (214 / 2048) * 100,
  used: 214,
  limit: 2048,
  unit: 'requests',
  resetsAt: '2026-01-09T15:23:13.716Z',
  windowMinutes: 10_080,
};

/** A reading of a body that names no parallel limit and no extra usage. */
const reading = (plan: string | null, windows: ReadingWindow[]): UsageReading => ({ plan, windows, parallelLimit: null, extraUsage: null });

function parseFailure(run: () => unknown): KimiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KimiError);
    expect((error as KimiError).code).toBe('parse');
    return error as KimiError;
  }
  throw new Error('expected a parse failure');
}

function byId(reading: UsageReading, id: ReadingWindow['id']): ReadingWindow | undefined {
  return reading.windows.find((window) => window.id === id);
}

/** The Code API body with just one weekly `usage` object. */
const weeklyOnly = (usage: Record<string, unknown>) => ({ usage });

describe('mapCodeApiUsage: the documented example bodies', () => {
  it('maps the CodexBar example verbatim: 5-hour 139/200, Weekly 214/2048, plan Moderato', () => {
    expect(mapCodeApiUsage(loadKimiFixture('seed-code-api.json'))).toEqual(reading('Moderato', [SEED_RATE, SEED_WEEKLY]));
  });

  it('names the plan from the membership level of the classic-shape example in docs/kimi-api.md', () => {
    expect(mapCodeApiUsage(loadKimiFixture('spec-code-api-classic.json'))).toEqual(reading('Allegretto', [SEED_RATE, SEED_WEEKLY]));
  });
});

describe('mapCodeApiUsage: counts (strings, omitted zeros, over quota)', () => {
  it.each([
    ['used present', { limit: '2048', used: '214', remaining: '1' }, 214, (214 / 2048) * 100],
    ['used absent: limit − remaining', { limit: '2048', remaining: '1834' }, 214, (214 / 2048) * 100],
    ['over quota: 100 %', { limit: '2048', used: '2100' }, 2100, 100],
    ['negative used, valid remaining: the remaining', { limit: '2048', used: '-3', remaining: '2000' }, 48, (48 / 2048) * 100],
    ['remaining of exactly the limit: nothing used', { limit: '2048', remaining: '2048' }, 0, 0],
    ['remaining 0: all used', { limit: '2048', remaining: '0' }, 2048, 100],
    ['float counts round', { limit: 2048.2, used: '139.6' }, 140, (140 / 2048) * 100],
    ['padded strings', { limit: ' 2048 ', used: ' 214 ' }, 214, (214 / 2048) * 100],
    ['a non-number used counts as absent', { limit: '2048', used: 'many', remaining: '2000' }, 48, (48 / 2048) * 100],
    ['used beyond safe integers is capped', { limit: '2048', used: '1e300' }, Number.MAX_SAFE_INTEGER, 100],
  ])('%s', (_name, usage, used, percent) => {
    const weekly = byId(mapCodeApiUsage(weeklyOnly(usage)), 'weekly');
    expect(weekly).toMatchObject({ used, limit: 2048, windowMinutes: 10_080 });
    expect(weekly?.usedPercent).toBeCloseTo(percent, 10);
  });

  // Counts that contradict themselves say nothing: no count, no length (so no pace built on a
  // guess), and the share stays at 0 % rather than an invented 100 %.
  it.each([
    ['used and remaining both absent', { limit: '2048' }],
    ['remaining −1', { limit: '2048', remaining: '-1' }],
    ['remaining above the limit', { limit: '2048', remaining: '5000' }],
    ['negative used and no remaining', { limit: '2048', used: '-3' }],
    ['negative used and remaining −1', { limit: '2048', used: '-3', remaining: '-1' }],
    ['non-numbers', { limit: '2048', used: 'many', remaining: 'few' }],
  ])('%s: an unknown share, without count or length', (_name, usage) => {
    const weekly = byId(mapCodeApiUsage(weeklyOnly({ ...usage, resetTime: '2026-01-09T15:23:13Z' })), 'weekly');
    expect(weekly).toEqual({ id: 'weekly', title: 'Weekly', usedPercent: 0, limit: 2048, unit: 'requests', resetsAt: '2026-01-09T15:23:13.000Z' });
    const snapshot = buildSnapshot(mapCodeApiUsage(weeklyOnly(usage)), { kind: 'api-key', label: 'Kimi Code API key' }, new Date('2026-01-06T00:00:00Z'));
    expect(snapshot.windows[0]?.pace).toBeNull();
  });

  it.each([
    ['limit missing', { used: '214' }],
    ['limit 0', { limit: '0', used: '214' }],
    ['limit negative', { limit: '-2048', used: '214' }],
    ['limit not a number', { limit: 'lots', used: '214' }],
    ['limit beyond safe integers', { limit: '1e20', used: '214' }],
  ])('drops the window when the %s', (_name, usage) => {
    expect(parseFailure(() => mapCodeApiUsage({ ...weeklyOnly(usage), limits: [] })).message).toBe(
      'Failed to parse Kimi usage data: no usage windows in response',
    );
  });

  it.each([
    ['resetTime', { resetTime: '2026-01-09T15:23:13.716839300Z' }, '2026-01-09T15:23:13.716Z'],
    ['resetAt', { resetAt: '2026-01-09T15:23:13Z' }, '2026-01-09T15:23:13.000Z'],
    ['reset_time with an offset', { reset_time: '2026-01-09T23:23:13.5+08:00' }, '2026-01-09T15:23:13.500Z'],
    ['reset_at', { reset_at: '2026-01-09T15:23:13.123456789-01:30' }, '2026-01-09T16:53:13.123Z'],
  ])('reads the reset from %s', (_name, reset, expected) => {
    expect(byId(mapCodeApiUsage(weeklyOnly({ limit: '2048', ...reset })), 'weekly')?.resetsAt).toBe(expected);
  });

  it.each([['tomorrow'], ['2026-01-09T15:23:13'], [1736437393], ['9999-12-31T23:59:59-01:00']])('keeps the window without a reset for %j', (resetTime) => {
    const weekly = byId(mapCodeApiUsage(weeklyOnly({ limit: '2048', used: '1', resetTime })), 'weekly');
    expect(weekly).toBeDefined();
    expect(weekly).not.toHaveProperty('resetsAt');
  });
});

describe('mapCodeApiUsage: the 5-hour row', () => {
  const entry = (window: unknown, limit = '200', used = '1') => ({ window, detail: { limit, used } });

  it.each([
    ['minutes', { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, 300],
    ['hours', { duration: 5, timeUnit: 'TIME_UNIT_HOUR' }, 300],
    ['a numeric string', { duration: ' 300 ', timeUnit: 'TIME_UNIT_MINUTE' }, 300],
    ['days', { duration: 1, timeUnit: 'TIME_UNIT_DAY' }, 1440],
    ['90 minutes', { duration: '90', timeUnit: 'TIME_UNIT_MINUTE' }, 90],
    ['a missing window object (300)', undefined, 300],
    ['a null window object (300)', null, 300],
  ])('takes the length from %s', (_name, window, minutes) => {
    expect(byId(mapCodeApiUsage({ limits: [entry(window)] }), '5h')).toMatchObject({ title: '5-hour', windowMinutes: minutes });
  });

  it.each([
    ['an unknown unit', { duration: 300, timeUnit: 'TIME_UNIT_SECOND' }],
    ['no unit', { duration: 300 }],
    ['zero', { duration: 0, timeUnit: 'TIME_UNIT_MINUTE' }],
    ['negative', { duration: -5, timeUnit: 'TIME_UNIT_HOUR' }],
    ['overflow', { duration: '1e300', timeUnit: 'TIME_UNIT_DAY' }],
    ['a non-number', { duration: 'five', timeUnit: 'TIME_UNIT_HOUR' }],
  ])('leaves the length unknown for %s', (_name, window) => {
    const rate = byId(mapCodeApiUsage({ limits: [entry(window)] }), '5h');
    expect(rate).toMatchObject({ used: 1, limit: 200 });
    expect(rate).not.toHaveProperty('windowMinutes');
  });

  it('prefers the entry whose length is 300 minutes', () => {
    const limits = [entry({ duration: 60, timeUnit: 'TIME_UNIT_MINUTE' }, '50', '5'), entry({ duration: 5, timeUnit: 'TIME_UNIT_HOUR' }, '200', '139')];
    expect(byId(mapCodeApiUsage({ limits }), '5h')).toMatchObject({ used: 139, limit: 200, windowMinutes: 300 });
  });

  it('else takes the first entry', () => {
    const limits = [entry({ duration: 60, timeUnit: 'TIME_UNIT_MINUTE' }, '50', '5'), entry({ duration: 2, timeUnit: 'TIME_UNIT_HOUR' }, '200', '139')];
    expect(byId(mapCodeApiUsage({ limits }), '5h')).toMatchObject({ used: 5, limit: 50, windowMinutes: 60 });
  });

  it('skips entries without a usable limit', () => {
    const limits = [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { used: '3' } }, 'junk', entry({ duration: 60, timeUnit: 'TIME_UNIT_MINUTE' }, '50', '5')];
    expect(byId(mapCodeApiUsage({ limits }), '5h')).toMatchObject({ used: 5, limit: 50 });
  });

  it.each([[undefined], [null], [[]]])('reads the weekly row alone when limits is %j', (limits) => {
    expect(mapCodeApiUsage({ usage: { limit: '2048', used: '214', resetTime: '2026-01-09T15:23:13.716839300Z' }, limits }).windows).toEqual([SEED_WEEKLY]);
  });

  it('reads the 5-hour row alone when the account has no usage object', () => {
    const body = loadKimiFixture('seed-code-api.json') as Record<string, unknown>;
    delete body['usage'];
    expect(mapCodeApiUsage(body)).toEqual(reading(null, [SEED_RATE]));
  });

  it('finds the 5-hour row among 10 000 entries', () => {
    const limits: unknown[] = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? 'junk' : entry({ duration: 60, timeUnit: 'TIME_UNIT_MINUTE' }, '0')));
    limits.push(entry({ duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, '200', '139'));
    expect(byId(mapCodeApiUsage({ limits }), '5h')).toMatchObject({ used: 139, limit: 200, windowMinutes: 300 });
  });
});

describe('mapCodeApiUsage: ratio pools', () => {
  it('maps the ratio-only shape to four percent rows without counts', () => {
    // LEVEL_TRIAL without a catalog version is the version-1 catalog's Andante.
    expect(mapCodeApiUsage(loadKimiFixture('ratio-pools-only.json'))).toEqual({
      plan: 'Andante',
      parallelLimit: null,
      extraUsage: null,
      windows: [
        { id: '5h', title: '5-hour', usedPercent: 42, resetsAt: '2026-11-20T15:00:00.000Z', windowMinutes: 300 },
        { id: 'weekly', title: 'Weekly', usedPercent: 10, resetsAt: '2026-11-23T16:00:00.500Z', windowMinutes: 10_080 },
        { id: 'monthly-total', title: 'Monthly total', usedPercent: 0, resetsAt: '2026-11-30T00:00:00.000Z' },
        { id: 'monthly-code', title: 'Monthly code', usedPercent: 7.5, resetsAt: '2026-11-30T00:00:00.000Z' },
      ],
    });
  });

  it.each([
    [0.42, 42],
    ['0.42', 42],
    [0, 0],
    [1, 100],
    [1.5, 100],
    [42, 42],
    [150, 100],
    [null, 0],
  ])('ratio %j → %d %%', (usedRatio, percent) => {
    const body = { usages: { limit_month_code: { used_ratio: usedRatio, reset_time: '2026-11-30T00:00:00Z' } } };
    expect(byId(mapCodeApiUsage(body), 'monthly-code')?.usedPercent).toBeCloseTo(percent, 10);
  });

  // A ratio that was sent but is no share is no reading, even beside a reset: no 0 % row.
  it.each([[-0.2], ['abc'], ['NaN'], ['Infinity'], [{ value: 0.5 }], [[0.5]]])('ratio %j → no row', (usedRatio) => {
    const body = { usages: { limit_month_code: { used_ratio: usedRatio, reset_time: '2026-11-30T00:00:00Z' } } };
    parseFailure(() => mapCodeApiUsage(body));
  });

  it('ignores a pool with neither a ratio nor a reset', () => {
    parseFailure(() => mapCodeApiUsage({ usages: { limit_5h: {}, limit_7d: null, limit_month_total: 'x' } }));
  });

  it('keeps the counts beside agreeing pools, with the pool’s finer share (mixed shape)', () => {
    expect(mapCodeApiUsage(loadKimiFixture('mixed-shape.json'))).toEqual(
      reading('Allegro', [
        { id: '5h', title: '5-hour', usedPercent: 25, used: 50, limit: 200, unit: 'requests', resetsAt: '2026-11-20T15:00:00.000Z', windowMinutes: 300 },
        // 717/7168 is 10.003 %; the pool says 10 %.
        { id: 'weekly', title: 'Weekly', usedPercent: 10, used: 717, limit: 7168, unit: 'requests', resetsAt: '2026-11-24T00:00:00.000Z', windowMinutes: 10_080 },
        { id: 'monthly-total', title: 'Monthly total', usedPercent: 33, resetsAt: '2026-11-30T00:00:00.000Z' },
      ]),
    );
  });

  it('lets the counts win when the ratio is stuck at 0 (absent or explicit) but the counts are not', () => {
    const reading = mapCodeApiUsage(loadKimiFixture('ratio-stuck-at-zero.json'));
    expect(byId(reading, '5h')).toMatchObject({ used: 139, limit: 200, usedPercent: 69.5 });
    expect(byId(reading, 'weekly')).toMatchObject({ used: 214, limit: 2048 });
    expect(reading.plan).toBe('Moderato');
  });

  it('lets the pool win over placeholder zero counts', () => {
    const reading = mapCodeApiUsage(loadKimiFixture('placeholder-detail.json'));
    expect(reading.windows).toEqual([
      { id: '5h', title: '5-hour', usedPercent: 42, resetsAt: '2026-11-20T15:00:00.000Z', windowMinutes: 300 },
      { id: 'weekly', title: 'Weekly', usedPercent: 10, resetsAt: '2026-11-24T00:00:00.000Z', windowMinutes: 10_080 },
    ]);
    expect(reading.plan).toBeNull();
  });

  it.each([
    ['the pool disagrees', 0.9, '2026-01-06T13:33:00Z', 90],
    ['the pool is 0 for a later window', 0, '2026-01-06T18:33:00Z', 0],
    ['the resets are 6 minutes apart', 0, '2026-01-06T13:39:03Z', 0],
  ])('lets the pool win when %s', (_name, usedRatio, resetTime, percent) => {
    const body = { ...(loadKimiFixture('seed-code-api.json') as object), usages: { limit_5h: { used_ratio: usedRatio, reset_time: resetTime } } };
    const rate = byId(mapCodeApiUsage(body), '5h');
    expect(rate).toEqual({ id: '5h', title: '5-hour', usedPercent: percent, resetsAt: new Date(resetTime).toISOString(), windowMinutes: 300 });
  });

  it('keeps the counts against a zero pool whose reset is 4 minutes off', () => {
    const body = { ...(loadKimiFixture('seed-code-api.json') as object), usages: { limit_5h: { used_ratio: 0, reset_time: '2026-01-06T13:37:00Z' } } };
    expect(byId(mapCodeApiUsage(body), '5h')).toEqual(SEED_RATE);
  });
});

describe('mapCodeApiUsage: hostile bodies', () => {
  let deep: unknown = { limit: '2048' };
  for (let i = 0; i < 10_000; i += 1) deep = { usage: deep };

  it.each([
    ['null', null, 'response is not a JSON object'],
    ['an array', [{ usage: { limit: '2048' } }], 'response is not a JSON object'],
    ['a string', '{"usage":{}}', 'response is not a JSON object'],
    ['a number', 42, 'response is not a JSON object'],
    ['undefined', undefined, 'response is not a JSON object'],
    ['an empty object', {}, 'no usage windows in response'],
    ['wrong types everywhere', { user: 1, usage: 'x', limits: { a: 1 }, usages: [1, 2] }, 'no usage windows in response'],
    ['NaN strings', { usage: { limit: 'NaN', used: 'NaN' }, limits: [{ detail: { limit: 'Infinity' } }] }, 'no usage windows in response'],
    ['huge numbers', { usage: { limit: 1e308 * 10 }, limits: [{ detail: { limit: '9'.repeat(400) } }] }, 'no usage windows in response'],
    ['deep nesting', deep, 'no usage windows in response'],
    ['the web shape', loadKimiFixture('seed-web-usage.json'), 'no usage windows in response'],
    ['10 000 junk limits', { limits: Array.from({ length: 10_000 }, (_, i) => (i % 2 ? [i] : { detail: { limit: '0' } })) }, 'no usage windows in response'],
  ])('%s → KimiError parse', (_name, body, reason) => {
    expect(parseFailure(() => mapCodeApiUsage(body)).message).toBe(`Failed to parse Kimi usage data: ${reason}`);
  });

  it('never quotes the body in the reason', () => {
    const secret = 'sk-kimi-0123456789abcdef';
    const error = parseFailure(() => mapCodeApiUsage({ usage: { limit: secret, used: secret }, token: secret }));
    expect(error.message).not.toContain('sk-kimi');
    expect(error.message).not.toContain('0123456789');
  });
});

describe('mapWebUsage', () => {
  it('maps the CodexBar web example verbatim like the Code API example', () => {
    expect(mapWebUsage(loadKimiFixture('seed-web-usage.json'), null)).toEqual({ plan: 'Moderato', windows: [SEED_RATE, SEED_WEEKLY] });
  });

  it('picks the FEATURE_CODING entry', () => {
    const seed = loadKimiFixture('seed-web-usage.json') as { usages: unknown[] };
    const other = { scope: 'FEATURE_OMNI', detail: { limit: '9', used: '9' }, limits: [] };
    expect(mapWebUsage({ usages: [other, 'junk', ...seed.usages] }, null).windows).toEqual([SEED_RATE, SEED_WEEKLY]);
  });

  it.each([
    ['no FEATURE_CODING entry', { usages: [{ scope: 'FEATURE_OMNI', detail: { limit: '9' } }] }, 'no FEATURE_CODING usage in response'],
    ['usages as an object', { usages: { limit_5h: { used_ratio: 0.5 } } }, 'no FEATURE_CODING usage in response'],
    ['an empty list', { usages: [] }, 'no FEATURE_CODING usage in response'],
    ['an entry without usable counts', { usages: [{ scope: 'FEATURE_CODING', detail: { limit: '0' }, limits: null }] }, 'no usage windows in response'],
    ['null', null, 'response is not a JSON object'],
    ['an array', [], 'response is not a JSON object'],
  ])('%s → KimiError parse', (_name, body, reason) => {
    expect(parseFailure(() => mapWebUsage(body, loadKimiFixture('membership-camel.json'))).message).toBe(
      `Failed to parse Kimi usage data: ${reason}`,
    );
  });

  it('adds the membership rows (camelCase)', () => {
    const reading = mapWebUsage(loadKimiFixture('seed-web-usage.json'), loadKimiFixture('membership-camel.json'));
    expect(reading.windows).toEqual([
      SEED_RATE,
      SEED_WEEKLY,
      { id: 'monthly-total', title: 'Monthly total', usedPercent: 62, resetsAt: '2026-01-31T16:00:00.123Z' },
      { id: 'monthly-code', title: 'Monthly code', usedPercent: 15, resetsAt: '2026-01-31T16:00:00.123Z' },
      { id: 'code-7d', title: 'Code 7-day', usedPercent: 70, resetsAt: '2026-01-12T00:00:00.000Z', windowMinutes: 10_080 },
    ]);
  });

  it('adds the membership rows (snake_case in a data wrapper, filtered by feature and type)', () => {
    const reading = mapWebUsage(loadKimiFixture('seed-web-usage.json'), loadKimiFixture('membership-snake-data.json'));
    expect(reading.windows.slice(2)).toEqual([
      { id: 'monthly-total', title: 'Monthly total', usedPercent: 62, resetsAt: '2026-01-31T16:00:00.000Z' },
      { id: 'code-7d', title: 'Code 7-day', usedPercent: 70, resetsAt: '2026-01-12T00:00:00.000Z', windowMinutes: 10_080 },
    ]);
  });

  const seedWith = (membership: unknown) => mapWebUsage(loadKimiFixture('seed-web-usage.json'), membership);

  it.each([
    ['feature absent, type absent', {}, 0],
    ['FEATURE_OMNI', { feature: 'FEATURE_OMNI', amountUsedRatio: 0.5 }, 50],
    ['type SUBSCRIPTION', { type: 'SUBSCRIPTION', amountUsedRatio: '0.25' }, 25],
    ['a ratio that is already a percent', { amountUsedRatio: 42 }, 42],
  ])('takes the balance with %s', (_name, balance, percent) => {
    expect(byId(seedWith({ subscriptionBalance: balance }), 'monthly-total')?.usedPercent).toBeCloseTo(percent, 10);
  });

  it.each([
    ['another feature', { feature: 'FEATURE_KIMI_CODE', amountUsedRatio: 0.5 }],
    ['another type', { type: 'GIFT', amountUsedRatio: 0.5 }],
  ])('skips the balance with %s', (_name, balance) => {
    expect(byId(seedWith({ subscriptionBalance: balance }), 'monthly-total')).toBeUndefined();
  });

  // A share that was sent but is no number is no reading: no row, never a 0 % row.
  it.each([['NaN'], ['nan'], [-0.1], ['0.5%'], [{}], [true]])('a monthly share of %j gives no row', (ratio) => {
    const balance = { amountUsedRatio: ratio, kimiCodeUsedRatio: ratio, expireTime: '2026-01-31T16:00:00Z' };
    const windows = seedWith({ subscriptionBalance: balance }).windows.map((window) => window.id);
    expect(windows).toEqual(['5h', 'weekly']);
  });

  it('keeps the monthly code row when only the total share is unreadable', () => {
    const balance = { amountUsedRatio: 'NaN', kimiCodeUsedRatio: 0.15, expireTime: '2026-01-31T16:00:00Z' };
    expect(seedWith({ subscriptionBalance: balance }).windows.map((window) => [window.id, window.usedPercent])).toEqual([
      ['5h', 69.5],
      ['weekly', (214 / 2048) * 100],
      ['monthly-code', 15],
    ]);
  });

  it.each([
    ['enabled is false', { ratio: 0.5, enabled: false, resetTime: '2026-01-12T00:00:00Z' }],
    ['enabled is "false"', { ratio: 0.5, enabled: 'false' }],
    ['the ratio is missing', { enabled: true, resetTime: '2026-01-12T00:00:00Z' }],
    ['the ratio is NaN', { ratio: 'NaN', enabled: true }],
    ['the ratio is not a number', { ratio: { value: 1 }, enabled: true }],
    ['it duplicates the weekly row', { ratio: 0.1045, enabled: true, resetTime: '2026-01-09T15:25:00Z' }],
    ['it duplicates the weekly row within 1 pp', { ratio: 0.114, enabled: true, resetTime: '2026-01-09T15:20:00Z' }],
  ])('drops Code 7-day when %s', (_name, code7d) => {
    expect(byId(seedWith({ ratelimitCode7d: code7d }), 'code-7d')).toBeUndefined();
  });

  it.each([
    ['enabled is absent', { ratio: 0.5 }, 50],
    ['it differs from weekly by more than 1 pp', { ratio: 0.12, enabled: true, resetTime: '2026-01-09T15:23:13Z' }, 12],
    ['its reset is 6 minutes from weekly', { ratio: 0.1045, enabled: true, resetTime: '2026-01-09T15:29:14Z' }, 10.45],
    ['it has no reset time', { ratio: 0.1045, enabled: true }, 10.45],
  ])('keeps Code 7-day when %s', (_name, code7d, percent) => {
    expect(byId(seedWith({ ratelimitCode7d: code7d }), 'code-7d')?.usedPercent).toBeCloseTo(percent, 10);
  });

  it.each([[null], ['stats'], [42], [[]], [{ data: null }], [{ subscriptionBalance: 'x', ratelimitCode7d: [1] }], [{ data: { data: {} } }]])(
    'ignores a useless membership body %j',
    (membership) => {
      expect(mapWebUsage(loadKimiFixture('seed-web-usage.json'), membership)).toEqual({ plan: 'Moderato', windows: [SEED_RATE, SEED_WEEKLY] });
    },
  );
});

describe('buildSnapshot', () => {
  const NOW = new Date('2026-01-06T11:03:02.717Z');

  it('sorts rows into display order, adds pace and validates as a UsageSnapshot', () => {
    const reading = mapWebUsage(loadKimiFixture('seed-web-usage.json'), loadKimiFixture('membership-camel.json'));
    const shuffled: UsageReading = { plan: reading.plan, windows: [...reading.windows].reverse() };
    const snapshot = UsageSnapshotSchema.parse(buildSnapshot(shuffled, SOURCE, NOW));
    expect(snapshot.windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total', 'monthly-code', 'code-7d']);
    expect(snapshot).toMatchObject({ source: SOURCE, plan: 'Moderato', updatedAt: NOW.toISOString(), stale: false, error: null });
  });

  it('paces the 5-hour and weekly rows of the CodexBar example; rows without a length get none', () => {
    const snapshot = buildSnapshot(mapCodeApiUsage(loadKimiFixture('seed-code-api.json')), SOURCE, NOW);
    // 2.5 h into the 5-hour window: expected 50 %, used 69.5 %; 139 requests in 150 min runs out in 65.8 min.
    expect(snapshot.windows[0]?.pace).toEqual({
      expectedPercent: 50,
      deltaPercent: 19.5,
      stage: 'large',
      runsOutAt: new Date(NOW.getTime() + (61 / 139) * 150 * 60_000).toISOString(),
    });
    expect(snapshot.windows[1]?.pace).toMatchObject({ stage: 'large', runsOutAt: null });
    const ratioOnly = buildSnapshot(mapCodeApiUsage(loadKimiFixture('ratio-pools-only.json')), SOURCE, new Date('2026-11-20T12:00:00Z'));
    expect(ratioOnly.windows.find((w) => w.id === 'monthly-total')?.pace).toBeNull();
    expect(UsageSnapshotSchema.safeParse(ratioOnly).success).toBe(true);
  });
});

describe('property: mutated bodies give a valid snapshot or KimiError(parse)', () => {
  // mulberry32: a tiny seeded PRNG, so a failure reproduces.
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const HOSTILE: readonly unknown[] = [
    null, true, false, 0, -1, 1e308, -1e308, 0.5, 1.6, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'abc', 'NaN', '1e400', '-0', '2048',
    ' 300 ', '2026-13-40T99:99:99Z', '2026-01-06T13:33:02.717479433+08:00', 'TIME_UNIT_DAY', 'FEATURE_CODING',
    [], [null], {}, { limit: '5' }, 'x'.repeat(10_000),
  ];
  const KEYS = ['usage', 'limits', 'usages', 'detail', 'limit', 'used', 'remaining', 'resetTime', 'window', 'duration', 'timeUnit', 'used_ratio', 'scope', 'data', 'ratio', 'enabled'];

  function mutate(value: unknown, random: () => number, depth = 0): unknown {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    if (random() < 0.15 || depth > 6) return random() < 0.5 ? pick(HOSTILE) : value;
    if (Array.isArray(value)) {
      const copy = value.map((item) => mutate(item, random, depth + 1));
      if (random() < 0.2) copy.push(pick(HOSTILE));
      return random() < 0.1 ? copy[0] : copy;
    }
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (random() < 0.1) continue;
        copy[random() < 0.05 ? pick(KEYS) : key] = mutate(item, random, depth + 1);
      }
      if (random() < 0.2) copy[pick(KEYS)] = pick(HOSTILE);
      return random() < 0.05 ? [copy] : copy;
    }
    return random() < 0.3 ? pick(HOSTILE) : value;
  }

  const BASES = ['seed-code-api.json', 'spec-code-api-classic.json', 'ratio-pools-only.json', 'mixed-shape.json', 'ratio-stuck-at-zero.json', 'seed-web-usage.json'];
  const MEMBERSHIPS = ['membership-camel.json', 'membership-snake-data.json'];

  it('holds for 3000 seeded mutations', () => {
    const random = prng(20_260_106);
    const now = new Date('2026-01-06T12:00:00Z');
    const outcomes = { snapshot: 0, parseError: 0 };
    for (let i = 0; i < 3000; i += 1) {
      const body = mutate(loadKimiFixture(BASES[i % BASES.length] ?? ''), random);
      const membership = mutate(loadKimiFixture(MEMBERSHIPS[i % MEMBERSHIPS.length] ?? ''), random);
      try {
        const reading = i % 2 === 0 ? mapCodeApiUsage(body) : mapWebUsage(body, membership);
        const checked = UsageSnapshotSchema.safeParse(buildSnapshot(reading, SOURCE, now));
        expect(checked.success, `case ${i}: ${JSON.stringify(checked.error?.issues)}`).toBe(true);
        outcomes.snapshot += 1;
      } catch (error) {
        expect(error, `case ${i}`).toBeInstanceOf(KimiError);
        expect((error as KimiError).code).toBe('parse');
        outcomes.parseError += 1;
      }
    }
    // Both outcomes must occur, or the mutations are too mild (or too wild) to test anything.
    expect(outcomes.snapshot).toBeGreaterThan(300);
    expect(outcomes.parseError).toBeGreaterThan(300);
  });
});
