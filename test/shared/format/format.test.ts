import { describe, expect, it } from 'vitest';
import {
  clockFormatter,
  countText,
  extraUsageTexts,
  forecastText,
  formatDuration,
  moneyText,
  paceText,
  paceTone,
  parallelText,
  percentFigure,
  percentText,
  requestCounts,
  resetText,
  staleAgeText,
  updatedText,
  wholePercent,
  windowTitle,
} from '../../../src/shared/format/index.js';
import type { Pace } from '../../../src/shared/usage.js';

const NOW = Date.parse('2026-01-06T12:00:00.000Z');
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(NOW + ms).toISOString();
const pace = (deltaPercent: number, stage: Pace['stage'], runsOutAt: string | null = null): Pace => ({
  expectedPercent: 50,
  deltaPercent,
  stage,
  runsOutAt,
});

describe('wholePercent: one rounding rule for every screen', () => {
  it.each([
    // used %, shown left, shown used
    [0, 100, 0],
    [0.2, 99, 1],
    [0.4, 99, 1],
    [0.5, 99, 1],
    [1.5, 99, 1],
    [2.5, 98, 2],
    [10.45, 90, 10],
    [37.6, 62, 38],
    [62.4, 38, 62],
    [69.5, 31, 69],
    [99.4, 1, 99],
    [99.5, 1, 99],
    [99.6, 1, 99],
    [99.8, 1, 99],
    [100, 0, 100],
  ])('%s used reads %s left and %s used', (used, left, usedShown) => {
    expect(wholePercent(used, 'left')).toBe(left);
    expect(wholePercent(used, 'used')).toBe(usedShown);
  });

  it('"0% left" means nothing is left and "100% left" means nothing is used', () => {
    for (let used = 0.001; used < 100; used += 0.37) {
      expect(wholePercent(used, 'left'), `${used}`).toBeGreaterThanOrEqual(1);
      expect(wholePercent(used, 'left'), `${used}`).toBeLessThanOrEqual(99);
    }
  });

  it('left and used always add up to 100, so a card showing both agrees with itself', () => {
    for (let used = 0; used <= 100; used += 0.05) expect(wholePercent(used, 'left') + wholePercent(used, 'used')).toBe(100);
  });

  it('clamps over-quota and negative readings, and ignores float noise at the ends', () => {
    expect(wholePercent(125, 'left')).toBe(0);
    expect(wholePercent(-3, 'left')).toBe(100);
    expect(wholePercent((2048 / 2048) * 100 - 1e-12, 'left')).toBe(0);
    expect(wholePercent(1e-12, 'used')).toBe(0);
  });

  it('words the share in the reader’s language; the menu-bar figure is the number alone', () => {
    expect(percentText('en', 99.6, 'left')).toBe('1% left');
    expect(percentText('en', 99.6, 'used')).toBe('99% used');
    expect(percentText('zh-CN', 99.6, 'left')).toBe('剩余 1%');
    expect(percentText('zh-CN', 0.4, 'used')).toBe('已用 1%');
    expect(percentFigure('en', 99.6, 'left')).toBe('1%');
    expect(percentFigure('zh-CN', 62.4, 'used')).toBe('62%');
  });
});

describe('formatDuration', () => {
  it.each([
    [2 * HOUR + 13 * MIN, '2h 13m'],
    [2 * HOUR + 12 * MIN + 1 * SEC, '2h 13m'],
    [2 * HOUR + 12 * MIN + 1, '2h 13m'],
    [4 * DAY + 3 * HOUR, '4d 3h'],
    [4 * DAY + 3 * HOUR + 59 * MIN, '4d 3h'],
    [4 * DAY, '4d'],
    [2 * HOUR, '2h'],
    [45 * MIN, '45m'],
    [1, '1m'],
    [59 * MIN + 30 * SEC, '1h'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration('en', ms)).toBe(expected);
  });

  it('speaks Simplified Chinese', () => {
    expect(formatDuration('zh-CN', 2 * HOUR + 13 * MIN)).toBe('2 小时 13 分钟');
    expect(formatDuration('zh-CN', 4 * DAY + 3 * HOUR)).toBe('4 天 3 小时');
    expect(formatDuration('zh-CN', 45 * MIN)).toBe('45 分钟');
  });

  it('has a compact form for a row with no room: Chinese drops the spaces and the long unit words, English is short already', () => {
    expect(formatDuration('zh-CN', 2 * HOUR + 13 * MIN, 'compact')).toBe('2小时13分');
    expect(formatDuration('zh-CN', 4 * DAY + 3 * HOUR, 'compact')).toBe('4天3小时');
    expect(formatDuration('zh-CN', 4 * DAY, 'compact')).toBe('4天');
    expect(formatDuration('zh-CN', 45 * MIN, 'compact')).toBe('45分钟');
    for (const ms of [45 * MIN, 2 * HOUR, 2 * HOUR + 13 * MIN, 4 * DAY, 4 * DAY + 3 * HOUR]) expect(formatDuration('en', ms, 'compact')).toBe(formatDuration('en', ms));
  });
});

