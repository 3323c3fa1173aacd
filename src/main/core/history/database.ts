// Opening history.sqlite so that the app always gets a working database: a corrupt file is
// moved aside (never deleted) and a new one started; a file from a newer KimiBar is left alone;
// when the folder cannot hold a database at all, history lives in memory for the session.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { moveAside } from '../settings/move-aside.js';
import { HISTORY_SCHEMA_VERSION, migrate, readVersion, verifyLayout } from './schema.js';

/** The app and the CLI share the file; a writer waits this long for the other's lock. */
export const BUSY_TIMEOUT_MS = 5000;

export type HistoryNoticeReason = 'corrupt' | 'newer-version' | 'unavailable' | 'failed';

export interface HistoryNotice {
  readonly reason: HistoryNoticeReason;
  /** Where the bad file now is, when it was moved. */
  readonly backupPath: string | null;
  readonly message: string;
}

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

export function openHistoryDatabase(path: string, nowMs: number): OpenedDatabase {
  try {
    return { db: openFile(path), persistent: true, notices: [] };
  } catch (error) {
    if (error instanceof NewerDatabaseError) {
      return inMemory([notice('newer-version', null, 'The history file is from a newer KimiBar; it is left untouched and history is kept for this session only.')]);
    }
    if (!isCorruption(error)) return inMemory([unavailable(error)]);
    let backupPath: string;
    try {
      backupPath = moveDatabaseAside(path, nowMs);
    } catch (moveError) {
      return inMemory([unavailable(moveError)]);
    }
    const moved = notice('corrupt', backupPath, `The history file was damaged; it was moved to ${backupPath} and a new one was started.`);
    try {
      return { db: openFile(path), persistent: true, notices: [moved] };
    } catch (reopenError) {
      return inMemory([moved, unavailable(reopenError)]);
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

function openFile(path: string): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CorruptDatabaseError('quick_check failed');
    // Checked before anything is written: switching to WAL would already change a newer file.
    if (readVersion(db) > HISTORY_SCHEMA_VERSION) throw new NewerDatabaseError('newer layout');
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL sync loses at most the last refresh on power loss, never the file.
    db.pragma('synchronous = NORMAL');
    if (migrate(db) === 'newer') throw new NewerDatabaseError('newer layout');
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

function inMemory(notices: HistoryNotice[]): OpenedDatabase {
  const db = new Database(':memory:');
  migrate(db);
  return { db, persistent: false, notices };
}

function unavailable(error: unknown): HistoryNotice {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
  return notice('unavailable', null, `The history file cannot be used (${code}); history is kept for this session only.`);
}

function notice(reason: HistoryNoticeReason, backupPath: string | null, message: string): HistoryNotice {
  return { reason, backupPath, message };
}
