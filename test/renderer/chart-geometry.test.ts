import { describe, expect, test } from 'vitest';
import type { ChartBox, ChartInput } from '../../src/renderer/chart-geometry.js';
import { chartDays, chartGeometry, nearestSample } from '../../src/renderer/chart-geometry.js';
import type { HistoryPoint } from '../../src/shared/ipc.js';
import type { UsageWindow } from '../../src/shared/usage.js';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
/** 240 units wide over 24 h: one unit per 6 minutes; 100 high: one unit per percent. */
const BOX: ChartBox = { width: 240, height: 100, inset: 0 };

const fiveHour = (overrides: Partial<UsageWindow> = {}): UsageWindow => ({
  id: '5h',
  title: '5-hour',
  usedPercent: 40,
  used: 80,
  limit: 200,
  resetsAt: at(2 * HOUR),
  windowMinutes: 300,
  pace: null,
  ...overrides,
});

function point(offsetMs: number, usedPercent: number, resetsAt: string | null = at(2 * HOUR)): HistoryPoint {
  return { at: at(offsetMs), windowId: '5h', usedPercent, used: usedPercent * 2, limit: 200, resetsAt };
}

function input(overrides: Partial<ChartInput> = {}): ChartInput {
  return { points: [], window: fiveHour(), updatedAt: NOW, nowMs: NOW, days: 1, showUsed: true, box: BOX, ...overrides };
}

/** A chart without a future part, so x is hours since the start × 10. */
const noReset = (window: Partial<UsageWindow> = {}): UsageWindow => fiveHour({ resetsAt: undefined, ...window });

describe('chartDays', () => {
  test('the 5-hour window over a day, the others over a week', () => {
    expect(chartDays('5h')).toBe(1);
    expect(chartDays('weekly')).toBe(7);
    expect(chartDays('monthly-total')).toBe(7);
  });
});

