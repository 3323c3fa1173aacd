// The text beside the tray icon (macOS `tray.setTitle`) and its tooltip, in the reader's
// language and in the words and rounding every other screen uses (shared/format). Both count
// down in whole minutes, which is why the controller's tray tick runs once a minute.
import { formatDuration, limitResetsAt, percentFigure, percentText, resetText, windowTitle } from '../../../shared/format/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { t } from '../../../shared/i18n/index.js';
import type { Settings } from '../../../shared/settings.js';
import type { ErrorView, UsageSnapshot, UsageWindow } from '../../../shared/usage.js';
import { TRAY_LANES, isDepleted, laneUsedPercent } from './icon-input.js';

export type TrayTitleSettings = Pick<Settings['general'], 'menuBarText' | 'showUsageAsUsed'>;

/** "38%" (5-hour or weekly, left or used by setting), "2h 13m" to the next reset, or "".
 *  Whatever text is chosen, while a window is depleted (the meter's "×") the text turns into
 *  the wait until it can be used again, "↻ 2h 13m": the one number a user out of quota asks. */
export function trayTitle(
  snapshot: UsageSnapshot | null,
  settings: TrayTitleSettings,
  now: number,
  locale: Locale = 'en',
  error: ErrorView | null = null,
): string {
  if (settings.menuBarText === 'off') return '';
  const wait = depletedWait(snapshot, error, now);
  if (wait !== null) return t(locale, 'tray.titleUsableIn', { duration: formatDuration(locale, wait) });
  if (snapshot === null) return '';
  switch (settings.menuBarText) {
    case '5h':
    case 'weekly': {
      const window = snapshot.windows.find((w) => w.id === settings.menuBarText);
      if (window === undefined) return '';
      return percentFigure(locale, window.usedPercent, settings.showUsageAsUsed ? 'used' : 'left');
    }
    case 'countdown': {
      const resets = snapshot.windows.map((w) => (w.resetsAt === undefined ? Number.NaN : Date.parse(w.resetsAt)));
      const next = Math.min(...resets.filter((at) => at > now));
      return Number.isFinite(next) ? formatDuration(locale, next - now) : '';
    }
  }
}

/** How long until every depleted window has reset (so work can go on), or null when none is
 *  depleted or one of their resets is not known to be ahead: then the usual text stays. */
function depletedWait(snapshot: UsageSnapshot | null, error: ErrorView | null, now: number): number | null {
  const depleted = TRAY_LANES.filter((lane) => isDepleted(laneUsedPercent(lane, snapshot, error)));
  if (depleted.length === 0) return null;
  const resets = depleted.map((lane) => limitResetsAt(lane, snapshot, now));
  if (resets.some((at) => at === null)) return null;
  return Math.max(...resets.map((at) => Date.parse(at ?? ''))) - now;
}

/** What the tooltip reads of a snapshot (the status line's Waybar tooltip passes only this). */
export interface TooltipSnapshot {
  readonly windows: readonly Pick<UsageWindow, 'id' | 'usedPercent' | 'resetsAt'>[];
}

/** One line per window, in display order: "5-hour: 38% left · Resets in 2h 13m". */
export function trayTooltip(snapshot: TooltipSnapshot | null, now: number, locale: Locale = 'en', showUsageAsUsed = false): string {
  if (snapshot === null || snapshot.windows.length === 0) return t(locale, 'app.name');
  return snapshot.windows
    .map((window) => {
      const share = percentText(locale, window.usedPercent, showUsageAsUsed ? 'used' : 'left');
      const line = t(locale, 'tray.tooltipLine', { window: windowTitle(locale, window.id), share });
      const reset = resetText(locale, window.resetsAt, now);
      return reset === null ? line : `${line} · ${reset}`;
    })
    .join('\n');
}
