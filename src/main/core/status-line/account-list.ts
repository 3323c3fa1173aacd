// The accounts a status line can name — ids, names, and which one is selected — read from the
// settings file with zod/mini and nothing more: `kimibar statusline` runs every second and must
// not build the settings schema (and the schemas it brings along) or load the settings store to
// learn whose cache to draw.
//
// It reads the file as it is and never repairs it: a file that is missing, of version 1 (one
// account, before there were several), damaged or of another shape names the first account
// alone — what the settings store makes of such a file (it also moves a damaged one aside and
// says so, the next time the app or another command opens it).
import { join } from 'node:path';
import * as z from 'zod/mini';
import { FIRST_ACCOUNT_ID, FIRST_ACCOUNT_NAME, type AccountRef } from '../../../shared/accounts.js';
import { readSmallFile } from '../small-file.js';
import { MAX_SETTINGS_BYTES, SETTINGS_FILE_NAME } from '../settings/file-name.js';

export interface AccountList {
  readonly accounts: readonly AccountRef[];
  readonly selectedAccount: string;
}

const AccountListFileSchema = z.object({
  accounts: z.optional(z.array(z.object({ id: z.string(), name: z.string() })).check(z.minLength(1))),
  selectedAccount: z.optional(z.string()),
});

const ONLY_FIRST: AccountList = { accounts: [{ id: FIRST_ACCOUNT_ID, name: FIRST_ACCOUNT_NAME }], selectedAccount: FIRST_ACCOUNT_ID };

/** The account list in `configDir`'s settings file. Never throws. */
export function readAccountList(configDir: string): AccountList {
  const text = readSmallFile(join(configDir, SETTINGS_FILE_NAME), MAX_SETTINGS_BYTES);
  if (typeof text !== 'string') return ONLY_FIRST;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return ONLY_FIRST;
  }
  const parsed = AccountListFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.accounts === undefined) return ONLY_FIRST;
  const { accounts } = parsed.data;
  return { accounts: accounts.map(({ id, name }) => ({ id, name })), selectedAccount: parsed.data.selectedAccount ?? FIRST_ACCOUNT_ID };
}
