import { describe, expect, it } from 'vitest';
import { trayTitle, trayTooltip } from '../../../src/main/core/tray-icon/index.js';
import { MIN, T0, snapshot, window } from '../app/fixtures.js';

const s = snapshot([window('5h', 62.4, T0 + 2 * 60 * MIN + 12 * MIN + 30_000), window('weekly', 10.45, T0 + 4 * 24 * 60 * MIN + 3 * 60 * MIN), window('monthly-total', 42)]);

describe('trayTitle', () => {
  it.each([
    ['off', false, ''],
    ['5h', false, '38%'],
    ['5h', true, '62%'],
    ['weekly', false, '90%'],
    ['countdown', false, '2h 13m'],
  ] as const)('%s (used: %s) → "%s"', (menuBarText, showUsageAsUsed, expected) => {
    expect(trayTitle(s, { menuBarText, showUsageAsUsed }, T0)).toBe(expected);
  });

  it('counts down to the next reset still ahead, in the reader’s language', () => {
    expect(trayTitle(s, { menuBarText: 'countdown', showUsageAsUsed: false }, T0 + 2 * 60 * MIN + 13 * MIN)).toBe('4d');
    expect(trayTitle(s, { menuBarText: 'countdown', showUsageAsUsed: false }, T0, 'zh-CN')).not.toBe('2h 13m');
  });

  it('is empty without numbers, a window or a reset time', () => {
    expect(trayTitle(null, { menuBarText: '5h', showUsageAsUsed: false }, T0)).toBe('');
    expect(trayTitle(snapshot([window('weekly', 10)]), { menuBarText: '5h', showUsageAsUsed: false }, T0)).toBe('');
    expect(trayTitle(snapshot([window('weekly', 10)]), { menuBarText: 'countdown', showUsageAsUsed: false }, T0)).toBe('');
  });

  it('never claims 100 % or 0 % left for a window that is not quite full or empty', () => {
    expect(trayTitle(snapshot([window('5h', 0.2)]), { menuBarText: '5h', showUsageAsUsed: false }, T0)).toBe('99%');
    expect(trayTitle(snapshot([window('5h', 99.8)]), { menuBarText: '5h', showUsageAsUsed: false }, T0)).toBe('1%');
    expect(trayTitle(snapshot([window('5h', 99.8)]), { menuBarText: '5h', showUsageAsUsed: true }, T0)).toBe('99%');
    expect(trayTitle(snapshot([window('5h', 100)]), { menuBarText: '5h', showUsageAsUsed: false }, T0)).toBe('0%');
    expect(trayTooltip(snapshot([window('5h', 99.6)]), T0)).toBe('5-hour: 1% left');
  });
});

describe('trayTitle while a window is depleted', () => {
  const fiveHourReset = T0 + 2 * 60 * MIN + 12 * MIN + 30_000;
  const weeklyReset = T0 + 4 * 24 * 60 * MIN + 3 * 60 * MIN;
  const on = (menuBarText: 'off' | '5h' | 'weekly' | 'countdown') => ({ menuBarText, showUsageAsUsed: false });

  it.each(['5h', 'weekly', 'countdown'] as const)('turns the %s text into the wait until it resets', (menuBarText) => {
    const spent = snapshot([window('5h', 100, fiveHourReset), window('weekly', 40, weeklyReset)]);
    expect(trayTitle(spent, on(menuBarText), T0)).toBe('↻ 2h 13m');
    expect(trayTitle(spent, on(menuBarText), T0, 'zh-CN')).toBe('↻ 2 小时 13 分钟');
  });

  it('waits for the later reset when both windows are used up, and stays off when off', () => {
    const both = snapshot([window('5h', 100, fiveHourReset), window('weekly', 100, weeklyReset)]);
    expect(trayTitle(both, on('5h'), T0)).toBe('↻ 4d 3h');
    expect(trayTitle(both, on('off'), T0)).toBe('');
  });

  it('counts down to the window Kimi says is used up, over older numbers', () => {
    const weekly = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const older = { ...snapshot([window('5h', 62, fiveHourReset), window('weekly', 30, weeklyReset)]), stale: true, error: weekly };
    expect(trayTitle(older, on('5h'), T0, 'en', weekly)).toBe('↻ 4d 3h');
  });

  it('keeps the usual text for 1 % left, or when the reset is not known to be ahead', () => {
    expect(trayTitle(snapshot([window('5h', 99.4, fiveHourReset)]), on('5h'), T0)).toBe('1%');
    expect(trayTitle(snapshot([window('5h', 100, T0 - MIN)]), on('5h'), T0)).toBe('0%');
    expect(trayTitle(snapshot([window('5h', 100)]), on('5h'), T0)).toBe('0%');
  });
});

describe('trayTooltip', () => {
  it('has one line per window in display order', () => {
    expect(trayTooltip(s, T0)).toBe(
      ['5-hour: 38% left · Resets in 2h 13m', 'Weekly: 90% left · Resets in 4d 3h', 'Monthly total: 58% left'].join('\n'),
    );
  });

  it('shows the used share by setting and "Resets now" once the time has come', () => {
    expect(trayTooltip(snapshot([window('5h', 62, T0 - MIN)]), T0, 'en', true)).toBe('5-hour: 62% used · Resets now');
  });

  it('names the app when there are no numbers', () => {
    expect(trayTooltip(null, T0)).toBe('KimiBar');
  });

  it('speaks Simplified Chinese', () => {
    expect(trayTooltip(s, T0, 'zh-CN').split('\n')).toHaveLength(3);
    expect(trayTooltip(s, T0, 'zh-CN')).not.toContain('left');
    expect(trayTooltip(s, T0, 'zh-CN').split('\n')[0]).toBe('5 小时：剩余 38% · 2 小时 13 分钟后重置');
    expect(trayTitle(s, { menuBarText: '5h', showUsageAsUsed: true }, T0, 'zh-CN')).toBe('62%');
  });
});
