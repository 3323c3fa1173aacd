// `--account NAME`: which Kimi account a command acts on. One place resolves it — the runtime's
// `account(idOrName)`: an id or a name, case aside; the selected account without the option —
// and one error says that no account goes by that name, listing the names that do. What was
// typed is never echoed: it might be a key pasted in the wrong place (./args.ts).
import type { AccountRef } from '../../shared/accounts.js';
import { KimiError } from '../core/errors.js';
import type { AccountRuntime, Runtime } from '../core/runtime.js';

/** Spread into a command's options (./args.ts `parseCommandArgs`). */
export const ACCOUNT_OPTION = { account: { type: 'string' } } as const;

/** The account `--account` names (its value, or undefined without the option). */
export function accountFor(runtime: Runtime, name: string | undefined): AccountRuntime {
  try {
    return runtime.account(name);
  } catch (error) {
    if (error instanceof KimiError && error.code === 'account-not-found') throw unknownAccount(runtime.settings.get().accounts);
    throw error;
  }
}

/** Exit 2, with the names that exist (names are the user's labels, never secrets). */
export function unknownAccount(accounts: readonly AccountRef[]): KimiError {
  return new KimiError('account-not-found', { detail: `the accounts are ${accounts.map((account) => JSON.stringify(account.name)).join(', ')} (kimibar accounts)` });
}

/** How JSON output names the account its numbers belong to. */
export function accountJson(account: AccountRef): { id: string; name: string } {
  return { id: account.id, name: account.name };
}

/** `--account NAME` as a user would type it again, quoted when the name has spaces or quotes. */
export function accountFlag(account: AccountRef): string {
  return `--account ${/^[\w.@+-]+$/u.test(account.name) ? account.name : JSON.stringify(account.name)}`;
}

/** " (account Work)" when there are several accounts, so a message says whose; nothing with one
 *  account, where the messages read as they always have. */
export function whoseText(runtime: Runtime, account: AccountRuntime): string {
  return runtime.settings.get().accounts.length > 1 ? ` (account ${account.settings().name})` : '';
}
