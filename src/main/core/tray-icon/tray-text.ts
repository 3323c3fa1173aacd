// The text beside the tray icon (macOS `tray.setTitle`) and its tooltip, in the reader's
// language. Both count down in whole minutes, which is why the controller's tray tick runs
// once a minute.
import type { Locale } from '../../../shared/i18n/index.js';
import { formatDuration, t } from '../../../shared/i18n/index.js';
import type { Settings } from '../../../shared/settings.js';
import type { UsageSnapshot, UsageWindow } from '../../../shared/usage.js';

export type TrayTitleSettings = Pick<Settings['general'], 'menuBarText' | 'showUsageAsUsed'>;

/** "38%" (5-hour or weekly, left or used by setting), "2h 13m" to the next reset, or "". */
export function trayTitle(snapshot: UsageSnapshot | null, settings: TrayTitleSettings, now: number, locale: Locale = 'en'): string {
  if (snapshot === null) return '';
  switch (settings.menuBarText) {
    case 'off':
      return '';
    case '5h':
    case 'weekly': {
      const window = snapshot.windows.find((w) => w.id === settings.menuBarText);
      if (window === undefined) return '';
      return `${wholePercent(settings.showUsageAsUsed ? window.usedPercent : 100 - window.usedPercent)}%`;
    }
    case 'countdown': {
      const next = Math.min(...snapshot.windows.map((w) => resetTime(w)).filter((at) => at > now));
      return Number.isFinite(next) ? formatDuration(locale, next - now) : '';
    }
  }
}

/** One line per window, in display order: "5-hour: 38% left · Resets in 2h 13m". */
export function trayTooltip(snapshot: UsageSnapshot | null, now: number, locale: Locale = 'en', showUsageAsUsed = false): string {
  if (snapshot === null || snapshot.windows.length === 0) return t(locale, 'app.name');
  return snapshot.windows
    .map((window) => {
      const share = showUsageAsUsed
        ? t(locale, 'percent.used', { percent: wholePercent(window.usedPercent) })
        : t(locale, 'percent.left', { percent: wholePercent(100 - window.usedPercent) });
      const reset = resetText(window, now, locale);
      return `${t(locale, `window.${window.id}`)}: ${share}${reset === null ? '' : ` · ${reset}`}`;
    })
    .join('\n');
}

function resetText(window: UsageWindow, now: number, locale: Locale): string | null {
  const at = resetTime(window);
  if (Number.isNaN(at)) return null;
  return at <= now ? t(locale, 'reset.now') : t(locale, 'reset.in', { duration: formatDuration(locale, at - now) });
}

function resetTime(window: UsageWindow): number {
  return window.resetsAt === undefined ? Number.NaN : Date.parse(window.resetsAt);
}

/** Whole percent that never claims "100" or "0" for a share that is not quite there. */
function wholePercent(percent: number): number {
  const clamped = Math.min(100, Math.max(0, percent));
  const rounded = Math.round(clamped);
  if (rounded === 100 && clamped < 100) return 99;
  if (rounded === 0 && clamped > 0) return 1;
  return rounded;
}
