// Snapshots for history tests: only the fields history reads vary. And a damaged database.
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { FIRST_ACCOUNT_ID } from '../../../src/shared/accounts.js';
import type { SourceKind, UsageSnapshot, UsageWindow } from '../../../src/shared/usage.js';

export const T0 = Date.parse('2026-11-24T10:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The account most tests record for: the first one (what a one-account KimiBar became). */
export const ACCOUNT = FIRST_ACCOUNT_ID;
/** A second account, for what must stay apart. */
export const OTHER = 'work2';

export interface WindowSample {
  readonly id: UsageWindow['id'];
  readonly usedPercent: number;
  readonly used?: number;
  readonly limit?: number;
  readonly resetsAt?: number;
}

export function snapshotAt(time: number, windows: readonly WindowSample[], options: { stale?: boolean; source?: SourceKind } = {}): UsageSnapshot {
  return {
    source: { kind: options.source ?? 'api-key', label: 'Kimi Code API key' },
    plan: 'Moderato',
    updatedAt: new Date(time).toISOString(),
    stale: options.stale ?? false,
    windows: windows.map((w) => ({
      id: w.id,
      title: w.id,
      usedPercent: w.usedPercent,
      ...(w.used === undefined ? {} : { used: w.used }),
      ...(w.limit === undefined ? {} : { limit: w.limit }),
      ...(w.resetsAt === undefined ? {} : { resetsAt: new Date(w.resetsAt).toISOString() }),
      pace: null,
    })),
    error: null,
  };
}

/** A clock tests move by hand. */
export function manualClock(start: number): { now: () => number; set: (ms: number) => void } {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms) };
}

/**
 * Damage only SQLite's quick_check finds: a table KimiBar never reads is added and its root
 * page overwritten with garbage, so opening, the layout check, reads and writes all still work.
 */
export function damageUnreadPage(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = DELETE'); // everything in the main file, no WAL beside it
  db.exec("CREATE TABLE never_read (x TEXT); INSERT INTO never_read VALUES ('x')");
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get('never_read') as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
