// What the tray shows for a state: the meter's input, the title beside it and the tooltip.
// Pure, so the shell's tray only applies the result. Template images mean something only on
// macOS (the menu bar tints them); elsewhere a black icon vanishes on a dark panel, so the
// meter is drawn in its coloured mode there.
import type { AppState } from '../../shared/app-state.js';
import { isLimitReached, limitReachedText } from '../../shared/format/index.js';
import type { Locale } from '../../shared/i18n/index.js';
import type { Settings } from '../../shared/settings.js';
import type { TrayIconInput } from '../core/tray-icon/index.js';
import { trayIconInput, trayTitle, trayTooltip } from '../core/tray-icon/index.js';

export interface TrayView {
  readonly icon: TrayIconInput;
  readonly title: string;
  readonly tooltip: string;
}

export interface TrayViewInput {
  readonly state: AppState;
  readonly settings: Settings;
  readonly platform: NodeJS.Platform;
  readonly locale: Locale;
  readonly now: number;
  /** The drawn account's name when the app has several (the tooltip leads with it); else null. */
  readonly account?: string | null;
}

export function trayView({ state, settings, platform, locale, now, account = null }: TrayViewInput): TrayView {
  const base = trayIconInput({ snapshot: state.snapshot, error: state.lastError, signedOut: state.signedOut, settings, nowMs: now });
  const icon = platform === 'darwin' ? base : { ...base, colored: true };
  const { general } = settings;
  const usage = trayTooltip(state.snapshot, now, locale, general.showUsageAsUsed);
  // A spent quota leads the tooltip: the lines below it are the last numbers, from before.
  const tooltip = isLimitReached(state.lastError) ? `${limitReachedText(locale, state.lastError, state.snapshot, now)}\n${usage}` : usage;
  return {
    icon,
    title: trayTitle(state.snapshot, general, now, locale, state.lastError),
    tooltip: account === null ? tooltip : `${account}\n${tooltip}`,
  };
}

/** Two views draw the same image when their meter inputs match: skip the redraw then. */
export function sameIcon(a: TrayIconInput, b: TrayIconInput): boolean {
  return (Object.keys(a) as (keyof TrayIconInput)[]).every((key) => a[key] === b[key]);
}
