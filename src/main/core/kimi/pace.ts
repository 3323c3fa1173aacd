// Pace: is the window being used faster or slower than an even rate would use it,
// and if the current rate holds, does it run out before the reset?
import type { Pace, PaceStage, UsageWindow } from '../../../shared/usage.js';
import { parseIsoInstant } from './wire.js';

export type PaceInput = Pick<UsageWindow, 'usedPercent' | 'resetsAt' | 'windowMinutes'>;

/** Early in a window a handful of requests swing the comparison wildly, so pace waits. */
const MIN_ELAPSED_SHARE = 0.03;

/** Upper bounds of |actual − expected| in percentage points, mildest stage first. */
const STAGE_BOUNDS: readonly (readonly [number, PaceStage])[] = [
  [2, 'on-pace'],
  [6, 'small'],
  [12, 'medium'],
];

/** Pace of one window, or null when it cannot be told (no length or reset, too early, over). */
export function computePace(window: PaceInput, now: Date): Pace | null {
  const resetMs = parseIsoInstant(window.resetsAt);
  if (resetMs === undefined || window.windowMinutes === undefined) return null;
  const lengthMs = window.windowMinutes * 60_000;
  const nowMs = now.getTime();
  const elapsedMs = nowMs - (resetMs - lengthMs);
  const elapsedShare = elapsedMs / lengthMs;
  if (!(elapsedShare >= MIN_ELAPSED_SHARE) || elapsedShare >= 1) return null;

  const expectedPercent = elapsedShare * 100;
  const deltaPercent = window.usedPercent - expectedPercent;
  return {
    expectedPercent: roundTenth(expectedPercent),
    deltaPercent: roundTenth(deltaPercent),
    stage: stageOf(Math.abs(deltaPercent)),
    runsOutAt: forecastRunOut(window.usedPercent, elapsedMs, nowMs, resetMs),
  };
}

function stageOf(distance: number): PaceStage {
  return STAGE_BOUNDS.find(([bound]) => distance <= bound)?.[1] ?? 'large';
}

/** When the rate so far (used % per elapsed time) reaches 100 %, if that is before the reset. */
function forecastRunOut(usedPercent: number, elapsedMs: number, nowMs: number, resetMs: number): string | null {
  if (usedPercent <= 0) return null;
  const msToExhaust = Math.max(0, ((100 - usedPercent) * elapsedMs) / usedPercent);
  const runsOutMs = nowMs + msToExhaust;
  return runsOutMs < resetMs ? new Date(runsOutMs).toISOString() : null;
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
