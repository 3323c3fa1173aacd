// Adding, renaming, removing, selecting and reordering accounts: the one place these rules live,
// for the CLI (`kimibar accounts`) and the app's windows alike. Names are the user's; ids are
// KimiBar's (short, random, never reused while the account exists) and name the account's
// keychain items and history rows. Removing an account deletes its keychain items and its usage
// history: its secrets must not outlive it where nothing would ever read or delete them again,
// and its rows would otherwise sit in history.sqlite for 90 days belonging to no one.
import { randomBytes } from 'node:crypto';
import { findAccount } from '../../../shared/accounts.js';
import { AccountNameSchema, AccountSettingsSchema, MAX_ACCOUNTS, type AccountSettings, type UsageSourceMode } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { deleteAccountSecrets } from '../settings/secrets.js';
import { deleteAccountCache } from '../status-line/cache-writer.js';

export interface NewAccount {
  readonly name: string;
  /** Which credential it uses; Auto (every source in order, as KimiBar with one account) by default. */
  readonly usageSource?: UsageSourceMode;
}

export function addAccount(runtime: Runtime, { name, usageSource = 'auto' }: NewAccount): AccountSettings {
  const checkedName = checkName(name);
  let added: AccountSettings | null = null;
  runtime.settings.update((draft) => {
    if (draft.accounts.length >= MAX_ACCOUNTS) throw new KimiError('usage', { detail: `KimiBar shows at most ${MAX_ACCOUNTS} accounts` });
    if (findAccount(draft, checkedName)) throw new KimiError('usage', { detail: 'an account with that name exists' });
    const taken = new Set(draft.accounts.map((account) => account.id));
    let id = newAccountId();
    while (taken.has(id)) id = newAccountId();
    // The region of the account people add last is the one they most likely want again.
    added = AccountSettingsSchema.parse({ id, name: checkedName, usageSource, region: draft.accounts.at(-1)?.region });
    draft.accounts.push(added);
  });
  return added!;
}

export function renameAccount(runtime: Runtime, idOrName: string, name: string): AccountSettings {
  const checkedName = checkName(name);
  const id = requireAccount(runtime, idOrName).id;
  const saved = runtime.settings.update((draft) => {
    const clash = findAccount(draft, checkedName);
    if (clash && clash.id !== id) throw new KimiError('usage', { detail: 'an account with that name exists' });
    const account = draft.accounts.find((candidate) => candidate.id === id);
    if (!account) throw new KimiError('account-not-found');
    account.name = checkedName;
  });
  return saved.accounts.find((account) => account.id === id)!;
}

export function selectAccount(runtime: Runtime, idOrName: string): AccountSettings {
  const account = requireAccount(runtime, idOrName);
  runtime.settings.update((draft) => void (draft.selectedAccount = account.id));
  return account;
}

/** Moves an account to `index` in the list (clamped to the list). */
export function moveAccount(runtime: Runtime, idOrName: string, index: number): void {
  const id = requireAccount(runtime, idOrName).id;
  runtime.settings.update((draft) => {
    const from = draft.accounts.findIndex((account) => account.id === id);
    if (from < 0) throw new KimiError('account-not-found');
    const [moved] = draft.accounts.splice(from, 1);
    const to = Math.max(0, Math.min(Math.trunc(index), draft.accounts.length));
    draft.accounts.splice(to, 0, moved!);
  });
}

/** The account as it was, and how many of its history rows went with it (for "… and N history
 *  rows" in the CLI and the app). */
export interface RemovedAccount extends AccountSettings {
  readonly historyRowsDeleted: number;
}

/**
 * Removes an account and deletes its keychain items and its history rows (also when keeping
 * history is off now: rows from before would otherwise stay). The last account cannot be
 * removed: with none, nothing would say where a new sign-in belongs (sign out of it instead). A
 * removed selected account passes the selection to the first one left. A history file that
 * cannot be written keeps the rows (the store tells the user; the prune drops them in 90 days).
 */
export async function removeAccount(runtime: Runtime, idOrName: string): Promise<RemovedAccount> {
  const account = requireAccount(runtime, idOrName);
  runtime.settings.update((draft) => {
    if (draft.accounts.length <= 1) throw new KimiError('usage', { detail: 'the only account cannot be removed; sign out of it instead' });
    draft.accounts = draft.accounts.filter((candidate) => candidate.id !== account.id);
    if (draft.selectedAccount === account.id) draft.selectedAccount = draft.accounts[0]!.id;
  });
  // Its status-line cache too: nothing would draw or replace those numbers again.
  deleteAccountCache(runtime.paths.configDir, account.id);
  await deleteAccountSecrets(runtime.keychain, account.id);
  const historyRowsDeleted = runtime.history().forgetAccount(account.id);
  return { ...account, historyRowsDeleted };
}

function requireAccount(runtime: Runtime, idOrName: string): AccountSettings {
  const account = findAccount(runtime.settings.get(), idOrName);
  if (!account) throw new KimiError('account-not-found');
  return account;
}

function checkName(name: string): string {
  const parsed = AccountNameSchema.safeParse(name);
  if (!parsed.success) throw new KimiError('usage', { detail: 'an account name is 1–32 characters: letters, digits, spaces and punctuation, not starting with "-"' });
  return parsed.data;
}

/** Ten lowercase letters and digits: unique enough among ten accounts, short enough in a keychain item name. */
function newAccountId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
}
