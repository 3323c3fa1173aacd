// `kimibar statusline`: one line for Kimi Code's footer, tmux, Waybar, Starship or a prompt,
// drawn from the snapshot the last refresh cached. Hosts run it every second or so and kill it
// when it is slow (Kimi Code after 300 ms; docs/kimi-api.md, "Status lines"), so it never waits
// for the network: when the numbers are old it shows their age and starts one detached refresh
// for the next call. It has a bundle of its own (../statusline-entry.ts), without the runtime:
// what it imports is the cache reader (zod/mini), the formatter and the lock — no app schema, no
// keychain, no SQLite, no HTTP client, no settings store (only where the config folder is, and
// the account list's ids and names, core/status-line/account-list.ts). Each account has its own
// cache and its own refresh: `--account NAME` draws that account's, the selected one without it.
import { fstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { findAccount, selectedAccount, type AccountRef } from '../../../shared/accounts.js';
import { WINDOW_IDS, type WindowId } from '../../../shared/window-ids.js';
import { readAccountList } from '../../core/status-line/account-list.js';
import { readLineCache } from '../../core/status-line/cache-file.js';
import { STATUS_LINE_FORMATS, needsRefresh, parseTemplate, renderStatusLine, type Template } from '../../core/status-line/line.js';
import { releaseRefreshLock, tryAcquireRefreshLock } from '../../core/status-line/refresh-lock.js';
import { resolveAppPaths } from '../../core/settings/paths.js';
import { ACCOUNT_OPTION, unknownAccount } from '../account-option.js';
import { oneOf, parseCommandArgs, usageError } from '../args.js';
import type { Output } from '../output.js';

export const STATUSLINE_USAGE = 'kimibar statusline [--account NAME] [--format plain|tmux|waybar|json] [--window 5h,weekly,…] [--template TEXT] [--used] | --refresh';

const OPTIONS = {
  ...ACCOUNT_OPTION,
  format: { type: 'string' },
  window: { type: 'string' },
  template: { type: 'string' },
  used: { type: 'boolean' },
} as const;

/** Kimi Code's payload is a few hundred bytes; a host that sends more is not read further. */
const MAX_STDIN_BYTES = 64 * 1024;
/** After the line is out, how long an open stdin may keep the process: the host's budget
 *  (300 ms in Kimi Code) is for the whole run. */
const STDIN_GRACE_MS = 50;

export interface StatuslineContext {
  readonly env: NodeJS.ProcessEnv;
  readonly now: number;
  /** How to start the background refresh of an account; the real one spawns this CLI, detached. */
  readonly startRefresh?: (configDir: string, accountId: string) => Promise<void>;
}

export async function runStatusline(argv: readonly string[], out: Output, { env, now, startRefresh = spawnRefresh(env) }: StatuslineContext): Promise<number> {
  const stdinDone = drainStdin();
  const { values } = parseCommandArgs(argv, OPTIONS, STATUSLINE_USAGE);
  const format = oneOf('--format', values.format, STATUS_LINE_FORMATS, 'plain');
  const windows = parseWindows(values.window);
  const template = values.template === undefined ? null : checkedTemplate(values.template);

  const { configDir } = resolveAppPaths({ env, platform: process.platform, homedir: env.HOME ?? homedir() });
  const account = lineAccount(configDir, values.account);
  const read = readLineCache(configDir, account.id);
  if (read.kind === 'bad') out.warn(`${read.note}; a refresh will replace it`);
  out.line(renderStatusLine(read, { format, windows, template, mode: values.used ? 'used' : 'left', now, account }));
  if (needsRefresh(read, now)) await startRefresh(configDir, account.id);
  await stdinDone;
  return 0;
}

/** The account `--account` names (an id or a name, as everywhere), else the selected one. */
function lineAccount(configDir: string, name: string | undefined): AccountRef {
  const list = readAccountList(configDir);
  if (name === undefined) return selectedAccount(list);
  const found = findAccount(list, name);
  if (found === undefined) throw unknownAccount(list.accounts);
  return found;
}

function parseWindows(value: string | undefined): WindowId[] | null {
  if (value === undefined) return null;
  const ids = value.split(',').map((id) => id.trim());
  for (const id of ids) oneOf('--window', id, WINDOW_IDS, '5h');
  return ids as WindowId[];
}

function checkedTemplate(text: string): Template {
  const template = parseTemplate(text);
  if (template instanceof Error) throw usageError(`--template: ${template.message}`, STATUSLINE_USAGE);
  return template;
}

/**
 * Starts `kimibar statusline --refresh --release-lock --account ID` in its own session
 * (detached: a host that kills our process group on its deadline, as Kimi Code does, does not
 * take the refresh down), with no stdio tied to ours and not waited for. Only the process that
 * wins the account's lock starts one.
 */
function spawnRefresh(env: NodeJS.ProcessEnv): (configDir: string, accountId: string) => Promise<void> {
  return async (configDir, accountId) => {
    const entry = process.argv[1];
    if (entry === undefined) return;
    if (!tryAcquireRefreshLock(configDir, Date.now(), accountId)) return;
    // A refresh may have finished between reading the cache and taking the lock.
    if (!needsRefresh(readLineCache(configDir, accountId), Date.now())) {
      releaseRefreshLock(configDir, accountId);
      return;
    }
    try {
      // Loaded only here: most runs find the cache fresh, and child_process (with net) is a
      // good part of what a run would otherwise load.
      const { spawn } = await import('node:child_process');
      // By id: a rename between now and the child's start changes nothing.
      const args = [entry, 'statusline', '--refresh', '--release-lock', '--account', accountId];
      const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env, windowsHide: true });
      child.once('error', () => releaseRefreshLock(configDir, accountId));
      child.unref();
    } catch {
      releaseRefreshLock(configDir, accountId);
    }
  };
}

/**
 * Reads and ignores what the host pipes in (Kimi Code's status-line JSON), so its write never
 * meets a closed pipe. Only a pipe or a socket is read — a terminal, a file or /dev/null has no
 * writer to spare, and opening process.stdin costs a run a few milliseconds; a pipe that stays
 * open or floods is left after a short grace or MAX_STDIN_BYTES.
 */
function drainStdin(): Promise<void> {
  if (!stdinIsPipe()) return Promise.resolve();
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let bytes = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const finish = (): void => {
      if (timer !== null) clearTimeout(timer);
      stdin.off('data', onData).off('end', finish).off('error', finish);
      stdin.destroy();
      resolve();
    };
    const onData = (chunk: Buffer | string): void => {
      bytes += chunk.length;
      if (bytes > MAX_STDIN_BYTES) finish();
    };
    stdin.on('data', onData).once('end', finish).once('error', finish);
    // The grace starts now but only matters once the line is printed: reading a cache and
    // formatting a line take a few milliseconds.
    timer = setTimeout(finish, STDIN_GRACE_MS);
  });
}

function stdinIsPipe(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isSocket();
  } catch {
    // No stdin at all (closed by the host): nothing to read.
    return false;
  }
}
