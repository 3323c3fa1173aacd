import { describe, expect, test } from 'vitest';
import type { UsageWindow } from '../../src/shared/usage.js';
import { bannerText, describeExtraUsage, describeWindow, parallelFact, sourceText, updatedText } from '../../src/renderer/usage-view.js';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
const MINUTE = 60_000;

const fiveHour: UsageWindow = {
  id: '5h',
  title: '5-hour',
  usedPercent: 69.5,
  used: 139,
  limit: 200,
  resetsAt: at(133 * MINUTE),
  windowMinutes: 300,
  pace: { expectedPercent: 55.7, deltaPercent: 13.8, stage: 'large', runsOutAt: at(80 * MINUTE) },
};

describe('describeWindow', () => {
  test('the 5-hour row: percent left, rate text, countdown and pace with forecast', () => {
    const view = describeWindow('en', fiveHour, NOW, false);
    expect(view).toMatchObject({
      title: '5-hour',
      percentText: '31% left',
      level: 'warn',
      countText: 'Rate: 139/200 per 5 hours',
      resetText: 'Resets in 2h 13m',
      paceText: '14% in deficit · Runs out in 1h 20m',
      paceTone: 'deficit',
    });
    expect(view.fillPercent).toBeCloseTo(30.5);
  });

  test('"Show usage as used" flips the headline and the bar; used is what is not left, so the two modes add up', () => {
    const view = describeWindow('en', fiveHour, NOW, true);
    expect(view.percentText).toBe('69% used');
    expect(view.percentValue).toBe(69);
    expect(view.fillPercent).toBeCloseTo(69.5);
    expect(describeWindow('en', fiveHour, NOW, false).percentValue).toBe(31);
  });

  test('a nearly used-up window reads 1 % left, a used-up one 0 %; the accessible value says the same', () => {
    const nearly = describeWindow('en', { ...fiveHour, usedPercent: 99.6, used: 996, limit: 1000 }, NOW, false);
    expect(nearly).toMatchObject({ percentText: '1% left', percentValue: 1, level: 'low' });
    expect(describeWindow('en', { ...fiveHour, usedPercent: 100, used: 250, limit: 200 }, NOW, false)).toMatchObject({ percentText: '0% left', percentValue: 0, countText: 'Rate: 250/200 per 5 hours' });
    expect(describeWindow('en', { ...fiveHour, usedPercent: 0.4, used: 4, limit: 1000 }, NOW, true)).toMatchObject({ percentText: '1% used', percentValue: 1 });
  });

  test('a forecast whose time has come says "Runs out now", as the CLI does', () => {
    const view = describeWindow('en', { ...fiveHour, usedPercent: 100, pace: { expectedPercent: 55.7, deltaPercent: 44.3, stage: 'large', runsOutAt: at(0) } }, NOW, false);
    expect(view.paceText).toBe('44% in deficit · Runs out now');
  });

  test('old numbers are not extrapolated: no pace, no forecast; the numbers themselves stay', () => {
    const view = describeWindow('en', fiveHour, NOW, false, true);
    expect(view).toMatchObject({ percentText: '31% left', countText: 'Rate: 139/200 per 5 hours', resetText: 'Resets in 2h 13m', paceText: null, paceTone: null });
  });

  test('the weekly row counts requests; a reserve lasts until reset', () => {
    const weekly: UsageWindow = { id: 'weekly', title: 'Weekly', usedPercent: 10.45, used: 214, limit: 2048, resetsAt: at((4 * 24 + 3) * 60 * MINUTE), windowMinutes: 10_080, pace: { expectedPercent: 40, deltaPercent: -29.55, stage: 'large', runsOutAt: null } };
    expect(describeWindow('en', weekly, NOW, false)).toMatchObject({ percentText: '90% left', level: 'ok', countText: '214/2048 requests', resetText: 'Resets in 4d 3h', paceText: '30% in reserve · Lasts until reset' });
  });

  test('a ratio pool shows "N% used" as its count; rate without a known unit drops "per"', () => {
    const pool: UsageWindow = { id: 'monthly-total', title: 'Monthly total', usedPercent: 85, resetsAt: at(-1), pace: null };
    expect(describeWindow('en', pool, NOW, false)).toMatchObject({ percentText: '15% left', level: 'low', countText: '85% used', resetText: 'Resets now', paceText: null });
    expect(describeWindow('en', { ...fiveHour, windowMinutes: undefined }, NOW, false).countText).toBe('Rate: 139/200');
    expect(describeWindow('en', { ...fiveHour, windowMinutes: 90 }, NOW, false).countText).toBe('Rate: 139/200 per 90 minutes');
  });

  test('Simplified Chinese', () => {
    expect(describeWindow('zh-CN', fiveHour, NOW, false)).toMatchObject({ title: '5 小时', percentText: '剩余 31%', countText: '速率：每 5 小时 139/200', resetText: '2 小时 13 分钟后重置' });
  });

  test('an on-pace window says so', () => {
    const view = describeWindow('en', { ...fiveHour, pace: { expectedPercent: 69, deltaPercent: 0.5, stage: 'on-pace', runsOutAt: null } }, NOW, false);
    expect(view.paceText).toBe('On pace · Lasts until reset');
  });
});

