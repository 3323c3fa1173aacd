import { describe, expect, it } from 'vitest';
import { trayIconInput } from '../../../src/main/core/tray-icon/index.js';
import { settings, snapshot, window } from '../app/fixtures.js';

const network = { code: 'network', message: 'Kimi network error', action: 'retry' as const };

describe('trayIconInput', () => {
  it('reads the weekly and 5-hour lanes and the display settings', () => {
    const input = trayIconInput({
      snapshot: snapshot([window('5h', 62), window('weekly', 30)]),
      error: null,
      signedOut: false,
      settings: settings({ showUsageAsUsed: true, coloredIcon: true }),
    });
    expect(input).toEqual({
      status: 'ready',
      weeklyUsedPercent: 30,
      fiveHourUsedPercent: 62,
      stale: false,
      error: false,
      showUsageAsUsed: true,
      colored: true,
    });
  });

  it('marks a missing lane, stale numbers and an error', () => {
    const stale = { ...snapshot([window('weekly', 30)]), stale: true, error: network };
    expect(trayIconInput({ snapshot: stale, error: network, signedOut: false, settings: settings() })).toMatchObject({
      status: 'ready',
      weeklyUsedPercent: 30,
      fiveHourUsedPercent: null,
      stale: true,
      error: true,
    });
  });

  it('is loading before the first numbers, with the error mark if the first refresh failed', () => {
    expect(trayIconInput({ snapshot: null, error: null, signedOut: false, settings: settings() })).toMatchObject({ status: 'loading', error: false });
    expect(trayIconInput({ snapshot: null, error: network, signedOut: false, settings: settings() })).toMatchObject({ status: 'loading', error: true });
  });

  it('shows outlines only when signed out, even with old numbers', () => {
    expect(trayIconInput({ snapshot: snapshot(), error: network, signedOut: true, settings: settings() })).toMatchObject({
      status: 'signed-out',
      weeklyUsedPercent: null,
      fiveHourUsedPercent: null,
      error: false,
    });
  });
});