describe('resetText', () => {
  it.each([
    [later(2 * HOUR + 12 * MIN + 5 * SEC), 'Resets in 2h 13m'],
    [later(4 * DAY + 3 * HOUR + 10 * MIN), 'Resets in 4d 3h'],
    [later(30 * SEC), 'Resets in 1m'],
    [later(30 * SEC + 1), 'Resets in 1m'],
    [later(1), 'Resets in 1m'],
    [later(0), 'Resets now'],
    [later(-5 * MIN), 'Resets now'],
    [later(-HOUR), 'Resets now'],
    ['2026-01-06T14:12:30.123456789Z', 'Resets in 2h 13m'],
  ])('%s → %s', (resetsAt, expected) => {
    expect(resetText('en', resetsAt, NOW)).toBe(expected);
  });

  it('is null without a (readable) reset time', () => {
    expect(resetText('en', undefined, NOW)).toBeNull();
    expect(resetText('en', null, NOW)).toBeNull();
    expect(resetText('en', 'not a time', NOW)).toBeNull();
  });

  it('speaks Simplified Chinese', () => {
    expect(resetText('zh-CN', later(2 * HOUR + 13 * MIN), NOW)).toBe('2 小时 13 分钟后重置');
    expect(resetText('zh-CN', later(-MIN), NOW)).toBe('即将重置');
  });
});

describe('updatedText', () => {
  const clock = (date: Date) => `clock(${date.toISOString()})`;
  it.each([
    [new Date(NOW).toISOString(), 'Updated just now'],
    [later(-59 * SEC), 'Updated just now'],
    [later(5 * SEC), 'Updated just now'],
    [later(-60 * SEC), 'Updated 1 min ago'],
    [later(-5 * MIN - 10), 'Updated 5 min ago'],
    [later(-5 * MIN - 30 * SEC), 'Updated 5 min ago'],
    [later(-59 * MIN - 59 * SEC), 'Updated 59 min ago'],
    [later(-HOUR), `Updated at clock(${later(-HOUR)})`],
  ])('%s → %s', (updatedAt, expected) => {
    expect(updatedText('en', updatedAt, NOW, clock)).toBe(expected);
  });

  it('shows the clock time in the locale’s own style and zone', () => {
    const updatedAt = '2026-01-06T06:05:00Z';
    expect(updatedText('en', updatedAt, NOW, clockFormatter('en-GB', 'Europe/Berlin'))).toBe('Updated at 07:05');
    expect(updatedText('en', updatedAt, NOW, clockFormatter('en-US', 'UTC'))).toMatch(/^Updated at 6:05\sAM$/);
    expect(updatedText('zh-CN', updatedAt, NOW, clockFormatter('zh-CN', 'Asia/Shanghai'))).toBe('更新于 14:05');
    expect(updatedText('en', later(-2 * HOUR), NOW)).toMatch(/^Updated at \d{1,2}:\d{2}/);
  });

  it('speaks Simplified Chinese, and never makes up a time it cannot read', () => {
    expect(updatedText('zh-CN', later(-5 * MIN), NOW)).toBe('5 分钟前更新');
    expect(updatedText('zh-CN', later(0), NOW)).toBe('刚刚更新');
    expect(updatedText('en', 'not a time', NOW)).toBe('Not updated yet');
  });
});

