import { describe, expect, it } from 'vitest';
import { IDLE_STATE } from '../../src/main/core/app/controller.js';
import type { AppState } from '../../src/shared/app-state.js';
import { sameIcon, trayView } from '../../src/main/shell/tray-view.js';
import { MIN, T0, settings, snapshot, window } from '../core/app/fixtures.js';

function state(patch: Partial<AppState> = {}): AppState {
  return { ...IDLE_STATE, snapshot: snapshot([window('5h', 62, T0 + 133 * MIN), window('weekly', 30, T0 + 3 * 1440 * MIN)]), ...patch };
}

describe('trayView', () => {
  it('draws a template meter on macOS with the chosen title and a line per window', () => {
    const view = trayView({ state: state(), settings: settings({ menuBarText: '5h' }), platform: 'darwin', locale: 'en', now: T0 });
    expect(view.icon).toMatchObject({ status: 'ready', fiveHourUsedPercent: 62, weeklyUsedPercent: 30, colored: false });
    expect(view.title).toBe('38%');
    expect(view.tooltip).toBe('5-hour: 38% left · Resets in 2h 13m\nWeekly: 70% left · Resets in 3d');
  });

  it('uses the coloured meter on Linux, where nothing tints a template image', () => {
    const view = trayView({ state: state(), settings: settings(), platform: 'linux', locale: 'en', now: T0 });
    expect(view.icon.colored).toBe(true);
  });

  it('follows the language and the used/left setting', () => {
    const view = trayView({
      state: state(),
      settings: settings({ menuBarText: 'countdown', showUsageAsUsed: true }),
      platform: 'darwin',
      locale: 'zh-CN',
      now: T0,
    });
    expect(view.title).not.toBe('');
    expect(view.tooltip.split('\n')[0]).toContain('已用 62%');
  });

  it('leads the tooltip with a spent quota and its reset, above the last numbers', () => {
    const spent = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const base = state();
    const view = trayView({
      state: state({ lastError: spent, snapshot: base.snapshot && { ...base.snapshot, stale: true, error: spent } }),
      settings: settings(),
      platform: 'darwin',
      locale: 'en',
      now: T0,
    });
    expect(view.tooltip).toBe('Weekly limit reached · Resets in 3d\n5-hour: 38% left · Resets in 2h 13m\nWeekly: 70% left · Resets in 3d');
    expect(view.icon).toMatchObject({ weeklyUsedPercent: 100, error: false });
  });

  it('turns the menu-bar text into the wait until a spent quota resets', () => {
    const spent = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const base = state();
    const view = trayView({
      state: state({ lastError: spent, snapshot: base.snapshot && { ...base.snapshot, stale: true, error: spent } }),
      settings: settings({ menuBarText: '5h' }),
      platform: 'darwin',
      locale: 'en',
      now: T0,
    });
    expect(view.title).toBe('↻ 3d');
  });

  it('leads the tooltip with the account it draws when there are several', () => {
    const view = trayView({ state: state(), settings: settings(), platform: 'darwin', locale: 'en', now: T0, account: 'Work' });
    expect(view.tooltip).toBe('Work\n5-hour: 38% left · Resets in 2h 13m\nWeekly: 70% left · Resets in 3d');
    expect(trayView({ state: state(), settings: settings(), platform: 'darwin', locale: 'en', now: T0, account: null }).tooltip.startsWith('5-hour')).toBe(true);
  });

  it('shows outlines and no title when signed out', () => {
    const view = trayView({ state: state({ snapshot: null, signedOut: true }), settings: settings({ menuBarText: '5h' }), platform: 'darwin', locale: 'en', now: T0 });
    expect(view.icon.status).toBe('signed-out');
    expect(view.title).toBe('');
    expect(view.tooltip).toBe('KimiBar');
  });
});

describe('sameIcon', () => {
  it('is true only when every meter input matches', () => {
    const base = trayView({ state: state(), settings: settings(), platform: 'darwin', locale: 'en', now: T0 }).icon;
    const later = trayView({ state: state(), settings: settings(), platform: 'darwin', locale: 'en', now: T0 + 5 * MIN }).icon;
    expect(sameIcon(base, later)).toBe(true);
    expect(sameIcon(base, { ...base, stale: true })).toBe(false);
    expect(sameIcon(base, { ...base, fiveHourUsedPercent: 63 })).toBe(false);
  });
});
