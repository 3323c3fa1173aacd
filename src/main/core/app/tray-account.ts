// Which account the tray draws when there are several: the selected one, or — the setting
// `general.trayAccount: 'most-constrained'` — the enabled account closest to being stopped, so
// a glance at the menu bar warns before any plan runs dry. The rule lives here alone.
import type { AppState } from '../../../shared/app-state.js';
import { isLimitReached } from '../../../shared/format/index.js';
import type { Settings } from '../../../shared/settings.js';
import { enabledAccounts, selectedAccount } from '../../../shared/accounts.js';

/** The windows that stop work when they run out; the monthly pools only inform. */
const BLOCKING_WINDOWS = new Set<string>(['5h', 'weekly']);

export interface AccountStateRef {
  readonly id: string;
  readonly state: AppState;
}

/**
 * The least share left (0–100) across an account's 5-hour and weekly windows; null when it has
 * no numbers for either. A quota Kimi said is spent counts as 0 left for that window (or for the
 * account, when Kimi did not name the window), whatever the last numbers said.
 */
export function leastLeftPercent(state: AppState): number | null {
  const spent = isLimitReached(state.lastError) ? state.lastError.window : null;
  if (spent === undefined) return 0;
  const lefts = (state.snapshot?.windows ?? [])
    .filter((window) => BLOCKING_WINDOWS.has(window.id))
    .map((window) => (window.id === spent ? 0 : Math.min(100, Math.max(0, 100 - window.usedPercent))));
  if (spent !== null && BLOCKING_WINDOWS.has(spent)) lefts.push(0);
  return lefts.length === 0 ? null : Math.min(...lefts);
}

/**
 * The account with the least left, among `accounts` (in list order). An account without
 * numbers never wins over one with numbers; ties go to the earlier account. Null when the list
 * is empty or no account has numbers.
 */
export function mostConstrainedAccount(accounts: readonly AccountStateRef[]): string | null {
  let best: { id: string; left: number } | null = null;
  for (const { id, state } of accounts) {
    const left = leastLeftPercent(state);
    if (left !== null && (best === null || left < best.left)) best = { id, left };
  }
  return best?.id ?? null;
}

/**
 * The account the tray draws: by the setting, the selected one or the most constrained enabled
 * one. When the setting names none (no numbers yet, or the selected account is switched off),
 * the selected account if enabled, else the first enabled one, else the selected one.
 */
export function trayAccountId(settings: Settings, accounts: readonly AccountStateRef[]): string {
  const enabled = new Set(enabledAccounts(settings).map((account) => account.id));
  const candidates = accounts.filter((account) => enabled.has(account.id));
  const selected = selectedAccount(settings).id;
  if (settings.general.trayAccount === 'most-constrained') {
    const constrained = mostConstrainedAccount(candidates);
    if (constrained !== null) return constrained;
  }
  if (enabled.has(selected)) return selected;
  return candidates[0]?.id ?? enabledAccounts(settings)[0]?.id ?? selected;
}

/** Whether the app names the account (tray tooltip, notifications): only with more than one
 *  enabled, where a name tells the accounts apart; with one it is noise. */
export function namesAccounts(settings: Settings): boolean {
  return enabledAccounts(settings).length > 1;
}
