// When numbers count as old: the one rule the popover and the tray both follow. A snapshot is
// old when the last refresh failed (the controller keeps the last good numbers and marks them
// `stale`), or when it is older than twice the refresh interval, which means at least one
// refresh that should have come did not (asleep, offline, a stuck network). Adaptive and manual
// refreshes have no fixed interval: they are measured against the slowest automatic one, so
// numbers a closed popover legitimately let age are not called old the moment it opens.
import { FIXED_INTERVAL_MS, LONGEST_AUTOMATIC_INTERVAL_MS } from './refresh-intervals.js';
import type { RefreshCadence } from './settings.js';
import type { UsageSnapshot } from './usage.js';

/** How old numbers may get under `cadence` before they look old. */
export function staleAfterMs(cadence: RefreshCadence): number {
  const interval = cadence === 'manual' || cadence === 'adaptive' ? LONGEST_AUTOMATIC_INTERVAL_MS : FIXED_INTERVAL_MS[cadence];
  return 2 * interval;
}

/** Whether `snapshot` should be shown as old numbers at `nowMs`; no snapshot is not old. */
export function isStale(snapshot: Pick<UsageSnapshot, 'updatedAt' | 'stale'> | null, cadence: RefreshCadence, nowMs: number): boolean {
  if (snapshot === null) return false;
  if (snapshot.stale) return true;
  const updatedMs = Date.parse(snapshot.updatedAt);
  // A time that cannot be read cannot vouch for the numbers.
  if (Number.isNaN(updatedMs)) return true;
  return nowMs - updatedMs > staleAfterMs(cadence);
}
