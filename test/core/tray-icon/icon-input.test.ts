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

  it('draws the lane Kimi says is used up as depleted, over the stale numbers, without the "!"', () => {
    const weekly = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const stale = { ...snapshot([window('5h', 62), window('weekly', 30)]), stale: true, error: weekly };
    expect(trayIconInput({ snapshot: stale, error: weekly, signedOut: false, settings: settings() })).toMatchObject({
      status: 'ready',
      weeklyUsedPercent: 100,
      fiveHourUsedPercent: 62,
      stale: true,
      error: false,
    });
    // Before any numbers: the one lane Kimi spoke of.
    expect(trayIconInput({ snapshot: null, error: weekly, signedOut: false, settings: settings() })).toMatchObject({
      status: 'ready',
      weeklyUsedPercent: 100,
      fiveHourUsedPercent: null,
      error: false,
    });
  });

  it('keeps the numbers and the "!" for a limit the meter has no lane for', () => {
    for (const named of [undefined, 'monthly-total' as const]) {
      const spent = { code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null, ...(named === undefined ? {} : { window: named }) };
      const stale = { ...snapshot([window('5h', 62), window('weekly', 30)]), stale: true, error: spent };
      expect(trayIconInput({ snapshot: stale, error: spent, signedOut: false, settings: settings() })).toMatchObject({
        weeklyUsedPercent: 30,
        fiveHourUsedPercent: 62,
        error: true,
      });
    }
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
