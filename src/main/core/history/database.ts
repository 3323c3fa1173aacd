// Opening history.sqlite so that the app always gets a working database: a corrupt file is
// moved aside (never deleted) and a new one started; a file from a newer KimiBar is left alone;
// when the folder cannot hold a database at all, history lives in memory for the session.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from '../sqlite.js';
import { moveAside } from '../settings/move-aside.js';
import type { HistoryNotice, HistoryNoticeReason } from './notice.js';
import { HISTORY_SCHEMA_VERSION, migrate, readVersion, verifyLayout } from './schema.js';

/** The app and the CLI share the file; a writer waits this long for the other's lock. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** False when history is kept in memory for this session only. */
  readonly persistent: boolean;
  readonly notices: readonly HistoryNotice[];
}

class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
}

class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError';
}

/**
 * `checkIntegrity` runs SQLite's quick_check, which reads every page (26 ms on 90 days of
 * history): the app, open for hours, does it; a CLI command, started every second by a status
 * line, leaves it to the app and still meets damage where it reads or writes (then it is moved
 * aside all the same).
 */
export function openHistoryDatabase(path: string, nowMs: number, busyTimeoutMs = BUSY_TIMEOUT_MS, checkIntegrity = true): OpenedDatabase {
  const openFile = (): Database.Database => openWaiting(path, busyTimeoutMs, checkIntegrity);
  try {
    return { db: openFile(), persistent: true, notices: [] };
  } catch (error) {
    if (error instanceof NewerDatabaseError) {
      return inMemory([notice('newer-version', null, 'The history file is from a newer KimiBar; it is left untouched and history is kept for this session only.')]);
    }
    if (!isCorruption(error)) return inMemory([unavailable(error, path)]);
    let backupPath: string;
    try {
      backupPath = moveDatabaseAside(path, nowMs);
    } catch (moveError) {
      return inMemory([unavailable(moveError, path)]);
    }
    const moved = notice('corrupt', backupPath, `The history file was damaged; it was moved to ${backupPath} and a new one was started.`);
    try {
      return { db: openFile(), persistent: true, notices: [moved] };
    } catch (reopenError) {
      return inMemory([moved, unavailable(reopenError, path)]);
    }
  }
}

/** SQLite's word for "this file is damaged", or our own quick_check verdict. */
export function isCorruption(error: unknown): boolean {
  if (error instanceof CorruptDatabaseError) return true;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** Moves the database and its WAL sidecars aside together; returns the main file's new path. */
export function moveDatabaseAside(path: string, nowMs: number): string {
  const backup = moveAside(path, nowMs);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) moveAside(path + suffix, nowMs);
  }
  return backup;
}

/**
 * SQLite gives up at once, without waiting out the busy timeout, when a connection that has
 * read the file must upgrade to writing while another process writes — which is what switching
 * a new file to WAL does. Twenty `kimibar usage` started together on a fresh file hit that, so a
 * busy open is tried again until the busy timeout has passed, instead of falling back to memory.
 */
function openWaiting(path: string, busyTimeoutMs: number, checkIntegrity: boolean): Database.Database {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return openPersistent(path, busyTimeoutMs, checkIntegrity);
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      sleepSync(Math.min(50, 2 ** attempt, deadline - Date.now()));
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Opening is synchronous (better-sqlite3), like SQLite's own busy wait. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}

function openPersistent(path: string, busyTimeoutMs: number, checkIntegrity: boolean): Database.Database {
  const db = openSqlite(path, { timeout: busyTimeoutMs });
  try {
    if (checkIntegrity && db.pragma('quick_check', { simple: true }) !== 'ok') throw new CorruptDatabaseError('quick_check failed');
    // Checked before anything is written: switching to WAL would already change a newer file.
    if (readVersion(db) > HISTORY_SCHEMA_VERSION) throw new NewerDatabaseError('newer layout');
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL sync loses at most the last refresh on power loss, never the file.
    db.pragma('synchronous = NORMAL');
    if (migrateChecked(db) === 'newer') throw new NewerDatabaseError('newer layout');
    try {
      verifyLayout(db);
    } catch {
      throw new CorruptDatabaseError('unexpected layout');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A step that fails with a plain SQL error (no such table or column, a name already taken) met
 * a file whose layout is not the one its version claims: damaged, as far as KimiBar can tell.
 * The step's transaction has left the file exactly as it was, and it is moved aside like any
 * damaged file. A full disk, a read-only file or a lock is not damage and stays what it is.
 */
function migrateChecked(db: Database.Database): ReturnType<typeof migrate> {
  try {
    return migrate(db);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'SQLITE_ERROR') throw new CorruptDatabaseError('layout does not match its version');
    throw error;
  }
}

function inMemory(notices: HistoryNotice[]): OpenedDatabase {
  const db = openSqlite(':memory:');
  migrate(db);
  return { db, persistent: false, notices };
}

function unavailable(error: unknown, path: string): HistoryNotice {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
  return notice('unavailable', null, `The history file ${path} cannot be used (${code}); usage history is kept in memory only and is lost on exit.`);
}

function notice(reason: HistoryNoticeReason, backupPath: string | null, message: string): HistoryNotice {
  return { reason, backupPath, message };
}
