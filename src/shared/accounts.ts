// Rules about the account list that every side needs — the core, the CLI and the renderer — kept
// free of zod so the renderer can use them without bundling it (the schemas are in settings.ts).
import type { AccountSettings, Settings } from './settings.js';

/**
 * The account the single-account settings of version 1 became (and a fresh install's first).
 * Its keychain items and files keep the names they always had, so upgrading moves nothing.
 */
export const FIRST_ACCOUNT_ID = 'main';
export const FIRST_ACCOUNT_NAME = 'Kimi';

/** How many accounts KimiBar shows at once. */
export const MAX_ACCOUNTS = 10;

/** A name people type after `--account`: 1–32 characters (trimmed), no control or format
 *  characters, no leading dash. The settings schema checks it; the settings window says so
 *  before sending. */
export const ACCOUNT_NAME_MAX = 32;
export const ACCOUNT_NAME_PATTERN = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}-][^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u;

export function isValidAccountName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length >= 1 && trimmed.length <= ACCOUNT_NAME_MAX && ACCOUNT_NAME_PATTERN.test(trimmed);
}

/**
 * A file or keychain item that belongs to one account: the first account's keeps its old
 * name, another's gets "@<id>" before the extension ("api-key@k3x9", "last-snapshot@k3x9.json";
 * ids are lowercase letters and digits, so names cannot meet).
 */
export function perAccountName(name: string, accountId: string): string {
  if (accountId === FIRST_ACCOUNT_ID) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}@${accountId}${name.slice(dot)}` : `${name}@${accountId}`;
}

/** Names are told apart without regard to case or Unicode form: "Work" and "work" are one name. */
export function accountNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLocaleLowerCase('en');
}

/** What picking an account by id or name needs of one: the full settings, or the status line's
 *  small read of the same file (which must not load the settings schema). */
export interface AccountRef {
  readonly id: string;
  readonly name: string;
}

/** The selected account; the first when the selected one is gone (a hand-edited file). */
export function selectedAccount<A extends AccountRef = AccountSettings>(settings: { readonly accounts: readonly A[]; readonly selectedAccount: string }): A {
  return settings.accounts.find((account) => account.id === settings.selectedAccount) ?? settings.accounts[0]!;
}

/** The account with this id, or this name (case and Unicode form aside); undefined when none. */
export function findAccount<A extends AccountRef = AccountSettings>(settings: { readonly accounts: readonly A[] }, idOrName: string): A | undefined {
  const key = accountNameKey(idOrName);
  return settings.accounts.find((account) => account.id === idOrName) ?? settings.accounts.find((account) => accountNameKey(account.name) === key);
}

/** The enabled accounts, in the order the popover lists them. */
export function enabledAccounts(settings: Settings): AccountSettings[] {
  return settings.accounts.filter((account) => account.enabled);
}

/** The thresholds that apply to an account: its own, else the general list. */
export function accountThresholds(settings: Settings, account: AccountSettings): readonly number[] {
  return account.thresholds ?? settings.general.notifications.thresholds;
}
