// When the next automatic refresh is due: a fixed cadence, or Adaptive — the more
// recently the popover was open, the fresher the numbers: 2 min within 5 min of it being open,
// 5 min within 1 h, 15 min within 4 h, else 30 min. Pure: times are epoch milliseconds.
import { FIXED_INTERVAL_MS, LONGEST_AUTOMATIC_INTERVAL_MS, MINUTE_MS } from '../../../shared/refresh-intervals.js';
import type { RefreshCadence } from '../../../shared/settings.js';
import type { UsageSnapshot } from '../../../shared/usage.js';

export { MINUTE_MS };

/** Adaptive's interval while the numbers were looked at within the hour. */
const SEEN_WITHIN_HOUR_INTERVAL_MS = 5 * MINUTE_MS;

/** Adaptive tiers by how long ago the popover was last visible, in time order. */
const ADAPTIVE_TIERS: readonly { readonly idleBelowMs: number; readonly intervalMs: number }[] = [
  { idleBelowMs: 5 * MINUTE_MS, intervalMs: 2 * MINUTE_MS },
  { idleBelowMs: 60 * MINUTE_MS, intervalMs: SEEN_WITHIN_HOUR_INTERVAL_MS },
  { idleBelowMs: 240 * MINUTE_MS, intervalMs: 15 * MINUTE_MS },
  { idleBelowMs: Number.POSITIVE_INFINITY, intervalMs: LONGEST_AUTOMATIC_INTERVAL_MS },
];

/**
 * How long a status line's numbers count as current. A status line (Kimi Code's footer, tmux,
 * Waybar) is always in view, like a popover looked at within the hour, so Adaptive's rate for
 * that applies; the 2-minute rate of an open popover would cost a request every two minutes
 * all day for a bar nobody may be reading. Older numbers are shown with their age, and the
 * status line asks for one refresh.
 */
export const STATUS_LINE_FRESH_MS = SEEN_WITHIN_HOUR_INTERVAL_MS;

/** A window that has just reset is refreshed this long after its reset time, so the new
 *  period's numbers (and the "restored" notification) do not wait for a slow cadence. */
export const AFTER_RESET_GRACE_MS = 15_000;

/** Opening the popover, waking or reconnecting does not refresh again within this time. */
export const MIN_REFRESH_GAP_MS = 30_000;

/** A refresh for a reset never follows the previous attempt sooner than this, so a server
 *  that keeps announcing a reset a moment away cannot make us poll it. */
export const AFTER_RESET_MIN_GAP_MS = 2 * MINUTE_MS;

export interface PopoverActivity {
  readonly visible: boolean;
  /** When the popover was last visible; null when it has not been opened since launch. */
  readonly lastSeenAt: number | null;
}

/** The refresh interval at `now`, or null for manual cadence. */
export function cadenceIntervalMs(cadence: RefreshCadence, popover: PopoverActivity, now: number): number | null {
  if (cadence === 'manual') return null;
  if (cadence !== 'adaptive') return FIXED_INTERVAL_MS[cadence];
  const idle = popoverIdleMs(popover, now);
  const tier = ADAPTIVE_TIERS.find((t) => idle < t.idleBelowMs) ?? ADAPTIVE_TIERS[ADAPTIVE_TIERS.length - 1];
  return tier?.intervalMs ?? null;
}

export interface CadenceInput {
  readonly cadence: RefreshCadence;
  readonly popover: PopoverActivity;
  /** The start of the last refresh, successful or not; null before the first. */
  readonly lastAttemptAt: number | null;
  readonly now: number;
}

/**
 * The earliest time t ≥ lastAttemptAt at which t − lastAttemptAt reaches the interval that
 * applies at t. Adaptive intervals grow as the popover stays closed, so the answer is found
 * per tier rather than from today's interval alone. Null for manual cadence. A result before
 * `now` means the refresh is overdue.
 */
export function nextCadenceRefreshAt({ cadence, popover, lastAttemptAt, now }: CadenceInput): number | null {
  if (cadence === 'manual') return null;
  if (lastAttemptAt === null) return now;
  if (cadence !== 'adaptive' || popover.visible || popover.lastSeenAt === null) {
    const interval = cadenceIntervalMs(cadence, popover, now);
    return interval === null ? null : lastAttemptAt + interval;
  }
  const seenAt = popover.lastSeenAt;
  let tierStart = seenAt;
  for (const tier of ADAPTIVE_TIERS) {
    const candidate = Math.max(lastAttemptAt + tier.intervalMs, tierStart);
    if (candidate < seenAt + tier.idleBelowMs) return candidate;
    tierStart = seenAt + tier.idleBelowMs;
  }
  return lastAttemptAt + LONGEST_AUTOMATIC_INTERVAL_MS;
}

/** The first window reset after the last attempt, plus a short grace (but not within two
 *  minutes of that attempt); null when none is known. */
export function nextResetRefreshAt(snapshot: UsageSnapshot | null, lastAttemptAt: number | null): number | null {
  if (snapshot === null || lastAttemptAt === null) return null;
  const resets = snapshot.windows
    .map((w) => (w.resetsAt === undefined ? Number.NaN : Date.parse(w.resetsAt)))
    .filter((t) => Number.isFinite(t) && t > lastAttemptAt);
  return resets.length === 0 ? null : Math.max(Math.min(...resets) + AFTER_RESET_GRACE_MS, lastAttemptAt + AFTER_RESET_MIN_GAP_MS);
}

function popoverIdleMs(popover: PopoverActivity, now: number): number {
  if (popover.visible) return 0;
  if (popover.lastSeenAt === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, now - popover.lastSeenAt);
}
