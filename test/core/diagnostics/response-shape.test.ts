import { describe, expect, it } from 'vitest';
import { describeShape } from '../../../src/main/core/diagnostics/response-shape.js';

describe('describeShape', () => {
  it('keeps keys and types and drops every value', () => {
    const body = {
      user: { userId: 'u-123456', membership: { level: 'LEVEL_INTERMEDIATE' } },
      usage: { limit: '2048', used: '214', resetTime: '2026-01-09T15:23:13Z' },
      limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200' } }],
      usages: { limit_5h: { used_ratio: 0.42 } },
      flag: true,
      nothing: null,
    };
    const shape = describeShape(body);
    expect(shape).toEqual({
      user: { userId: 'string', membership: { level: 'string' } },
      usage: { limit: 'numeric string', used: 'numeric string', resetTime: 'string' },
      limits: { array: [{ window: { duration: 'number', timeUnit: 'string' }, detail: { limit: 'numeric string' } }], length: 1 },
      usages: { limit_5h: { used_ratio: 'number' } },
      flag: 'boolean',
      nothing: 'null',
    });
    const text = JSON.stringify(shape);
    for (const value of ['u-123456', 'LEVEL_INTERMEDIATE', '2048', '214', '2026-01-09', '0.42', '300']) expect(text).not.toContain(value);
  });

  it('names array items of different shapes once each, with the length', () => {
    expect(describeShape([1, 2, 'a', 3, { a: 1 }])).toEqual({ array: ['number', 'string'], length: 5 });
  });

  it('replaces a key that looks like a credential', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const shape = describeShape({ [jwt]: 1, 'sk-kimi-abcdefghijklmnop': 2, access_token: 'secret-value' });
    const text = JSON.stringify(shape);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('sk-kimi-abcdefghijklmnop');
    expect(text).not.toContain('secret-value');
    expect(shape).toMatchObject({ '[redacted key]': 'number', access_token: 'string' });
  });

  it('stays small for a hostile body: deep nesting, many keys, huge arrays', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i += 1) deep = { d: deep };
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const long = Array.from({ length: 1_000_000 }, (_, i) => ({ i }));
    const size = JSON.stringify(describeShape({ deep, wide, long })).length;
    expect(size).toBeLessThan(4_000);
    expect(describeShape(wide)).toMatchObject({ '…': '99936 more keys' });
  });
});
