// The text beside the tray icon (macOS `tray.setTitle`) and its tooltip, in the reader's
// language and in the words and rounding every other screen uses (shared/format). Both count
// down in whole minutes, which is why the controller's tray tick runs once a minute.
import { formatDuration, percentFigure, percentText, resetText, windowTitle } from '../../../shared/format/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { t } from '../../../shared/i18n/index.js';
import type { Settings } from '../../../shared/settings.js';
import type { UsageSnapshot } from '../../../shared/usage.js';

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
      return percentFigure(locale, window.usedPercent, settings.showUsageAsUsed ? 'used' : 'left');
    }
    case 'countdown': {
      const resets = snapshot.windows.map((w) => (w.resetsAt === undefined ? Number.NaN : Date.parse(w.resetsAt)));
      const next = Math.min(...resets.filter((at) => at > now));
      return Number.isFinite(next) ? formatDuration(locale, next - now) : '';
    }
  }
}

/** One line per window, in display order: "5-hour: 38% left · Resets in 2h 13m". */
export function trayTooltip(snapshot: UsageSnapshot | null, now: number, locale: Locale = 'en', showUsageAsUsed = false): string {
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
