// Snapshots for history tests: only the fields history reads vary.
import type { SourceKind, UsageSnapshot, UsageWindow } from '../../../src/shared/usage.js';

export const T0 = Date.parse('2026-11-24T10:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface WindowSample {
  readonly id: UsageWindow['id'];
  readonly usedPercent: number;
  readonly used?: number;
  readonly limit?: number;
  readonly resetsAt?: number;
}

export function snapshotAt(time: number, windows: readonly WindowSample[], options: { stale?: boolean; source?: SourceKind } = {}): UsageSnapshot {
  return {
    source: { kind: options.source ?? 'api-key', label: 'Kimi Code API key' },
    plan: 'Moderato',
    updatedAt: new Date(time).toISOString(),
    stale: options.stale ?? false,
    windows: windows.map((w) => ({
      id: w.id,
      title: w.id,
      usedPercent: w.usedPercent,
      ...(w.used === undefined ? {} : { used: w.used }),
      ...(w.limit === undefined ? {} : { limit: w.limit }),
      ...(w.resetsAt === undefined ? {} : { resetsAt: new Date(w.resetsAt).toISOString() }),
      pace: null,
    })),
    error: null,
  };
}

/** A clock tests move by hand. */
export function manualClock(start: number): { now: () => number; set: (ms: number) => void } {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms) };
}
