// What the tray meter shows, reduced from the app state to the few facts the drawing needs,
// and the rules that name the meter's states. Each state is decided here, once, from the
// icon input alone: the drawing (meter.ts), the menu-bar text (tray-text.ts), the contact
// sheet and the tests all ask these rules instead of deciding again.
import { isLimitReached, wholePercent } from '../../../shared/format/index.js';
import type { Settings } from '../../../shared/settings.js';
import { isStale } from '../../../shared/staleness.js';
import type { ErrorView, UsageSnapshot } from '../../../shared/usage.js';

export interface TrayIconInput {
  /** loading: no numbers yet (dotted tracks); signed-out: outlines only. */
  readonly status: 'loading' | 'ready' | 'signed-out';
  /** Used percent of the 5-hour limit (the thick top bar); null when the window is missing. */
  readonly fiveHourUsedPercent: number | null;
  /** Used percent of the weekly quota (the thin bottom bar); null when the window is missing. */
  readonly weeklyUsedPercent: number | null;
  /** The numbers look old (the popover's rule, shared/staleness.ts): fills are drawn translucent. */
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
  /** Now, for the age of the numbers: they look old in the tray exactly when they do in the popover. */
  readonly nowMs: number;
}

/** The meter's two lanes, top to bottom: the 5-hour window first, as every other screen. */
export type TrayLane = '5h' | 'weekly';
export const TRAY_LANES = ['5h', 'weekly'] as const satisfies readonly TrayLane[];

/** Used percent of a lane as the meter draws it. Kimi refused the refresh because a limit is
 *  reached: when the meter has a lane for that window, the lane shows it used up (what Kimi
 *  said) over the older numbers. */
export function laneUsedPercent(lane: TrayLane, snapshot: UsageSnapshot | null, error: ErrorView | null): number | null {
  if (spentLane(error ?? snapshot?.error ?? null) === lane) return 100;
  return snapshot?.windows.find((w) => w.id === lane)?.usedPercent ?? null;
}

function spentLane(error: ErrorView | null): TrayLane | null {
  return isLimitReached(error) && (error.window === '5h' || error.window === 'weekly') ? error.window : null;
}

export function trayIconInput({ snapshot, error, signedOut, settings, nowMs }: TrayIconSource): TrayIconInput {
  const display = { showUsageAsUsed: settings.general.showUsageAsUsed, colored: settings.general.coloredIcon };
  if (signedOut) {
    return { status: 'signed-out', fiveHourUsedPercent: null, weeklyUsedPercent: null, stale: false, error: false, ...display };
  }
  // A limit the meter cannot show (monthly, or one the message did not name) keeps the "!".
  const lastError = error ?? snapshot?.error ?? null;
  const spent = spentLane(lastError);
  return {
    status: snapshot === null && spent === null ? 'loading' : 'ready',
    fiveHourUsedPercent: laneUsedPercent('5h', snapshot, error),
    weeklyUsedPercent: laneUsedPercent('weekly', snapshot, error),
    stale: isStale(snapshot, settings.general.refreshCadence, nowMs),
    error: lastError !== null && spent === null,
    ...display,
  };
}

/** A window is depleted when nothing is left as the words say it: "0% left". The rounding is
 *  wholePercent's, so a lane at 99.6 % used ("1% left") is not drawn as depleted. */
export function isDepleted(usedPercent: number | null): boolean {
  return usedPercent !== null && wholePercent(usedPercent, 'left') === 0;
}

/** The lane's used percent in the input. */
export function laneUsed(input: TrayIconInput, lane: TrayLane): number | null {
  return lane === '5h' ? input.fiveHourUsedPercent : input.weeklyUsedPercent;
}

/** The states a glance must tell apart. Several may hold at once (stale and depleted, say). */
export type TrayIconState = 'fresh' | 'stale' | 'loading' | 'error' | 'signed-out' | 'depleted';

/** One rule per state, each a pure function of the icon input. */
export const TRAY_STATE_RULES: Readonly<Record<TrayIconState, (input: TrayIconInput) => boolean>> = {
  'signed-out': (input) => input.status === 'signed-out',
  loading: (input) => input.status === 'loading',
  error: (input) => input.status !== 'signed-out' && input.error,
  depleted: (input) => depletedLanes(input).length > 0,
  stale: (input) => input.status === 'ready' && input.stale,
  fresh: (input) => input.status === 'ready' && !input.stale && !input.error,
};

/** The lanes drawn as depleted: the ones with numbers and nothing left. */
export function depletedLanes(input: TrayIconInput): TrayLane[] {
  return input.status === 'ready' ? TRAY_LANES.filter((lane) => isDepleted(laneUsed(input, lane))) : [];
}

/** Every state that holds for the input, in a fixed order. */
export function trayIconStates(input: TrayIconInput): TrayIconState[] {
  return (Object.keys(TRAY_STATE_RULES) as TrayIconState[]).filter((state) => TRAY_STATE_RULES[state](input));
}
