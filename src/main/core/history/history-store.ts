// Usage history: every successful refresh of every window of every account, in history.sqlite
// beside config.json, shared by the app and the CLI. Each row belongs to one account (its id,
// never its name, which the user may change): recording, reading and forgetting are per account. Identical consecutive samples are collapsed into
// one row (first_seen → last_seen, seen_count = how many refreshes saw them), rows older than
// 90 days are pruned, and the queries return what the charts and `kimibar history` need. Only
// numbers, window ids and source kinds are stored: never a token, a label or a response.
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import * as z from '../../../shared/zod.js';
import { AccountIdSchema, type AccountId } from '../../../shared/settings.js';
import { SourceKindSchema, UsageSnapshotSchema, WindowIdSchema, type UsageSnapshot, type WindowId } from '../../../shared/usage.js';
import type { Clock } from '../ports.js';
import { ensureConfigDir } from '../settings/config-dir.js';
import { isCorruption, moveDatabaseAside, openHistoryDatabase } from './database.js';
import type { HistoryNotice } from './notice.js';
import { downsampleMinMax } from './downsample.js';

export const HISTORY_FILE_NAME = 'history.sqlite';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const RETENTION_MS = 90 * DAY_MS;
/** A longer silence (app closed, machine asleep) starts a new row, so charts show the gap. */
const MAX_COLLAPSE_GAP_MS = 2 * HOUR_MS;
/** Servers report the same reset a few ms apart from one refresh to the next. */
const SAME_RESET_MS = 60_000;
/**
 * Each kind of trouble is reported once per session, and never more than this many notices:
 * a locked file fails every refresh, and the user needs to hear it once, not a list that
 * grows with every refresh.
 */
const MAX_NOTICES = 8;

