import { describe, expect, test } from 'vitest';
import { simulateUsage } from '../../../src/main/preview/demo/simulated-kimi.js';

const EPOCH = Date.parse('2026-11-24T10:00:00.000Z');
const HOUR = 3_600_000;

const at = (offsetMs: number) => simulateUsage({ epochMs: EPOCH, nowMs: EPOCH + offsetMs });

describe('the simulated Kimi service', () => {
  test('reports the 5-hour, weekly and monthly windows, counts within their limits, ratios within 0–1', () => {
    for (let offset = -7 * 24 * HOUR; offset < 10 * 24 * HOUR; offset += 7 * HOUR + 13 * 60_000) {
      const windows = at(offset);
      expect(windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total']);
      for (const window of windows) {
        expect(window.usedRatio).toBeGreaterThanOrEqual(0);
        expect(window.usedRatio).toBeLessThanOrEqual(1);
        expect(window.resetsAtMs).toBeGreaterThan(EPOCH + offset);
        if (window.limit !== null) expect(window.used).toBeLessThanOrEqual(window.limit);
      }
    }
  });

  test('usage only grows within a period and starts over at the reset', () => {
    let previous = at(0)[0]!;
    let resets = 0;
    for (let offset = 60_000; offset <= 12 * HOUR; offset += 60_000) {
      const current = at(offset)[0]!;
      if (current.resetsAtMs === previous.resetsAtMs) expect(current.used!).toBeGreaterThanOrEqual(previous.used!);
      else {
        resets += 1;
        expect(current.resetsAtMs).toBe(previous.resetsAtMs + 5 * HOUR);
        expect(current.used!).toBeLessThan(previous.used!);
      }
      previous = current;
    }
    expect(resets).toBe(2);
  });

  test('moves: numbers an hour apart differ', () => {
    expect(at(HOUR)[0]!.used).not.toBe(at(0)[0]!.used);
    expect(at(6 * HOUR)[1]!.used).not.toBe(at(0)[1]!.used);
  });
});