describe('chartGeometry', () => {
  test('the range ends now without a coming reset, the current point at the right edge', () => {
    const geometry = chartGeometry(input({ window: noReset(), points: [point(-3 * HOUR, 10, null), point(-2 * HOUR, 30, null)] }));
    expect(geometry.from).toBe(NOW - 24 * HOUR);
    expect(geometry.to).toBe(NOW);
    expect(geometry.samples.map((s) => [s.x, s.y])).toEqual([[210, 90], [220, 70], [240, 60]]);
    expect(geometry.current).toMatchObject({ at: NOW, usedPercent: 40, x: 240, y: 60, used: 80, limit: 200 });
    expect(geometry.lines).toEqual(['M210 90L220 70L240 60']);
    expect(geometry.areas).toEqual(['M210 90L220 70L240 60L240 100L210 100Z']);
    expect(geometry.gridY).toEqual([100, 50, 0]);
  });

  test('"left" is drawn by default: 100 − used, falling as it is used', () => {
    const geometry = chartGeometry(input({ window: noReset(), showUsed: false, points: [point(-12 * HOUR, 10, null)] }));
    expect(geometry.samples.map((s) => s.value)).toEqual([90, 60]);
    expect(geometry.samples.map((s) => s.y)).toEqual([10, 40]);
  });

  test('the chart looks ahead to the coming reset, at most a quarter of its span', () => {
    const soon = chartGeometry(input({ window: fiveHour({ resetsAt: at(2 * HOUR) }) }));
    expect(soon.to).toBe(NOW + 2 * HOUR);
    expect(soon.resets).toEqual([{ at: NOW + 2 * HOUR, x: 240, upcoming: true }]);
    expect(soon.nowX).toBeCloseTo((24 / 26) * 240, 1);

    const weekly = chartGeometry(input({ days: 7, window: fiveHour({ id: 'weekly', resetsAt: at(4 * 24 * HOUR) }) }));
    expect(weekly.to).toBe(NOW + 0.25 * 7 * 24 * HOUR);
    expect(weekly.resets).toEqual([]);
  });

  test('a reset (a new reset time) breaks the line and is marked at the old period’s reset time', () => {
    const firstReset = at(-10 * HOUR);
    const points = [point(-12 * HOUR, 50, firstReset), point(-11 * HOUR, 90, firstReset), point(-9 * HOUR, 5, at(-5 * HOUR)), point(-7 * HOUR, 30, at(-5 * HOUR))];
    // The current period resets right now, so the chart has no future part: x is hours × 10.
    const geometry = chartGeometry(input({ window: fiveHour({ resetsAt: at(0) }), points }));
    expect(geometry.resets).toEqual([
      { at: NOW - 10 * HOUR, x: 140, upcoming: false },
      { at: NOW - 5 * HOUR, x: 190, upcoming: false },
    ]);
    expect(geometry.lines).toEqual(['M120 50L130 10', 'M150 95L170 70', 'M240 60h0']);
    expect(geometry.areas).toHaveLength(2);
  });

  test('without reset times a drop in use counts as the reset', () => {
    const points = [point(-8 * HOUR, 70, null), point(-4 * HOUR, 10, null)];
    const geometry = chartGeometry(input({ window: noReset({ usedPercent: 20 }), updatedAt: NOW - 3 * HOUR, points }));
    expect(geometry.resets).toEqual([{ at: NOW - 4 * HOUR, x: 200, upcoming: false }]);
    expect(geometry.lines).toEqual(['M160 30h0', 'M200 90L210 80']);
  });

  test('a change across a silence longer than two hours is a gap, not a slope; a flat stretch stays joined', () => {
    const points = [point(-20 * HOUR, 10, null), point(-17 * HOUR, 10, null), point(-12 * HOUR, 30, null), point(-11 * HOUR, 40, null)];
    const geometry = chartGeometry(input({ window: noReset({ usedPercent: 40 }), points }));
    expect(geometry.lines).toEqual(['M40 90L70 90', 'M120 70L130 60L240 60']);
    expect(geometry.resets).toEqual([]);
  });

  test('a run that began before the range is cut at its start, interpolated', () => {
    const points = [point(-30 * HOUR, 0, null), point(-18 * HOUR, 60, null)];
    const geometry = chartGeometry(input({ window: noReset({ usedPercent: 60 }), points: [...points, point(-1 * HOUR, 60, null)] }));
    // 0 % at −30 h and 60 % at −18 h are a gap apart: nothing is guessed before −18 h.
    expect(geometry.samples[0]?.at).toBe(NOW - 18 * HOUR);

    const joined = chartGeometry(input({ window: noReset({ usedPercent: 60 }), points: [point(-25 * HOUR, 20, null), point(-23 * HOUR, 40, null)] }));
    expect(joined.samples[0]).toMatchObject({ at: NOW - 24 * HOUR, usedPercent: 30, x: 0 });
  });

  test('only readings older than the range: the last one carries into it', () => {
    const geometry = chartGeometry(input({ window: noReset({ usedPercent: 50 }), points: [point(-40 * HOUR, 50, null)] }));
    expect(geometry.samples.map((s) => s.at)).toEqual([NOW - 24 * HOUR, NOW]);
    expect(geometry.lines).toEqual(['M0 50L240 50']);
  });

  test('the history row recorded from the snapshot itself is not drawn twice', () => {
    const geometry = chartGeometry(input({ window: noReset(), points: [point(-HOUR, 35, null), point(0, 40, null)] }));
    expect(geometry.samples.map((s) => s.at)).toEqual([NOW - HOUR, NOW]);
  });

  test('the current point is the snapshot’s time, not now', () => {
    const geometry = chartGeometry(input({ window: noReset(), updatedAt: NOW - 3 * HOUR }));
    expect(geometry.current.x).toBe(210);
  });

  test('runs out before the reset: dashed from the current point to 100 % used, then flat to the reset', () => {
    const window = fiveHour({ usedPercent: 40, resetsAt: at(2 * HOUR), pace: { expectedPercent: 20, deltaPercent: 20, stage: 'large', runsOutAt: at(HOUR) } });
    const geometry = chartGeometry(input({ window, box: { width: 260, height: 100, inset: 0 } }));
    // 26 h over 260 units: now at 240, exhaustion at 250, the reset at 260.
    expect(geometry.projection).toBe('M240 60L250 0L260 0');
    const left = chartGeometry(input({ window, showUsed: false, box: { width: 260, height: 100, inset: 0 } }));
    expect(left.projection).toBe('M240 40L250 100L260 100');
  });

  test('exhaustion beyond the chart’s end: the projection is cut at the edge', () => {
    const window = fiveHour({ id: 'weekly', usedPercent: 50, resetsAt: at(4 * 24 * HOUR), pace: { expectedPercent: 20, deltaPercent: 30, stage: 'large', runsOutAt: at(3 * 24 * HOUR) } });
    const geometry = chartGeometry(input({ days: 7, window, box: { width: 875, height: 100, inset: 0 } }));
    // 7 d + 1.75 d over 875 units: now at 700, the edge at 875 (42 h of the 72 h to exhaustion).
    expect(geometry.projection).toBe(`M700 50L875 ${100 - (50 + (42 / 72) * 50)}`.replace(/(\.\d\d)\d+/, '$1'));
  });

  test('no projection when pace says it lasts', () => {
    expect(chartGeometry(input()).projection).toBeNull();
    expect(chartGeometry(input({ window: fiveHour({ pace: { expectedPercent: 50, deltaPercent: -10, stage: 'medium', runsOutAt: null } }) })).projection).toBeNull();
  });

  test('hostile points: unreadable times are dropped, out-of-order ones sorted', () => {
    const points = [point(-2 * HOUR, 30, null), { ...point(0, 1, null), at: 'not a time' }, point(-4 * HOUR, 20, null)];
    const geometry = chartGeometry(input({ window: noReset(), points }));
    expect(geometry.samples.map((s) => s.usedPercent)).toEqual([20, 30, 40]);
  });

  test('a week of minute readings thins to a short path, every reading still readable', () => {
    const points = Array.from({ length: 7 * 24 * 60 }, (_, i) => point(-7 * 24 * HOUR + i * MINUTE, (i % 97) / 2, null));
    const geometry = chartGeometry(input({ days: 7, window: noReset({ id: 'weekly', usedPercent: 10 }), points, box: { width: 320, height: 46, inset: 3 } }));
    expect(geometry.samples.length).toBeGreaterThan(9_000);
    const commands = geometry.lines.join('').match(/[ML]/g) ?? [];
    expect(commands.length).toBeLessThanOrEqual(2 * 320 + 10 * geometry.lines.length);
  });
});