describe('texts', () => {
  test('"Updated …" moves from just now to minutes to a clock time', () => {
    expect(updatedText('en', at(-59_000), NOW)).toBe('Updated just now');
    expect(updatedText('en', at(-5 * MINUTE - 10), NOW)).toBe('Updated 5 min ago');
    expect(updatedText('en', at(-2 * 60 * MINUTE), NOW)).toMatch(/^Updated at \d{1,2}:\d{2}/);
  });

  test('a web source keeps its browser detail in Chinese', () => {
    expect(sourceText('zh-CN', { kind: 'web', label: 'Kimi web cookie (Chrome · Profile 1)' })).toBe('Kimi 网页 Cookie (Chrome · Profile 1)');
    expect(sourceText('en', { kind: 'api-key', label: 'Kimi Code API key' })).toBe('Kimi Code API key');
  });
});

describe('describeExtraUsage', () => {
  test('the left amount is the headline and fills the bar as a share of what was bought', () => {
    expect(describeExtraUsage('en', { currency: 'USD', left: 150, bought: 200, monthlySpent: 50, monthlyCap: 200 })).toEqual({
      title: 'Extra usage',
      left: '$150.00 left',
      bought: 'of $200.00 bought',
      month: '$50.00 of $200.00 this month',
      fillPercent: 75,
      valueText: '$150.00 left, of $200.00 bought',
    });
  });

  test.each([
    [{ currency: 'CNY', left: 0, bought: 400, monthlySpent: 0, monthlyCap: null }, 0],
    // A balance topped up past what the wallet says was bought still fills the bar, no more.
    [{ currency: 'CNY', left: 500, bought: 400, monthlySpent: 0, monthlyCap: null }, 100],
  ])('fill stays within the bar: %j → %d', (extra, fill) => {
    expect(describeExtraUsage('zh-CN', extra)?.fillPercent).toBe(fill);
  });

  test('no wallet, no row', () => {
    expect(describeExtraUsage('en', null)).toBeNull();
    expect(describeExtraUsage('en', undefined)).toBeNull();
  });

  test('the parallel limit is a plain fact, or nothing', () => {
    expect(parallelFact('en', 30)).toBe('Up to 30 parallel requests');
    expect(parallelFact('zh-CN', 10)).toBe('最多 10 个并行请求');
    expect(parallelFact('en', null)).toBeNull();
    expect(parallelFact('en', undefined)).toBeNull();
  });
});

describe('bannerText', () => {
  const last = { source: { kind: 'api-key' as const, label: 'Kimi Code API key' }, plan: null, updatedAt: at(-MINUTE), stale: true, windows: [fiveHour] };

  test('a spent quota reads as the plan’s state, with the reset Kimi last gave for that window', () => {
    const spent = { code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null, window: '5h' as const };
    expect(bannerText('en', spent, last, NOW)).toBe('5-hour limit reached · Resets in 2h 13m');
  });

  test('any other error reads as the error, translated', () => {
    const denied = { code: 'permission-denied', message: 'Kimi denied access (HTTP 403): Access terminated.', action: 'open-settings' as const };
    expect(bannerText('en', denied, last, NOW)).toBe('Kimi denied access (HTTP 403): Access terminated.');
    expect(bannerText('zh-CN', denied, last, NOW)).toBe('Kimi 拒绝了访问（HTTP 403）: Access terminated.');
  });
});
