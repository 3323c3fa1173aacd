// `kimibar accounts`: the list of Kimi accounts and the changes to it — add, rename, select,
// remove. The rules (names unique case aside, at most ten, the last account stays, a removed
// account's keychain items go with it) are core/accounts/manage.ts's; this prints and parses.
import { selectedAccount } from '../../../shared/accounts.js';
import { UsageSourceModeSchema, type AccountSettings } from '../../../shared/settings.js';
import { addAccount, removeAccount, renameAccount, selectAccount } from '../../core/accounts/manage.js';
import { SECRET_ACCOUNTS } from '../../core/ports.js';
import type { Runtime } from '../../core/runtime.js';
import { secretItemName } from '../../core/settings/secrets.js';
import { accountFlag, accountFor } from '../account-option.js';
import { echoIfPlain, oneOf, parseCommandArgs, usageError } from '../args.js';
import type { Output } from '../output.js';

const USAGE = 'kimibar accounts [list [--json]] | add NAME [--source auto|api|account|cli|web] | rename NAME NEW | select NAME | remove NAME';
const LIST_USAGE = 'kimibar accounts list [--json]';
const ADD_USAGE = 'kimibar accounts add NAME [--source auto|api|account|cli|web]';
const RENAME_USAGE = 'kimibar accounts rename NAME NEW';
const SELECT_USAGE = 'kimibar accounts select NAME';
const REMOVE_USAGE = 'kimibar accounts remove NAME';

export async function runAccounts(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  // `kimibar accounts` and `kimibar accounts --json` list, as `list` does.
  const [sub, ...rest] = argv[0] === undefined || argv[0].startsWith('-') ? ['list', ...argv] : argv;
  switch (sub) {
    case 'list':
      return list(rest, runtime, out);
    case 'add':
      return add(rest, runtime, out);
    case 'rename':
      return rename(rest, runtime, out);
    case 'select':
      return select(rest, runtime, out);
    case 'remove':
      return remove(rest, runtime, out);
    default:
      throw usageError(`unknown subcommand${echoIfPlain(sub)}`, USAGE);
  }
}

function list(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, LIST_USAGE);
  const settings = runtime.settings.get();
  const selected = selectedAccount(settings).id;
  if (values.json) {
    out.json(settings.accounts.map((account) => ({ id: account.id, name: account.name, usageSource: account.usageSource, enabled: account.enabled, selected: account.id === selected })));
    return 0;
  }
  const rows = [['', 'NAME', 'ID', 'SOURCE', 'ENABLED'], ...settings.accounts.map((account) => [account.id === selected ? '*' : '', account.name, account.id, account.usageSource, account.enabled ? 'yes' : 'no'])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) out.line(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  out.line(out.style('dim', '* selected: what the tray and the popover show first, and what commands use without --account'));
  return 0;
}

function add(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { values, positionals } = parseCommandArgs(argv, { source: { type: 'string' } }, ADD_USAGE, 1);
  const [name] = positionals;
  if (name === undefined) throw usageError('a NAME is needed', ADD_USAGE);
  const usageSource = oneOf('--source', values.source, UsageSourceModeSchema.options, 'auto');
  const account = addAccount(runtime, { name, usageSource });
  out.line(`Added account ${account.name} (id ${account.id}, source ${account.usageSource}).`);
  out.line(`Give it a credential: kimibar config set-api-key ${accountFlag(account)}, or kimibar login ${accountFlag(account)}`);
  return 0;
}

function rename(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { positionals } = parseCommandArgs(argv, {}, RENAME_USAGE, 2);
  const [name, newName] = positionals;
  if (name === undefined || newName === undefined) throw usageError('the NAME and the NEW name are needed', RENAME_USAGE);
  const before = existing(runtime, name);
  const after = renameAccount(runtime, before.id, newName);
  out.line(`Renamed account ${before.name} to ${after.name}.`);
  return 0;
}

function select(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { positionals } = parseCommandArgs(argv, {}, SELECT_USAGE, 1);
  const [name] = positionals;
  if (name === undefined) throw usageError('a NAME is needed', SELECT_USAGE);
  const account = selectAccount(runtime, existing(runtime, name).id);
  out.line(`Selected account ${account.name}.`);
  return 0;
}

async function remove(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {}, REMOVE_USAGE, 1);
  const [name] = positionals;
  if (name === undefined) throw usageError('a NAME is needed', REMOVE_USAGE);
  const account = existing(runtime, name);
  // Which of its items exist, read before they go, so that the message says what was deleted.
  const secrets = runtime.account(account.id).secrets;
  const held = (await Promise.all(SECRET_ACCOUNTS.map(async (secret) => ((await secrets.get(secret)) === null ? null : secretItemName(account.id, secret))))).filter(
    (item): item is string => item !== null,
  );
  const wasSelected = selectedAccount(runtime.settings.get()).id === account.id;
  const removed = await removeAccount(runtime, account.id);
  out.line(`Removed account ${account.name} (id ${account.id}).`);
  out.line(held.length === 0 ? 'It had nothing in the system keychain.' : `Deleted from the system keychain: ${held.join(', ')}.`);
  // Removing also deletes the account's history rows where the core says how many.
  if ('historyRowsDeleted' in removed && typeof removed.historyRowsDeleted === 'number') out.line(`Deleted its usage history: ${removed.historyRowsDeleted} row(s).`);
  if (wasSelected) out.line(`Selected account ${selectedAccount(runtime.settings.get()).name}.`);
  return 0;
}

/** The account NAME names (its id works too), or the error that lists the names there are. */
function existing(runtime: Runtime, name: string): AccountSettings {
  return accountFor(runtime, name).settings();
}