describe('nearestSample', () => {
  const samples = chartGeometry(input({ window: noReset(), points: [point(-12 * HOUR, 10, null), point(-11 * HOUR, 30, null)] })).samples;

  test('the sample closest in x, ties to the earlier one', () => {
    expect(samples.map((s) => s.x)).toEqual([120, 130, 240]);
    expect(nearestSample(samples, 0)).toBe(0);
    expect(nearestSample(samples, 124)).toBe(0);
    expect(nearestSample(samples, 125)).toBe(0);
    expect(nearestSample(samples, 126)).toBe(1);
    expect(nearestSample(samples, 186)).toBe(2);
    expect(nearestSample(samples, 500)).toBe(2);
    expect(nearestSample([], 10)).toBe(-1);
  });
});

describe('reset marks at the edge', () => {
  test('a reading taken at the very instant of its reset still belongs to the old period', () => {
    const resetAt = at(-6 * HOUR);
    const points = [point(-6 * HOUR - 15 * MINUTE, 80, resetAt), point(-6 * HOUR, 85, resetAt), point(-6 * HOUR + 15 * MINUTE, 0, at(-HOUR))];
    const geometry = chartGeometry(input({ window: fiveHour({ resetsAt: at(0), usedPercent: 5 }), points: [...points, point(-5 * HOUR, 5, at(-HOUR))] }));
    expect(geometry.resets.map((mark) => mark.at)).toEqual([NOW - 6 * HOUR, NOW - HOUR]);
  });
});
