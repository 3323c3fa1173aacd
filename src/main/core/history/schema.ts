// The history database layout and how older files reach it. PRAGMA user_version holds the
// layout version; MIGRATIONS[n] takes a file from version n to n + 1 inside one transaction, so
// a fresh file and a years-old one go through the same steps and end up identical.
import type { Database } from 'better-sqlite3';
import { FIRST_ACCOUNT_ID } from '../../../shared/accounts.js';

type Migration = (db: Database) => void;

const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first layout, one row per refresh per window, times as ISO text.
  (db) => {
    db.exec(`
      CREATE TABLE usage_samples (
        recorded_at TEXT NOT NULL,
        window_id TEXT NOT NULL,
        used_percent REAL NOT NULL,
        used INTEGER,
        "limit" INTEGER,
        resets_at TEXT
      );
      CREATE INDEX usage_samples_window_time ON usage_samples (window_id, recorded_at);
    `);
  },
  // 1 → 2: times in epoch milliseconds (cheap range queries), the source kind, and collapsed
  // runs: identical consecutive samples become one row with first_seen/last_seen/seen_count,
  // so an idle week costs a few rows instead of thousands.
  (db) => {
    db.exec(`
      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        window_id TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        seen_count INTEGER NOT NULL DEFAULT 1,
        used_percent REAL NOT NULL,
        used INTEGER,
        limit_count INTEGER,
        resets_at INTEGER,
        source_kind TEXT
      );
      INSERT INTO samples (window_id, first_seen, last_seen, used_percent, used, limit_count, resets_at)
        SELECT window_id, ms, ms, used_percent, used, "limit", reset_ms
        FROM (
          SELECT window_id, used_percent, used, "limit",
                 CAST(round(unixepoch(recorded_at, 'subsec') * 1000) AS INTEGER) AS ms,
                 CAST(round(unixepoch(resets_at, 'subsec') * 1000) AS INTEGER) AS reset_ms
          FROM usage_samples
        )
        WHERE ms IS NOT NULL
        ORDER BY window_id, ms;
      DROP TABLE usage_samples;
      CREATE INDEX samples_window_time ON samples (window_id, first_seen);
      CREATE INDEX samples_last_seen ON samples (last_seen);
    `);
  },
  // 2 → 3: local usage read from Kimi Code's own session logs (core/stats). One row per log
  // file says how far it was read and how to recognise it again (device, inode, size, the
  // bytes it starts with); its token counts live per local day and model beside it, so a file
  // that is rewritten or replaced can have exactly its own contribution taken back.
  (db) => {
    db.exec(`
      CREATE TABLE stats_files (
        path TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        session_id TEXT NOT NULL,
        project TEXT NOT NULL,
        dev TEXT NOT NULL,
        ino TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        read_to INTEGER NOT NULL,
        head BLOB NOT NULL,
        floor_ms INTEGER,
        last_message_id TEXT
      );
      CREATE TABLE stats_usage (
        path TEXT NOT NULL,
        day TEXT NOT NULL,
        model TEXT NOT NULL,
        input INTEGER NOT NULL,
        output INTEGER NOT NULL,
        cache_read INTEGER NOT NULL,
        cache_creation INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        PRIMARY KEY (path, day, model)
      ) WITHOUT ROWID;
      CREATE INDEX stats_usage_day ON stats_usage (day);
    `);
  },
  // 3 → 4: several accounts. Every sample belongs to one; the rows recorded before there were
  // several belong to the account the one-account settings became (FIRST_ACCOUNT_ID). Adding a
  // column with a default rewrites no row, so nothing can be lost on the way. The window index
  // gains the account in front: every read and every collapse is within one account's window.
  // `kimibar history` without --window reads an account's rows by last_seen: through the window
  // index it would look up the account's whole 90 days to keep 7 (3× slower on a worst-case
  // file, bench/history.bench.ts), so it has an index of its own (+2.5 MiB on that file).
  // samples_last_seen stays for the prune, which spans every account. The local-stats tables
  // are the machine's (Kimi Code's logs), not an account's: untouched.
  (db) => {
    db.exec(`
      ALTER TABLE samples ADD COLUMN account_id TEXT NOT NULL DEFAULT '${FIRST_ACCOUNT_ID}';
      DROP INDEX IF EXISTS samples_window_time;
      CREATE INDEX samples_account_window_time ON samples (account_id, window_id, first_seen);
      CREATE INDEX samples_account_last_seen ON samples (account_id, last_seen);
    `);
  },
];

export const HISTORY_SCHEMA_VERSION = MIGRATIONS.length;

export type MigrationOutcome = 'current' | 'migrated' | 'newer';

/**
 * Brings `db` to the current layout; a file from a newer KimiBar is reported, not touched.
 * Each step re-reads the version inside its write transaction, so the app and the CLI opening
 * the same old file at once migrate it once.
 */
export function migrate(db: Database): MigrationOutcome {
  const start = readVersion(db);
  if (start > HISTORY_SCHEMA_VERSION) return 'newer';
  if (start === HISTORY_SCHEMA_VERSION) return 'current';
  const step = db.transaction((): boolean => {
    const version = readVersion(db);
    const migration = MIGRATIONS[version];
    if (!migration) return false;
    migration(db);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  let migrated = true;
  while (migrated) migrated = step.immediate();
  return 'migrated';
}

export function readVersion(db: Database): number {
  const version = db.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}

/** Throws unless the current layout's table is there with every column: a file may claim a
 * version it does not have. */
export function verifyLayout(db: Database): void {
  db.prepare(
    'SELECT id, account_id, window_id, first_seen, last_seen, seen_count, used_percent, used, limit_count, resets_at, source_kind FROM samples LIMIT 0',
  ).all();
  db.prepare('SELECT path, source, session_id, project, dev, ino, size, mtime_ms, read_to, head, floor_ms, last_message_id FROM stats_files LIMIT 0').all();
  db.prepare('SELECT path, day, model, input, output, cache_read, cache_creation, requests FROM stats_usage LIMIT 0').all();
}
