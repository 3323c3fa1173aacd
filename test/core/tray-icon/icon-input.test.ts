import { describe, expect, it } from 'vitest';
import { depletedLanes, isDepleted, trayIconInput, trayIconStates } from '../../../src/main/core/tray-icon/index.js';
import { T0, settings, snapshot, window } from '../app/fixtures.js';
import { FRESH_METER, NO_READINGS } from './samples.js';

/** A minute after the fixtures' refresh: their numbers are fresh unless marked otherwise. */
const NOW = T0 + 60_000;

const network = { code: 'network', message: 'Kimi network error', action: 'retry' as const };

describe('trayIconInput', () => {
  it('reads the weekly and 5-hour lanes and the display settings', () => {
    const input = trayIconInput({
      snapshot: snapshot([window('5h', 62), window('weekly', 30)]),
      error: null,
      signedOut: false,
      settings: settings({ showUsageAsUsed: true, coloredIcon: true }),
      nowMs: NOW,
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
    expect(trayIconInput({ snapshot: stale, error: network, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({
      status: 'ready',
      weeklyUsedPercent: 30,
      fiveHourUsedPercent: null,
      stale: true,
      error: true,
    });
  });

  it('dims numbers that have aged past twice the refresh interval, as the popover does', () => {
    const fresh = snapshot([window('5h', 40), window('weekly', 20)]);
    const input = (nowMs: number) => trayIconInput({ snapshot: fresh, error: null, signedOut: false, settings: settings({ refreshCadence: '5m' }), nowMs });
    expect(input(T0 + 10 * 60_000).stale).toBe(false);
    expect(input(T0 + 10 * 60_000 + 1).stale).toBe(true);
  });

  it('is loading before the first numbers, with the error mark if the first refresh failed', () => {
    expect(trayIconInput({ snapshot: null, error: null, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({ status: 'loading', error: false });
    expect(trayIconInput({ snapshot: null, error: network, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({ status: 'loading', error: true });
  });

  it('draws the lane Kimi says is used up as depleted, over the stale numbers, without the "!"', () => {
    const weekly = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const stale = { ...snapshot([window('5h', 62), window('weekly', 30)]), stale: true, error: weekly };
    expect(trayIconInput({ snapshot: stale, error: weekly, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({
      status: 'ready',
      weeklyUsedPercent: 100,
      fiveHourUsedPercent: 62,
      stale: true,
      error: false,
    });
    // Before any numbers: the one lane Kimi spoke of.
    expect(trayIconInput({ snapshot: null, error: weekly, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({
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
      expect(trayIconInput({ snapshot: stale, error: spent, signedOut: false, settings: settings(), nowMs: NOW })).toMatchObject({
        weeklyUsedPercent: 30,
        fiveHourUsedPercent: 62,
        error: true,
      });
    }
  });

  it('shows outlines only when signed out, even with old numbers', () => {
    expect(trayIconInput({ snapshot: snapshot(), error: network, signedOut: true, settings: settings(), nowMs: NOW })).toMatchObject({
      status: 'signed-out',
      weeklyUsedPercent: null,
      fiveHourUsedPercent: null,
      error: false,
    });
  });
});

describe('the meter states', () => {
  const ready = FRESH_METER;
  const none = NO_READINGS;

  it('names each state by its own rule', () => {
    expect(trayIconStates(ready)).toEqual(['fresh']);
    expect(trayIconStates({ ...ready, stale: true })).toEqual(['stale']);
    expect(trayIconStates({ ...ready, stale: true, error: true })).toEqual(['error', 'stale']);
    expect(trayIconStates({ ...ready, status: 'loading', ...none })).toEqual(['loading']);
    expect(trayIconStates({ ...ready, status: 'loading', ...none, error: true })).toEqual(['loading', 'error']);
    expect(trayIconStates({ ...ready, status: 'signed-out', ...none })).toEqual(['signed-out']);
    expect(trayIconStates({ ...ready, fiveHourUsedPercent: 100 })).toEqual(['depleted', 'fresh']);
    expect(trayIconStates({ ...ready, weeklyUsedPercent: 100, stale: true })).toEqual(['depleted', 'stale']);
  });

  it('calls a window depleted only when its text says "0% left"', () => {
    expect([isDepleted(100), isDepleted(100 - 1e-12), isDepleted(120)]).toEqual([true, true, true]);
    expect([isDepleted(99.6), isDepleted(99.4), isDepleted(0), isDepleted(null)]).toEqual([false, false, false, false]);
    expect(depletedLanes({ ...ready, fiveHourUsedPercent: 100, weeklyUsedPercent: 100 })).toEqual(['5h', 'weekly']);
    expect(depletedLanes({ ...ready, weeklyUsedPercent: 100 })).toEqual(['weekly']);
  });

  it('makes the lane Kimi says is used up a depleted one', () => {
    const weekly = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    const input = trayIconInput({ snapshot: { ...snapshot(), stale: true, error: weekly }, error: weekly, signedOut: false, settings: settings(), nowMs: NOW });
    expect(depletedLanes(input)).toEqual(['weekly']);
    expect(trayIconStates(input)).toEqual(['depleted', 'stale']);
  });
});
