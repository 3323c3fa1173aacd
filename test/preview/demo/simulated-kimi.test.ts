import { describe, expect, test } from 'vitest';
import { simulateSnapshot } from '../../../src/main/preview/demo/simulated-kimi.js';
import { UsageSnapshotSchema } from '../../../src/shared/usage.js';

const EPOCH = Date.parse('2026-11-24T10:00:00.000Z');
const SOURCE = { kind: 'api-key', label: 'Kimi Code API key' } as const;
const HOUR = 3_600_000;

const at = (offsetMs: number) => simulateSnapshot({ epochMs: EPOCH, nowMs: EPOCH + offsetMs, source: SOURCE });

describe('the simulated Kimi service', () => {
  test('produces valid snapshots in display order, counts within their limits', () => {
    for (let offset = 0; offset < 10 * 24 * HOUR; offset += 7 * HOUR + 13 * 60_000) {
      const snapshot = UsageSnapshotSchema.parse(at(offset));
      expect(snapshot.windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total']);
      for (const window of snapshot.windows) {
        if (window.used !== undefined && window.limit !== undefined) expect(window.used).toBeLessThanOrEqual(window.limit);
      }
    }
  });

  test('usage only grows within a period and starts over at the reset', () => {
    let previous = at(0).windows[0]!;
    let resets = 0;
    for (let offset = 60_000; offset <= 12 * HOUR; offset += 60_000) {
      const current = at(offset).windows[0]!;
      if (current.resetsAt === previous.resetsAt) expect(current.used!).toBeGreaterThanOrEqual(previous.used!);
      else {
        resets += 1;
        expect(Date.parse(current.resetsAt!)).toBe(Date.parse(previous.resetsAt!) + 5 * HOUR);
        expect(current.used!).toBeLessThan(previous.used!);
      }
      previous = current;
    }
    expect(resets).toBe(2);
  });

  test('moves: numbers an hour apart differ, and pace is computed where the window allows', () => {
    expect(at(HOUR).windows[0]!.used).not.toBe(at(0).windows[0]!.used);
    expect(at(0).windows[1]!.pace).not.toBeNull();
  });
});
