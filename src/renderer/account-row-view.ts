// What an account's compact row in the popover says: its name, what is left of the 5-hour and
// weekly windows, when the next of them resets — or, when there are no numbers to show, why
// (an error in a few words, "Not set up", …). Pure functions from an account's state, the time
// and the locale, so the popover only places the texts. Wording and rounding are shared/format's.
import type { AccountState } from '../shared/app-state.js';
import type { MeterLevel } from '../shared/format/index.js';
import { barFillPercent, formatDuration, isLimitReached, meterLevel, percentFigure, percentText, resetText, shortErrorText, windowTitle } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { RefreshCadence } from '../shared/settings.js';
import { isStale } from '../shared/staleness.js';
import type { UsageWindow, WindowId } from '../shared/usage.js';

/** The windows a row sums up, in this order: the ones people plan their day and week by. */
const ROW_WINDOWS: readonly WindowId[] = ['5h', 'weekly'];

export interface RowFigure {
  readonly id: WindowId;
  /** "5h", "Wk": the row has no room for "5-hour". */
  readonly label: string;
  /** "62%": left, or used with "Show usage as used". */
  readonly figure: string;
  readonly level: MeterLevel;
  /** Mini-bar fill, 0–100, the same share the card's bar shows. */
  readonly fillPercent: number;
  /** What a screen reader says for it, in whole words: "5-hour 62% left". */
  readonly spoken: string;
}

export interface AccountRowView {
  readonly id: string;
  readonly name: string;
  /** Empty when `status` says why there are no numbers. */
  readonly figures: readonly RowFigure[];
  /** "↻ 2h 13m": the next reset among the row's windows; null when none is ahead. */
  readonly reset: string | null;
  /** The same for a screen reader: "Resets in 2h 13m". */
  readonly resetSpoken: string | null;
  /** Shown in place of the numbers: an error ("Key rejected") or a state ("Not set up"). */
  readonly status: { readonly text: string; readonly error: boolean } | null;
  /** The numbers are old (shared/staleness.ts): the row dims them, as the cards do. */
  readonly stale: boolean;
  /** The row's facts in whole words, for a screen reader after its name (the row's
   *  description): "5-hour 62% left, Weekly 20% left, Resets in 2h 13m", or "Key rejected". */
  readonly description: string;
}

export interface RowContext {
  readonly locale: Locale;
  readonly nowMs: number;
  readonly showUsed: boolean;
  readonly cadence: RefreshCadence;
}

export function describeAccountRow(account: AccountState, { locale, nowMs, showUsed, cadence }: RowContext): AccountRowView {
  const { state } = account;
  const snapshot = state.snapshot;
  const status = rowStatus(account, locale);
  const windows = status === null && snapshot !== null ? rowWindows(snapshot.windows) : [];
  const mode = showUsed ? 'used' : 'left';
  const figures = windows.map((window) => ({
    id: window.id,
    label: shortTitle(locale, window.id),
    figure: percentFigure(locale, window.usedPercent, mode),
    level: meterLevel(window.usedPercent),
    fillPercent: barFillPercent(window.usedPercent, mode),
    spoken: t(locale, 'accounts.row.window', { window: windowTitle(locale, window.id), share: percentText(locale, window.usedPercent, mode) }),
  }));
  const next = nextReset(windows, nowMs);
  const resetSpoken = next === null ? null : resetText(locale, next, nowMs);
  const shownStatus = status ?? (windows.length === 0 ? { text: t(locale, 'accounts.row.noWindows'), error: false } : null);
  const facts = shownStatus !== null ? [shownStatus.text] : [...figures.map((figure) => figure.spoken), ...(resetSpoken === null ? [] : [resetSpoken])];
  const separator = t(locale, 'accounts.row.factSeparator');
  return {
    id: account.id,
    name: account.name,
    figures,
    reset: next === null ? null : t(locale, 'accounts.row.reset', { duration: formatDuration(locale, Date.parse(next) - nowMs, 'compact') }),
    resetSpoken,
    status: shownStatus,
    stale: status === null && isStale(snapshot, cadence, nowMs),
    description: facts.join(separator),
  };
}

/** Why a row shows no numbers, or null when it shows them. A spent quota is not such a
 *  reason: its numbers (0 % left) are the news. */
function rowStatus({ state }: AccountState, locale: Locale): { text: string; error: boolean } | null {
  if (state.notConfigured !== null) return { text: t(locale, 'accounts.row.notSetUp'), error: false };
  if (state.lastError !== null && !isLimitReached(state.lastError)) return { text: shortErrorText(locale, state.lastError), error: true };
  if (state.snapshot !== null) return null;
  if (state.signedOut) return { text: t(locale, 'accounts.row.signedOut'), error: false };
  return { text: t(locale, state.refreshing ? 'accounts.row.loading' : 'accounts.row.noData'), error: false };
}

/** The 5-hour and weekly windows; an account without either shows its first two (a plan with
 *  monthly pools only still has a row with numbers). */
function rowWindows(windows: readonly UsageWindow[]): UsageWindow[] {
  const main = ROW_WINDOWS.flatMap((id) => windows.filter((window) => window.id === id));
  return main.length > 0 ? main : windows.slice(0, 2);
}

function shortTitle(locale: Locale, id: WindowId): string {
  return id === '5h' || id === 'weekly' ? t(locale, `accounts.row.short.${id}`) : windowTitle(locale, id);
}

/** The soonest reset still ahead among the row's windows. */
function nextReset(windows: readonly UsageWindow[], nowMs: number): string | null {
  const ahead = windows.flatMap((window) => (window.resetsAt !== undefined && Date.parse(window.resetsAt) > nowMs ? [window.resetsAt] : []));
  return ahead.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}