describe('staleAgeText', () => {
  it.each([
    [later(-30 * SEC), 'From a moment ago'],
    [later(-60 * SEC), 'From 1 min ago'],
    [later(-45 * MIN), 'From 45 min ago'],
    [later(-2 * HOUR - 59 * MIN), 'From 2 h ago'],
    [later(-47 * HOUR), 'From 47 h ago'],
    [later(-3 * DAY - 5 * HOUR), 'From 3 d ago'],
    [later(5 * MIN), 'From a moment ago'],
  ])('%s → %s', (updatedAt, expected) => {
    expect(staleAgeText('en', updatedAt, NOW)).toBe(expected);
  });

  it('speaks Simplified Chinese, and never makes up an age it cannot read', () => {
    expect(staleAgeText('zh-CN', later(-2 * HOUR), NOW)).toBe('2 小时前的数据');
    expect(staleAgeText('zh-CN', later(-10 * MIN), NOW)).toBe('10 分钟前的数据');
    expect(staleAgeText('zh-CN', later(-10 * SEC), NOW)).toBe('刚才的数据');
    expect(staleAgeText('en', 'not a time', NOW)).toBe('Not updated yet');
  });
});

describe('countText', () => {
  it.each([
    [{ id: 'weekly', usedPercent: 10.4, used: 214, limit: 2048, windowMinutes: 10_080 }, '214/2048 requests'],
    [{ id: 'weekly', usedPercent: 42, windowMinutes: 10_080 }, '42% used'],
    [{ id: 'monthly-total', usedPercent: 41.6 }, '42% used'],
    [{ id: 'monthly-code', usedPercent: 99.7 }, '99% used'],
    [{ id: 'monthly-code', usedPercent: 0.3 }, '1% used'],
    [{ id: 'code-7d', usedPercent: 100 }, '100% used'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 300 }, 'Rate: 139/200 per 5 hours'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 60 }, 'Rate: 139/200 per hour'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 90 }, 'Rate: 139/200 per 90 minutes'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 1 }, 'Rate: 139/200 per minute'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 1440 }, 'Rate: 139/200 per day'],
    [{ id: '5h', usedPercent: 10, used: 214, limit: 2048, windowMinutes: 10_080 }, 'Rate: 214/2048 per 7 days'],
    [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200 }, 'Rate: 139/200'],
    [{ id: '5h', usedPercent: 42, windowMinutes: 300 }, '42% used'],
    [{ id: '5h', usedPercent: 125, used: 250, limit: 200, windowMinutes: 300 }, 'Rate: 250/200 per 5 hours'],
  ] as const)('%j → %s', (window, expected) => {
    expect(countText('en', window)).toBe(expected);
  });

  it('a limit of exactly 100 counts percent, not requests', () => {
    expect(countText('en', { id: 'weekly', usedPercent: 47, used: 47, limit: 100, windowMinutes: 10_080 })).toBe('47% used');
    expect(countText('en', { id: '5h', usedPercent: 12, used: 12, limit: 100, windowMinutes: 300 })).toBe('12% used');
    expect(requestCounts({ used: 47, limit: 100 })).toBeNull();
    expect(requestCounts({ used: null, limit: null })).toBeNull();
    expect(requestCounts({ used: 0, limit: 2048 })).toEqual({ used: 0, limit: 2048 });
  });

  it('with "Show usage as used" a share-only window has no count text: the headline says it', () => {
    expect(countText('en', { id: 'monthly-total', usedPercent: 85 }, 'used')).toBeNull();
    expect(countText('en', { id: 'weekly', usedPercent: 10.4, used: 214, limit: 2048 }, 'used')).toBe('214/2048 requests');
  });

  it('speaks Simplified Chinese', () => {
    expect(countText('zh-CN', { id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes: 300 })).toBe('速率：每 5 小时 139/200');
    expect(countText('zh-CN', { id: 'weekly', usedPercent: 10.4, used: 214, limit: 2048 })).toBe('214/2048 次请求');
    expect(countText('zh-CN', { id: 'monthly-total', usedPercent: 41.6 })).toBe('已用 42%');
    expect(countText('zh-CN', { id: '5h', usedPercent: 1, used: 1, limit: 200, windowMinutes: 10_080 })).toBe('速率：每 7 天 1/200');
  });

  // "每" takes a space only before a number ("每 5 小时"); a single unit is one word ("每小时").
  it.each([
    [60, '速率：每小时 139/200'],
    [1440, '速率：每天 139/200'],
    [1, '速率：每分钟 139/200'],
    [300, '速率：每 5 小时 139/200'],
    [2880, '速率：每 2 天 139/200'],
    [90, '速率：每 90 分钟 139/200'],
  ])('in Simplified Chinese a %s-minute window reads %s', (windowMinutes, expected) => {
    expect(countText('zh-CN', { id: '5h', usedPercent: 69.5, used: 139, limit: 200, windowMinutes })).toBe(expected);
  });
});

