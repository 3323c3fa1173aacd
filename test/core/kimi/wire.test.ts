import { describe, expect, it } from 'vitest';
import {
  CodeApiBodySchema,
  MembershipStatsSchema,
  WebUsageBodySchema,
  parseIsoInstant,
  toFiniteNumber,
  windowMinutes,
} from '../../../src/main/core/kimi/wire.js';

describe('toFiniteNumber', () => {
  it.each([
    ['2048', 2048],
    [' 2048 ', 2048],
    ['\t139\n', 139],
    [2048, 2048],
    [0.42, 0.42],
    ['0.42', 0.42],
    ['1e3', 1000],
    ['-5', -5],
    ['.5', 0.5],
    ['5.', 5],
    [0, 0],
  ])('%j → %j', (input, expected) => {
    expect(toFiniteNumber(input)).toBe(expected);
  });

  it.each([
    ['abc'],
    [''],
    ['   '],
    ['NaN'],
    ['Infinity'],
    ['0x10'],
    ['1,024'],
    ['12abc'],
    ['1e400'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [null],
    [undefined],
    [true],
    [{}],
    [[2048]],
    ['1'.repeat(65)],
  ])('%j counts as absent', (input) => {
    expect(toFiniteNumber(input)).toBeUndefined();
  });
});

describe('parseIsoInstant', () => {
  it.each([
    ['2026-01-09T15:23:13Z', '2026-01-09T15:23:13.000Z'],
    ['2026-01-09T15:23:13.7Z', '2026-01-09T15:23:13.700Z'],
    ['2026-01-09T15:23:13.71Z', '2026-01-09T15:23:13.710Z'],
    ['2026-01-09T15:23:13.716Z', '2026-01-09T15:23:13.716Z'],
    ['2026-01-09T15:23:13.716839Z', '2026-01-09T15:23:13.716Z'],
    ['2026-01-09T15:23:13.716839300Z', '2026-01-09T15:23:13.716Z'],
    ['2026-01-06T13:33:02.717479433Z', '2026-01-06T13:33:02.717Z'],
    ['2026-01-09T23:23:13.716839300+08:00', '2026-01-09T15:23:13.716Z'],
    ['2026-01-09T10:23:13-05:00', '2026-01-09T15:23:13.000Z'],
    ['2026-01-09T20:53:13+0530', '2026-01-09T15:23:13.000Z'],
    ['2026-01-09T15:23Z', '2026-01-09T15:23:00.000Z'],
    ['2026-01-09 15:23:13z', '2026-01-09T15:23:13.000Z'],
    [' 2026-01-09T15:23:13Z ', '2026-01-09T15:23:13.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    const ms = parseIsoInstant(input);
    expect(ms).toBeDefined();
    expect(new Date(ms ?? Number.NaN).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-01-09T15:23:13'],
    ['2026-01-09'],
    ['2026-01-09T15:23:13.1234567890Z'],
    ['2026-01-09T15:23:13.Z'],
    ['2026-13-09T15:23:13Z'],
    ['2026-02-30T15:23:13Z'],
    ['2025-02-29T00:00:00Z'],
    ['2026-01-09T24:00:00Z'],
    ['2026-01-09T15:60:00Z'],
    ['2026-01-09T15:23:61Z'],
    ['2026-01-09T15:23:13+24:00'],
    ['yesterday'],
    [''],
    [1736437393],
    [null],
    [{}],
    [`2026-01-09T15:23:13.${'1'.repeat(80)}Z`],
  ])('%j has no reset time', (input) => {
    expect(parseIsoInstant(input)).toBeUndefined();
  });
});

describe('windowMinutes', () => {
  it.each([
    [300, 'TIME_UNIT_MINUTE', 300],
    [5, 'TIME_UNIT_HOUR', 300],
    [7, 'TIME_UNIT_DAY', 10_080],
    [1.5, 'TIME_UNIT_HOUR', 90],
  ])('%j %s → %j', (duration, unit, expected) => {
    expect(windowMinutes(duration, unit)).toBe(expected);
  });

  it.each([
    [300, 'TIME_UNIT_SECOND'],
    [300, 'TIME_UNIT_UNSPECIFIED'],
    [300, 'minute'],
    [300, 'constructor'],
    [300, undefined],
    [undefined, 'TIME_UNIT_MINUTE'],
    [0, 'TIME_UNIT_MINUTE'],
    [-300, 'TIME_UNIT_MINUTE'],
    [0.5, 'TIME_UNIT_MINUTE'],
    [1e300, 'TIME_UNIT_DAY'],
    [Number.MAX_SAFE_INTEGER, 'TIME_UNIT_MINUTE'],
  ])('%j %s → unknown', (duration, unit) => {
    expect(windowMinutes(duration, unit)).toBeUndefined();
  });
});

describe('CodeApiBodySchema', () => {
  it('reads string counts, the reset key order and the window unit; ignores unknown fields', () => {
    const body = CodeApiBodySchema.parse({
      extra: { anything: [1, 2, 3] },
      usage: { limit: ' 2048 ', used: 214.0, resetAt: '2026-01-09T15:23:13Z', reset_at: '2030-01-01T00:00:00Z', surprise: true },
      limits: [{ window: { duration: '5', timeUnit: 'TIME_UNIT_HOUR' }, detail: { limit: 200, reset_time: '2026-01-06T13:33:02Z' } }],
    });
    expect(body.usage).toEqual({ limit: 2048, used: 214, remaining: undefined, resetsAtMs: Date.parse('2026-01-09T15:23:13Z') });
    expect(body.limits).toEqual([
      { window: { minutes: 300 }, detail: { limit: 200, used: undefined, remaining: undefined, resetsAtMs: Date.parse('2026-01-06T13:33:02Z') } },
    ]);
  });

  it('takes resetTime first, and skips a reset key that does not parse', () => {
    const keys = {
      resetTime: '2026-01-01T00:00:00Z',
      resetAt: '2026-02-01T00:00:00Z',
      reset_time: '2026-03-01T00:00:00Z',
      reset_at: '2026-04-01T00:00:00Z',
    };
    expect(CodeApiBodySchema.parse({ usage: keys }).usage?.resetsAtMs).toBe(Date.parse(keys.resetTime));
    expect(CodeApiBodySchema.parse({ usage: { ...keys, resetTime: 'soon' } }).usage?.resetsAtMs).toBe(Date.parse(keys.resetAt));
    expect(CodeApiBodySchema.parse({ usage: { reset_at: keys.reset_at } }).usage?.resetsAtMs).toBe(Date.parse(keys.reset_at));
  });

  it.each([[undefined], [null], [[]], ['limits'], [42], [{ 0: {} }]])('limits %j read as an empty list', (limits) => {
    expect(CodeApiBodySchema.parse({ limits }).limits).toEqual([]);
  });

  it('skips limit entries of the wrong type and keeps the rest', () => {
    const body = CodeApiBodySchema.parse({ limits: [null, 'x', 7, [], { detail: { limit: '5' } }] });
    expect(body.limits).toEqual([{ window: undefined, detail: { limit: 5, used: undefined, remaining: undefined, resetsAtMs: undefined } }]);
  });

  it('treats wrongly typed objects as absent instead of failing', () => {
    const body = CodeApiBodySchema.parse({ user: 'me', usage: [1], usages: [{ scope: 'FEATURE_CODING' }] });
    expect(body).toEqual({ user: undefined, usage: undefined, limits: [], usages: undefined });
  });

  it('reads ratio pools in snake_case and camelCase', () => {
    const body = CodeApiBodySchema.parse({
      usages: { limit_5h: { used_ratio: '0.42', reset_time: '2026-11-20T15:00:00Z' }, limit_7d: { usedRatio: 1, resetTime: 'bad' } },
    });
    expect(body.usages?.limit_5h).toEqual({ usedRatio: 0.42, resetsAtMs: Date.parse('2026-11-20T15:00:00Z') });
    expect(body.usages?.limit_7d).toEqual({ usedRatio: 1, resetsAtMs: undefined });
    expect(body.usages?.limit_month_total).toBeUndefined();
  });
});

describe('WebUsageBodySchema', () => {
  it('keeps scoped entries and drops entries of the wrong type', () => {
    const body = WebUsageBodySchema.parse({ usages: [1, { scope: 'FEATURE_OTHER' }, { scope: 'FEATURE_CODING', detail: { limit: '2048' } }] });
    expect(body.usages.map((entry) => entry.scope)).toEqual(['FEATURE_OTHER', 'FEATURE_CODING']);
  });

  it('reads a ratio-pool object under usages as no entries', () => {
    expect(WebUsageBodySchema.parse({ usages: { limit_5h: { used_ratio: 0.5 } } }).usages).toEqual([]);
  });
});

describe('MembershipStatsSchema', () => {
  const balance = { amountUsedRatio: 0.62, kimiCodeUsedRatio: 0.15, expiresAtMs: Date.parse('2026-01-31T16:00:00Z'), feature: undefined, type: undefined };
  const code7d = { ratio: 0.7, enabled: true, resetsAtMs: Date.parse('2026-01-12T00:00:00Z') };

  it.each([
    ['camelCase', { subscriptionBalance: { amountUsedRatio: 0.62, kimiCodeUsedRatio: 0.15, expireTime: '2026-01-31T16:00:00Z' }, ratelimitCode7d: { ratio: 0.7, enabled: true, resetTime: '2026-01-12T00:00:00Z' } }],
    ['snake_case', { subscription_balance: { amount_used_ratio: 0.62, kimi_code_used_ratio: 0.15, expire_time: '2026-01-31T16:00:00Z' }, ratelimit_code_7d: { ratio: 0.7, enabled: true, reset_time: '2026-01-12T00:00:00Z' } }],
    ['data-wrapped camelCase', { data: { subscriptionBalance: { amountUsedRatio: 0.62, kimiCodeUsedRatio: 0.15, expireTime: '2026-01-31T16:00:00Z' }, ratelimitCode7d: { ratio: 0.7, enabled: 'true', resetTime: '2026-01-12T00:00:00Z' } } }],
    ['data-wrapped snake_case', { data: { subscription_balance: [{ amount_used_ratio: '0.62', kimi_code_used_ratio: 0.15, expire_time: '2026-01-31T16:00:00Z' }], ratelimit_code_7d: { ratio: 0.7, enabled: true, resetTime: '2026-01-12T00:00:00Z' } } }],
  ])('reads %s', (_name, body) => {
    expect(MembershipStatsSchema.parse(body)).toEqual({ balances: [balance], code7d });
  });

  it.each([[null], ['stats'], [[]], [42]])('refuses a %j body', (body) => {
    expect(MembershipStatsSchema.safeParse(body).success).toBe(false);
  });

  it('ignores a data wrapper that is not an object', () => {
    expect(MembershipStatsSchema.parse({ data: 'not an object' })).toEqual({ balances: [], code7d: undefined });
  });
});
