// What the tray meter shows, reduced from the app state to the few facts the drawing needs.
import { isLimitReached } from '../../../shared/format/index.js';
import type { Settings } from '../../../shared/settings.js';
import type { ErrorView, UsageSnapshot } from '../../../shared/usage.js';

export interface TrayIconInput {
  /** loading: no numbers yet (empty tracks); signed-out: outlines only. */
  readonly status: 'loading' | 'ready' | 'signed-out';
  /** Used percent of the weekly quota (top bar); null when the window is missing. */
  readonly weeklyUsedPercent: number | null;
  /** Used percent of the 5-hour limit (bottom bar); null when the window is missing. */
  readonly fiveHourUsedPercent: number | null;
  /** The numbers are from an earlier refresh: fills are drawn translucent. */
  readonly stale: boolean;
  /** The last refresh failed (or hit a limit no lane shows): a small "!" beside the bars. */
  readonly error: boolean;
  /** Fill shows the used share instead of the remaining one. */
  readonly showUsageAsUsed: boolean;
  /** Tint the meters green / amber / red (not a template image then). */
  readonly colored: boolean;
}

export interface TrayIconSource {
  readonly snapshot: UsageSnapshot | null;
  readonly error: ErrorView | null;
  readonly signedOut: boolean;
  readonly settings: Settings;
}

export function trayIconInput({ snapshot, error, signedOut, settings }: TrayIconSource): TrayIconInput {
  const display = { showUsageAsUsed: settings.general.showUsageAsUsed, colored: settings.general.coloredIcon };
  if (signedOut) {
    return { status: 'signed-out', weeklyUsedPercent: null, fiveHourUsedPercent: null, stale: false, error: false, ...display };
  }
  // Kimi refused the refresh because a limit is reached: when the meter has a lane for that
  // window, the lane shows it used up (what Kimi said) and no "!" is needed; a limit the meter
  // cannot show (monthly, or one the message did not name) keeps the "!".
  const lastError = error ?? snapshot?.error ?? null;
  const spent = isLimitReached(lastError) && (lastError.window === '5h' || lastError.window === 'weekly') ? lastError.window : null;
  const used = (id: '5h' | 'weekly'): number | null => (id === spent ? 100 : (snapshot?.windows.find((w) => w.id === id)?.usedPercent ?? null));
  return {
    status: snapshot === null && spent === null ? 'loading' : 'ready',
    weeklyUsedPercent: used('weekly'),
    fiveHourUsedPercent: used('5h'),
    stale: snapshot?.stale ?? false,
    error: lastError !== null && spent === null,
    ...display,
  };
}