describe('paceText, paceTone and forecastText', () => {
  it.each([
    [pace(1.5, 'on-pace'), 'On pace', 'on-pace'],
    [pace(-2, 'on-pace'), 'On pace', 'on-pace'],
    [pace(-8.2, 'medium'), '8% in reserve', 'reserve'],
    [pace(8, 'medium'), '8% in deficit', 'deficit'],
    [pace(3, 'small'), '3% in deficit', 'deficit'],
    [pace(-30.6, 'large'), '31% in reserve', 'reserve'],
  ])('%j → %s', (input, text, tone) => {
    expect(paceText('en', input)).toBe(text);
    expect(paceTone(input)).toBe(tone);
  });

  it.each([
    [pace(20, 'large', later(HOUR + 19 * MIN + 10 * SEC)), 'Runs out in 1h 20m'],
    [pace(20, 'large', new Date(NOW).toISOString()), 'Runs out now'],
    [pace(20, 'large', later(-MIN)), 'Runs out now'],
    [pace(-20, 'large'), 'Lasts until reset'],
  ])('%j → %s', (input, expected) => {
    expect(forecastText('en', input, NOW)).toBe(expected);
  });

  it('speaks Simplified Chinese', () => {
    expect(paceText('zh-CN', pace(8, 'medium'))).toBe('超前 8%');
    expect(paceText('zh-CN', pace(-8, 'medium'))).toBe('余量 8%');
    expect(paceText('zh-CN', pace(0, 'on-pace'))).toBe('进度正常');
    expect(forecastText('zh-CN', pace(20, 'large', later(80 * MIN)), NOW)).toBe('1 小时 20 分钟后用完');
    expect(forecastText('zh-CN', pace(20, 'large', later(0)), NOW)).toBe('即将用完');
    expect(forecastText('zh-CN', pace(-20, 'large'), NOW)).toBe('可用到重置');
  });
});

describe('windowTitle', () => {
  it('names a window from the catalog by id', () => {
    expect(windowTitle('en', '5h')).toBe('5-hour');
    expect(windowTitle('en', 'monthly-total')).toBe('Monthly total');
    expect(windowTitle('zh-CN', 'weekly')).toBe('每周');
  });
});

describe('money', () => {
  it.each([
    ['en', 100, 'USD', '$100.00'],
    ['en', 182.08, 'CNY', '¥182.08'],
    ['en', 1234.5, 'USD', '$1,234.50'],
    ['en', 0.01, 'USD', '$0.01'],
    ['zh-CN', 182.08, 'CNY', '¥182.08'],
    ['zh-CN', 200, 'USD', '$200.00'],
    // A currency Kimi did not name gets no guessed symbol.
    ['en', 100, null, '100.00'],
    ['zh-CN', 2500, null, '2,500.00'],
  ] as const)('%s %d %s → %s', (locale, amount, currency, text) => {
    expect(moneyText(locale, amount, currency)).toBe(text);
  });

  it('words extra usage: what is left of what was bought, and the month against its cap', () => {
    const extra = { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 };
    expect(extraUsageTexts('en', extra)).toEqual({ left: '$100.00 left', bought: 'of $200.00 bought', month: '$50.00 of $200.00 this month' });
    expect(extraUsageTexts('zh-CN', { ...extra, currency: 'CNY' })).toEqual({ left: '剩余 ¥100.00', bought: '共购买 ¥200.00', month: '本月已用 ¥50.00，上限 ¥200.00' });
    // Without a cap the month's spend has nothing to be measured against, so it is not shown.
    expect(extraUsageTexts('en', { ...extra, monthlyCap: null }).month).toBeNull();
  });
});

describe('parallelText', () => {
  it.each([
    ['en', 30, 'Up to 30 parallel requests'],
    ['en', 1, 'Up to 1 parallel request'],
    ['zh-CN', 20, '最多 20 个并行请求'],
  ] as const)('%s %d → %s', (locale, limit, text) => {
    expect(parallelText(locale, limit)).toBe(text);
  });
});
