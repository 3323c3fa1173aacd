import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../src/main/core/history/downsample.js';

const series = (values: readonly number[]) => values.map((value, time) => ({ time: time * 10, value }));

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    const points = series([1, 2, 3]);
    expect(downsampleMinMax(points, 10)).toEqual(points);
    expect(downsampleMinMax([], 10)).toEqual([]);
  });

  it('never returns more than maxPoints, in time order', () => {
    const points = series(Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 37) * 50 + 50));
    for (const maxPoints of [2, 3, 50, 501]) {
      const out = downsampleMinMax(points, maxPoints);
      expect(out.length).toBeLessThanOrEqual(maxPoints);
      expect(out.length).toBeGreaterThan(0);
      expect(out.every((p, i) => i === 0 || p.time > (out[i - 1]?.time ?? -1))).toBe(true);
    }
  });

  it('keeps a one-sample spike and a one-sample drop', () => {
    const values = Array.from({ length: 5000 }, () => 40);
    values[1234] = 100;
    values[4321] = 0;
    const out = downsampleMinMax(series(values), 20);
    expect(out).toContainEqual({ time: 12_340, value: 100 });
    expect(out).toContainEqual({ time: 43_210, value: 0 });
  });

  it('treats a maxPoints below 2 as 2', () => {
    expect(downsampleMinMax(series([5, 1, 9, 3]), 0)).toEqual([
      { time: 10, value: 1 },
      { time: 20, value: 9 },
    ]);
  });
});
