import { describe, expect, it } from 'vitest';
import { PaceSchema } from '../../../src/shared/usage.js';
import { computePace } from '../../../src/main/core/kimi/pace.js';

const MIN = 60_000;
const RESET = '2026-01-06T15:00:00.000Z';
const RESET_MS = Date.parse(RESET);
/** A 5-hour window resetting at RESET, observed after `elapsedMinutes`. */
function at(elapsedMinutes: number): Date {
  return new Date(RESET_MS - (300 - elapsedMinutes) * MIN);
}
const fiveHour = (usedPercent: number) => ({ usedPercent, resetsAt: RESET, windowMinutes: 300 });

describe('computePace', () => {
  it.each([
    // elapsed minutes, used %, expected %, delta, stage
    [150, 50, 50, 0, 'on-pace'],
    [150, 52, 50, 2, 'on-pace'],
    [150, 48, 50, -2, 'on-pace'],
    [150, 52.5, 50, 2.5, 'small'],
    [150, 56, 50, 6, 'small'],
    [150, 44, 50, -6, 'small'],
    [150, 56.5, 50, 6.5, 'medium'],
    [150, 62, 50, 12, 'medium'],
    [150, 38, 50, -12, 'medium'],
    [150, 62.5, 50, 12.5, 'large'],
    [150, 0, 50, -50, 'large'],
    [60, 28, 20, 8, 'medium'],
  ] as const)('%i min into 5 h at %d %% → expected %d, delta %d, %s', (elapsed, used, expected, delta, stage) => {
    const pace = computePace(fiveHour(used), at(elapsed));
    expect(pace).toMatchObject({ expectedPercent: expected, deltaPercent: delta, stage });
    expect(PaceSchema.safeParse(pace).success).toBe(true);
  });

  it('stays hidden until 3 % of the window has elapsed', () => {
    expect(computePace(fiveHour(10), at(8.9))).toBeNull();
    expect(computePace(fiveHour(10), at(9))).not.toBeNull();
  });

  it.each([
    ['no reset time', { usedPercent: 40, windowMinutes: 300 }],
    ['no length', { usedPercent: 40, resetsAt: RESET }],
    ['an unreadable reset', { usedPercent: 40, resetsAt: 'soon', windowMinutes: 300 }],
  ])('is null with %s', (_name, window) => {
    expect(computePace(window, at(150))).toBeNull();
  });

  it('is null once the reset has passed, and before the window began', () => {
    expect(computePace(fiveHour(40), at(300))).toBeNull();
    expect(computePace(fiveHour(40), at(400))).toBeNull();
    expect(computePace(fiveHour(40), at(-10))).toBeNull();
  });

  it('forecasts the run-out when the current rate exhausts the window before the reset', () => {
    // 60 % in 100 min → 100 % after 166.67 min, i.e. 66.67 min from now, before the reset.
    const now = at(100);
    const pace = computePace(fiveHour(60), now);
    expect(pace?.runsOutAt).toBe(new Date(now.getTime() + (40 * 100 * MIN) / 60).toISOString());
  });

  it('lasts until the reset when the rate does not exhaust it in time', () => {
    expect(computePace(fiveHour(50), at(150))?.runsOutAt).toBeNull();
    expect(computePace(fiveHour(30), at(150))?.runsOutAt).toBeNull();
    expect(computePace(fiveHour(0), at(150))?.runsOutAt).toBeNull();
  });

  it('has run out now when the window is already used up', () => {
    const now = at(100);
    expect(computePace(fiveHour(100), now)?.runsOutAt).toBe(now.toISOString());
  });

  it('reads reset times with nanosecond fractions and offsets', () => {
    const pace = computePace({ usedPercent: 50, resetsAt: '2026-01-06T23:00:00.000000000+08:00', windowMinutes: 300 }, at(150));
    expect(pace).toMatchObject({ expectedPercent: 50, deltaPercent: 0, stage: 'on-pace' });
  });

  it('paces a weekly window', () => {
    const reset = '2026-01-12T00:00:00.000Z';
    const now = new Date(Date.parse(reset) - 3.5 * 1440 * MIN);
    expect(computePace({ usedPercent: 10.4, resetsAt: reset, windowMinutes: 10_080 }, now)).toEqual({
      expectedPercent: 50,
      deltaPercent: -39.6,
      stage: 'large',
      runsOutAt: null,
    });
  });
});
