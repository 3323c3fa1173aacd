// One background refresh at a time across every process: Kimi Code runs its status line every
// second, tmux and Waybar on their own intervals, each a separate `kimibar statusline`, and all
// of them find the same stale cache. The first to create the lock file (O_EXCL: the file system
// decides who was first) starts the refresh; the refresh removes the lock when it is done. A
// lock left behind by a refresh that died is taken over once it is older than any refresh can
// run, so a crash delays the next refresh, never stops them. Each account has its own lock (the
// first account's keeps the old name): one account's refresh never holds back another's line.
import { closeSync, constants, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_ACCOUNT_ID, perAccountName } from '../../../shared/accounts.js';
import { ensureConfigDir } from '../settings/config-dir.js';

export const REFRESH_LOCK_FILE = 'statusline-refresh.lock';

/** Longer than one refresh can take (Auto may try four sources, each with its own 30 s
 *  request limit), so a live refresh is never taken over. */
export const REFRESH_LOCK_STALE_MS = 3 * 60_000;

export function refreshLockPath(configDir: string, accountId: string = FIRST_ACCOUNT_ID): string {
  return join(configDir, perAccountName(REFRESH_LOCK_FILE, accountId));
}

/** True when this process now holds the lock (and must see that it is released). */
export function tryAcquireRefreshLock(configDir: string, now: number, accountId?: string): boolean {
  const path = refreshLockPath(configDir, accountId);
  try {
    ensureConfigDir(configDir);
  } catch {
    return false;
  }
  if (create(path, now)) return true;
  if (!isStale(path, now)) return false;
  // Moving the stale lock aside is atomic: of several processes that found it stale, one
  // rename succeeds and the others find no file to move and give up.
  // The global Web Crypto, not `node:crypto`: Node loads it on first use, so the status line,
  // which imports this module every second and rarely finds a stale lock, does not pay for it.
  const aside = `${path}.stale-${process.pid}-${globalThis.crypto.randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return false;
  }
  try {
    rmSync(aside, { force: true });
  } catch {
    // A leftover stale copy is harmless.
  }
  return create(path, now);
}

export function releaseRefreshLock(configDir: string, accountId?: string): void {
  try {
    rmSync(refreshLockPath(configDir, accountId), { force: true });
  } catch {
    // Left behind, it is taken over once stale.
  }
}

function create(path: string, now: number): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  } catch {
    return false;
  }
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid, at: new Date(now).toISOString() })}\n`);
  } catch {
    // The lock is the file's existence; its text only helps a person reading it.
  } finally {
    closeSync(fd);
  }
  return true;
}

function isStale(path: string, now: number): boolean {
  try {
    return now - statSync(path).mtimeMs > REFRESH_LOCK_STALE_MS;
  } catch {
    // Gone in the meantime: the refresh finished; the next status line decides again.
    return false;
  }
}
