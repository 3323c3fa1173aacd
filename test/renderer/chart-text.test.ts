import { beforeAll, describe, expect, test } from 'vitest';
import type { ChartGeometry, ChartSample } from '../../src/renderer/chart-geometry.js';
import { chartSummary, rangeText, readout } from '../../src/renderer/chart-text.js';

const AT = Date.parse('2026-11-24T14:05:00.000Z');
const sample = (overrides: Partial<ChartSample> = {}): ChartSample => ({ at: AT, usedPercent: 38.4, value: 61.6, used: 786, limit: 2048, x: 0, y: 0, ...overrides });

function geometry(overrides: Partial<ChartGeometry> = {}): ChartGeometry {
  const current = sample();
  return { from: 0, to: 1, samples: [sample(), current], current, lines: [], areas: [], resets: [], nowX: 0, projection: null, gridY: [], ...overrides };
}

beforeAll(() => {
  // Times are read in the reader's zone; pin one so the expected texts hold anywhere.
  process.env.TZ = 'UTC';
});

describe('readout', () => {
  test('a day chart: the clock time, the percent as the card says it and the counts', () => {
    expect(readout('en', sample(), 1, false)).toEqual({ time: '2:05 PM', detail: '62% left · 786/2048' });
    expect(readout('en', sample({ value: 38.4 }), 1, true)).toEqual({ time: '2:05 PM', detail: '38% used · 786/2048' });
  });

  test('the percent reads as the card reads it: nearly used up is 1 % left, never 0 %', () => {
    expect(readout('en', sample({ usedPercent: 99.6, value: 0.4, used: 996, limit: 1000 }), 1, false).detail).toBe('1% left · 996/1000');
    expect(readout('en', sample({ usedPercent: 0.4, value: 0.4, used: 4, limit: 1000 }), 1, true).detail).toBe('1% used · 4/1000');
    expect(readout('en', sample({ usedPercent: 100, value: 0, used: 250, limit: 200 }), 1, false).detail).toBe('0% left · 250/200');
  });

  test('a limit of exactly 100 counts percent, so the read-out shows no "47/100"', () => {
    expect(readout('en', sample({ usedPercent: 47, value: 53, used: 47, limit: 100 }), 1, false).detail).toBe('53% left');
  });

  test('a week chart names the day; a ratio pool has no counts', () => {
    expect(readout('en', sample({ used: null, limit: null }), 7, false)).toEqual({ time: 'Tue 2:05 PM', detail: '62% left' });
    expect(readout('zh-CN', sample(), 7, false).detail).toBe('剩余 62% · 786/2048');
  });
});

describe('chartSummary', () => {
  test('what a screen reader hears: range, the current value, resets, the projection, the keys', () => {
    const marks = [
      { at: 1, x: 1, upcoming: false },
      { at: 2, x: 2, upcoming: false },
      { at: 3, x: 3, upcoming: true },
    ];
    expect(chartSummary('en', '5-hour', geometry({ resets: marks, projection: 'M0 0L1 1' }), 1, false)).toBe(
      '5-hour usage. Last 24 hours: now 62% left. 2 resets. Projected to run out before the reset. Left and right arrow keys read each value.',
    );
    const used = sample({ usedPercent: 61.6, value: 61.6 });
    expect(chartSummary('en', 'Weekly', geometry({ resets: marks.slice(1), samples: [used], current: used }), 7, true)).toBe(
      'Weekly usage. Last 7 days: now 62% used. No history yet. One reset. Left and right arrow keys read each value.',
    );
    expect(rangeText('zh-CN', 7)).toBe('最近 7 天');
  });
});
