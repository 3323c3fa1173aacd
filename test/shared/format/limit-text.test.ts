// The words for a spent quota (a Code API 403 "usage limit"): which limit, and when it resets
// if Kimi's last numbers for that window say so.
import { describe, expect, it } from 'vitest';
import { limitReachedText, limitResetsAt } from '../../../src/shared/format/index.js';
import type { ErrorView } from '../../../src/shared/usage.js';
import { MIN, T0, snapshot, window } from '../../core/app/fixtures.js';

const DAY = 24 * 60 * MIN;
const spent = (named?: ErrorView['window']): ErrorView => ({ code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null, ...(named === undefined ? {} : { window: named }) });
const last = snapshot([window('5h', 40, T0 + 90 * MIN), window('weekly', 97, T0 + 2 * DAY + 3 * 60 * MIN)]);

describe('limitReachedText', () => {
  it.each([
    ['en', spent('weekly'), 'Weekly limit reached · Resets in 2d 3h'],
    ['zh-CN', spent('weekly'), '已达到每周用量上限 · 2 天 3 小时后重置'],
    ['en', spent(), 'Usage limit reached'],
    ['zh-CN', spent(), '已达到用量上限'],
    // The last numbers have no monthly row: the limit, without a reset.
    ['en', spent('monthly-total'), 'Monthly total limit reached'],
  ] as const)('%s: %o reads "%s"', (locale, error, text) => {
    expect(limitReachedText(locale, error, last, T0)).toBe(text);
  });

  it('gives no reset once the last known one has passed (it belonged to an earlier period) or without numbers', () => {
    expect(limitReachedText('en', spent('weekly'), last, T0 + 3 * DAY)).toBe('Weekly limit reached');
    expect(limitReachedText('en', spent('weekly'), null, T0)).toBe('Weekly limit reached');
    expect(limitResetsAt('weekly', last, T0 + 3 * DAY)).toBeNull();
    expect(limitResetsAt(undefined, last, T0)).toBeNull();
    expect(limitResetsAt('weekly', last, T0)).toBe(new Date(T0 + 2 * DAY + 3 * 60 * MIN).toISOString());
  });
});