/** A stored row: one sample, or a run of identical consecutive ones. Times in epoch ms. */
export const HistoryEntrySchema = z.object({
  windowId: WindowIdSchema,
  firstSeen: z.number().check(z.int()),
  lastSeen: z.number().check(z.int()),
  count: z.number().check(z.int(), z.positive()),
  usedPercent: z.number().check(z.gte(0), z.lte(100)),
  used: z.nullable(z.number().check(z.int(), z.nonnegative())),
  limit: z.nullable(z.number().check(z.int(), z.positive())),
  resetsAt: z.nullable(z.number().check(z.int())),
  /** Null for rows migrated from the first layout, which did not record it. */
  sourceKind: z.nullable(SourceKindSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** One point of a chart: the used percent at `time`, with the counts and reset seen then. */
export interface HistoryPoint {
  readonly time: number;
  readonly value: number;
  readonly used: number | null;
  readonly limit: number | null;
  readonly resetsAt: number | null;
}

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export interface HistoryStore {
  readonly path: string;
  /** False when history is kept in memory for this session (see takeNotices). */
  readonly persistent: boolean;
  /**
   * Records one successful refresh of an account: every call counts once, whatever order calls
   * from several processes arrive in. Stale snapshots are not refreshes and are ignored. Never
   * throws.
   */
  record(snapshot: UsageSnapshot, accountId: AccountId): void;
  /** An account's used percent over time for drawing: at most maxPoints points, spikes kept. */
  samples(accountId: AccountId, windowId: WindowId, range: TimeRange & { readonly maxPoints: number }): HistoryPoint[];
  /** An account's stored rows, oldest first, for `kimibar history`. */
  entries(accountId: AccountId, query: TimeRange & { readonly windowId?: WindowId }): HistoryEntry[];
  /** Deletes rows older than 90 days, of every account; returns how many. */
  prune(): number;
  /** Deletes every row of an account (it was removed); returns how many. */
  forgetAccount(accountId: AccountId): number;
  /** Deletes every account's rows. The local-stats tables in the same file are left alone. */
  clear(): void;
  close(): void;
  /** What went wrong with the file since the last call (moved aside, memory only, a write
   *  that failed): each kind once per session. */
  takeNotices(): HistoryNotice[];
}

export interface OpenHistoryOptions {
  readonly dir: string;
  readonly clock: Clock;
  /** How long a writer waits for another process's lock; BUSY_TIMEOUT_MS by default. */
  readonly busyTimeoutMs?: number;
  /** SQLite's quick_check on open (./database.ts); on unless a short-lived process says otherwise. */
  readonly checkIntegrity?: boolean;
}

const ENTRY_COLUMNS = `window_id AS windowId, first_seen AS firstSeen, last_seen AS lastSeen,
  seen_count AS count, used_percent AS usedPercent, used, limit_count AS "limit",
  resets_at AS resetsAt, source_kind AS sourceKind`;

/** Every statement that reads or collapses rows takes the account id first: rows of one
 *  account never meet another's (samples_account_window_time serves them). */
interface Statements {
  /** The row of an account's window that starts at or before a time, and the one after it. */
  atOrBefore: Statement<[string, string, number]>;
  after: Statement<[string, string, number]>;
  count: Statement<[number]>;
  extendEnd: Statement<[number, number]>;
  extendStart: Statement<[number, number]>;
  insert: Statement<[string, string, number, number, number, number | null, number | null, number | null, string]>;
  inRange: Statement<[string, string, number, number]>;
  before: Statement<[string, string, number]>;
  pointsInRange: Statement<[string, string, number, number]>;
  pointsBefore: Statement<[string, string, number]>;
  allInRange: Statement<[string, number, number]>;
  prune: Statement<[number]>;
  forget: Statement<[string]>;
  clear: Statement<[]>;
}

const POINT_COLUMNS = 'first_seen, last_seen, used_percent, used, limit_count, resets_at';
const PointRowSchema = z.tuple([
  z.number().check(z.int()),
  z.number().check(z.int()),
  z.number().check(z.gte(0), z.lte(100)),
  z.nullable(z.number().check(z.int(), z.nonnegative())),
  z.nullable(z.number().check(z.int(), z.positive())),
  z.nullable(z.number().check(z.int())),
]);

const StoredRowSchema = z.extend(HistoryEntrySchema, { id: z.number().check(z.int()) });

export function openHistory({ dir, clock, busyTimeoutMs, checkIntegrity }: OpenHistoryOptions): HistoryStore {
  const path = join(dir, HISTORY_FILE_NAME);
  let notices: HistoryNotice[] = [];
  const reported = new Set<string>();
  let db!: Database;
  let statements!: Statements;
  let persistent = false;
  let lastPruneAt = Number.NEGATIVE_INFINITY;

  function connect(): void {
    try {
      ensureConfigDir(dir);
    } catch {
      // openHistoryDatabase reports the unusable folder and falls back to memory.
    }
    const opened = openHistoryDatabase(path, clock.now(), busyTimeoutMs, checkIntegrity);
    db = opened.db;
    persistent = opened.persistent;
    for (const notice of opened.notices) report(notice);
    statements = prepare(db);
  }

  /** Queues a notice unless its kind was already reported this session (see MAX_NOTICES).
   *  Every move aside is its own event, with its own backup to point at. */
  function report(notice: HistoryNotice): void {
    const kind = notice.reason === 'corrupt' ? `corrupt ${notice.backupPath ?? ''}` : notice.reason;
    if (reported.has(kind) || reported.size >= MAX_NOTICES) return;
    reported.add(kind);
    notices.push(notice);
  }

  /**
   * Runs `work`; history must never break a refresh or a screen, so a failure becomes a notice
   * and `fallback`. A database found damaged mid-session is moved aside and a new one started.
   */
  function guarded<T>(task: string, work: () => T, fallback: T): T {
    try {
      return work();
    } catch (error) {
      if (!isCorruption(error)) {
        report({ reason: task === 'reading' ? 'read-failed' : 'failed', backupPath: null, message: `History ${task} failed (${errorCode(error)}).` });
      } else if (persistent) {
        db.close();
        try {
          const backupPath = moveDatabaseAside(path, clock.now());
          report({ reason: 'corrupt', backupPath, message: `The history file was damaged; it was moved to ${backupPath} and a new one was started.` });
        } catch {
          // openHistoryDatabase below reports what it finds.
        }
        connect();
      }
      return fallback;
    }
  }

  /**
   * Runs inside one IMMEDIATE transaction, so the read-compare-write cannot interleave with
   * another process's. A refresh joins the run of identical samples it falls in or next to —
   * also when it arrives after later ones (parallel refreshes finish in any order) — and
   * otherwise starts a row of its own; either way it adds exactly one to the count.
   */
  function recordWindows(snapshot: UsageSnapshot, accountId: AccountId, time: number): void {
    for (const window of snapshot.windows) {
      const sample: Sample = {
        usedPercent: window.usedPercent,
        used: window.used ?? null,
        limit: window.limit ?? null,
        resetsAt: window.resetsAt ? Date.parse(window.resetsAt) : null,
        sourceKind: snapshot.source.kind,
      };
      const before = parseRow(statements.atOrBefore.get(accountId, window.id, time));
      if (before && sameSample(before, sample)) {
        if (time <= before.lastSeen) {
          statements.count.run(before.id);
          continue;
        }
        if (time - before.lastSeen <= MAX_COLLAPSE_GAP_MS) {
          statements.extendEnd.run(time, before.id);
          continue;
        }
      }
      const after = parseRow(statements.after.get(accountId, window.id, time));
      const clear = !before || before.lastSeen < time;
      if (clear && after && sameSample(after, sample) && after.firstSeen - time <= MAX_COLLAPSE_GAP_MS) {
        statements.extendStart.run(time, after.id);
        continue;
      }
      statements.insert.run(accountId, window.id, time, time, sample.usedPercent, sample.used, sample.limit, sample.resetsAt, snapshot.source.kind);
    }
  }

  function prune(): number {
    return guarded('pruning', () => {
      lastPruneAt = clock.now();
      return statements.prune.run(lastPruneAt - RETENTION_MS).changes;
    }, 0);
  }

  function windowEntries(accountId: AccountId, windowId: WindowId, { from, to }: TimeRange): HistoryEntry[] {
    // Rows of one window follow each other in time, so only the last row starting before
    // `from` can reach into the range.
    const before = parseEntries(statements.before.all(accountId, windowId, from)).filter((row) => row.lastSeen >= from);
    return [...before, ...parseEntries(statements.inRange.all(accountId, windowId, from, to))];
  }

  connect();
  prune();

  return {
    path,
    get persistent() {
      return persistent;
    },
    record(input, account) {
      const parsed = UsageSnapshotSchema.safeParse(input);
      const accountId = AccountIdSchema.safeParse(account);
      if (!parsed.success || !accountId.success) {
        report({ reason: 'failed', backupPath: null, message: 'History writing skipped a snapshot that does not fit the usage schema or names no valid account.' });
        return;
      }
      const snapshot = parsed.data;
      if (snapshot.stale) return;
      const time = Date.parse(snapshot.updatedAt);
      guarded('writing', () => db.transaction(() => recordWindows(snapshot, accountId.data, time)).immediate(), undefined);
      if (clock.now() - lastPruneAt >= HOUR_MS) prune();
    },
    samples(accountId, windowId, { from, to, maxPoints }) {
      return guarded(
        'reading',
        () => {
          const rows = [...statements.pointsBefore.all(accountId, windowId, from), ...statements.pointsInRange.all(accountId, windowId, from, to)];
          return downsampleMinMax(toPoints(rows, { from, to }), maxPoints);
        },
        [],
      );
    },
    entries(accountId, { windowId, from, to }) {
      return guarded(
        'reading',
        () => (windowId ? windowEntries(accountId, windowId, { from, to }) : parseEntries(statements.allInRange.all(accountId, from, to))),
        [],
      );
    },
    prune,
    forgetAccount(accountId) {
      return guarded('clearing', () => statements.forget.run(accountId).changes, 0);
    },
    clear() {
      guarded('clearing', () => statements.clear.run(), undefined);
    },
    close() {
      db.close();
    },
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
  };
}

function prepare(db: Database): Statements {
  return {
    atOrBefore: db.prepare(
      `SELECT id, ${ENTRY_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen <= ? ORDER BY first_seen DESC, id DESC LIMIT 1`,
    ),
    after: db.prepare(`SELECT id, ${ENTRY_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen > ? ORDER BY first_seen, id LIMIT 1`),
    count: db.prepare('UPDATE samples SET seen_count = seen_count + 1 WHERE id = ?'),
    extendEnd: db.prepare('UPDATE samples SET last_seen = ?, seen_count = seen_count + 1 WHERE id = ?'),
    extendStart: db.prepare('UPDATE samples SET first_seen = ?, seen_count = seen_count + 1 WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO samples (account_id, window_id, first_seen, last_seen, used_percent, used, limit_count, resets_at, source_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    inRange: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`,
    ),
    before: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen < ? ORDER BY first_seen DESC, id DESC LIMIT 1`,
    ),
    // Charts read many rows: only the three columns they draw, as arrays.
    pointsInRange: db
      .prepare(`SELECT ${POINT_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`)
      .raw(),
    pointsBefore: db
      .prepare(`SELECT ${POINT_COLUMNS} FROM samples WHERE account_id = ? AND window_id = ? AND first_seen < ? ORDER BY first_seen DESC, id DESC LIMIT 1`)
      .raw(),
    allInRange: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM samples WHERE account_id = ? AND last_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`,
    ),
    prune: db.prepare('DELETE FROM samples WHERE last_seen < ?'),
    forget: db.prepare('DELETE FROM samples WHERE account_id = ?'),
    clear: db.prepare('DELETE FROM samples'),
  };
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'error';
}

/** Rows from the file are outside input: a row that does not fit the schema is skipped. */
function parseEntries(rows: unknown[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    const parsed = HistoryEntrySchema.safeParse(row);
    if (parsed.success && parsed.data.lastSeen >= parsed.data.firstSeen) entries.push(parsed.data);
  }
  return entries;
}

type Sample = Pick<HistoryEntry, 'usedPercent' | 'used' | 'limit' | 'resetsAt' | 'sourceKind'>;

/** A stored row to collapse into; one that does not fit the schema is never extended. */
function parseRow(row: unknown): z.infer<typeof StoredRowSchema> | null {
  const parsed = StoredRowSchema.safeParse(row);
  return parsed.success && parsed.data.lastSeen >= parsed.data.firstSeen ? parsed.data : null;
}

function sameSample(row: Sample, sample: Sample): boolean {
  return (
    Math.abs(row.usedPercent - sample.usedPercent) < 1e-9 &&
    row.used === sample.used &&
    row.limit === sample.limit &&
    row.sourceKind === sample.sourceKind &&
    sameReset(row.resetsAt, sample.resetsAt, SAME_RESET_MS)
  );
}

function sameReset(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance;
}

/**
 * A collapsed row is a flat run: it draws as its two ends, clipped to the range. Rows come from
 * the file, so one that does not fit the schema is skipped. A refresh that landed inside
 * another run (parallel refreshes that saw different numbers) overlaps it, so the points are
 * put in time order.
 */
function toPoints(rows: readonly unknown[], { from, to }: TimeRange): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (const row of rows) {
    const parsed = PointRowSchema.safeParse(row);
    if (!parsed.success) continue;
    const [firstSeen, lastSeen, value, used, limit, resetsAt] = parsed.data;
    const start = Math.max(firstSeen, from);
    const end = Math.min(lastSeen, to);
    if (start > end) continue;
    out.push({ time: start, value, used, limit, resetsAt });
    if (end > start) out.push({ time: end, value, used, limit, resetsAt });
  }
  return out.sort((a, b) => a.time - b.time);
}
