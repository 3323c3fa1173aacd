// The one writer of the snapshot cache and the line file (./cache-file.ts). The app's controller
// and the CLI's refreshes call it where their results land; each write is atomic (a private
// temp file renamed into place, 0600), so a status line reading at any moment sees the old file
// or the new one, never half of one. A failed refresh records its error beside the numbers it
// keeps. Losing a write only makes the next status line older: it never fails a refresh.
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { UsageSnapshot } from '../../../shared/usage.js';
import type { Clock } from '../ports.js';
import { ensureConfigDir } from '../settings/config-dir.js';
import { redactSecrets, type KimiError } from '../errors.js';
import { snapshotCachePath, statusLinePath } from './cache-file.js';
import { refreshLockPath } from './refresh-lock.js';
import { readSnapshotCache, type SnapshotCache } from './snapshot-cache.js';
import { renderStatusLine } from './line.js';

export interface SnapshotCacheWriter {
  recordSuccess(snapshot: UsageSnapshot): void;
  /** Keeps the cached numbers and records the error's kind and a one-line, redacted message. */
  recordFailure(error: KimiError): void;
  /** Redraws the line file from the cache, writing it only when its text changed (the app's
   *  minute tick: countdowns and ages move in whole minutes). */
  refreshLine(): void;
}

export interface SnapshotCacheWriterOptions {
  readonly configDir: string;
  readonly writtenBy: SnapshotCache['writtenBy'];
  readonly clock: Clock;
  /** Whose cache and line file (the first account's without one). */
  readonly accountId?: string;
}

const MAX_ERROR_MESSAGE = 300;

export function createSnapshotCacheWriter({ configDir, writtenBy, clock, accountId }: SnapshotCacheWriterOptions): SnapshotCacheWriter {
  let lastLine: string | null = null;

  function write(cache: SnapshotCache): void {
    if (!writeAtomically(configDir, snapshotCachePath(configDir, accountId), `${JSON.stringify(cache)}\n`)) return;
    writeLine(cache);
  }

  function writeLine(cache: SnapshotCache): void {
    const line = renderStatusLine({ kind: 'ok', cache }, { format: 'plain', windows: null, template: null, mode: 'left', now: clock.now() });
    if (line === lastLine) return;
    if (writeAtomically(configDir, statusLinePath(configDir, accountId), `${line}\n`)) lastLine = line;
  }

  return {
    recordSuccess(snapshot) {
      write({
        format: 'kimibar-snapshot-cache',
        version: 1,
        writtenBy,
        lastAttemptAt: new Date(clock.now()).toISOString(),
        snapshot: { ...snapshot, stale: false, error: null },
        error: null,
      });
    },
    recordFailure(error) {
      // The other program may have cached newer numbers since this one started: keep what is
      // on disk, not what this process last saw.
      const previous = readSnapshotCache(configDir, accountId);
      write({
        format: 'kimibar-snapshot-cache',
        version: 1,
        writtenBy,
        lastAttemptAt: new Date(clock.now()).toISOString(),
        snapshot: previous.kind === 'ok' ? previous.cache.snapshot : null,
        error: { code: error.code, message: oneLineMessage(error.message) },
      });
    },
    refreshLine() {
      const current = readSnapshotCache(configDir, accountId);
      if (current.kind === 'ok') writeLine(current.cache);
    },
  };
}

/**
 * Deletes an account's cache, line file and refresh lock (the account was removed): nothing
 * would ever read or replace them again. What cannot be deleted stays, harmless.
 */
export function deleteAccountCache(configDir: string, accountId: string): void {
  for (const path of [snapshotCachePath(configDir, accountId), statusLinePath(configDir, accountId), refreshLockPath(configDir, accountId)]) {
    try {
      rmSync(path, { force: true });
    } catch {
      // A file that cannot be deleted is only an old number nobody draws.
    }
  }
}

function oneLineMessage(message: string): string {
  return redactSecrets(message.replace(/\p{Cc}+/gu, ' ').trim()).slice(0, MAX_ERROR_MESSAGE);
}

/** Temp file beside the target (same file system), then rename; false when it could not be done. */
function writeAtomically(configDir: string, path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    ensureConfigDir(configDir);
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to do: a stray temp file is harmless.
    }
    return false;
  }
}
