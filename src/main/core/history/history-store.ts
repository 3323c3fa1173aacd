// Usage history: one row per successful refresh per window in
// history.sqlite beside config.json, shared by the app and the CLI. Identical consecutive
// samples are collapsed into one row (first_seen → last_seen, seen_count), rows older than 90
// days are pruned, and the queries return what charts and `kimibar history` need. Only numbers,
// window ids and source kinds are stored: never a token, a label or a response.
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { SourceKindSchema, UsageSnapshotSchema, WindowIdSchema, type UsageSnapshot, type WindowId } from '../../../shared/usage.js';
import type { Clock } from '../ports.js';
import { ensureConfigDir } from '../settings/config-dir.js';
import { isCorruption, moveDatabaseAside, openHistoryDatabase, type HistoryNotice } from './database.js';
import { downsampleMinMax } from './downsample.js';

export const HISTORY_FILE_NAME = 'history.sqlite';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const RETENTION_MS = 90 * DAY_MS;
/** A longer silence (app closed, machine asleep) starts a new row, so charts show the gap. */
const MAX_COLLAPSE_GAP_MS = 2 * HOUR_MS;
/** Servers report the same reset a few ms apart from one refresh to the next. */
const SAME_RESET_MS = 60_000;
/** Reset times further apart than this belong to different periods (the same 5 minutes the usage
 *  mapping allows when it matches a ratio pool with a counted row). */
const SAME_PERIOD_MS = 5 * 60_000;
/** A rate from less than this much data is noise. */
const MIN_RATE_SPAN_MS = 5 * 60_000;
const DEFAULT_MAX_POINTS = 500;

/** A stored row: one sample, or a run of identical consecutive ones. Times in epoch ms. */
export const HistoryEntrySchema = z.object({
  windowId: WindowIdSchema,
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  count: z.number().int().positive(),
  usedPercent: z.number().min(0).max(100),
  used: z.number().int().nonnegative().nullable(),
  limit: z.number().int().positive().nullable(),
  resetsAt: z.number().int().nullable(),
  /** Null for rows migrated from the first layout, which did not record it. */
  sourceKind: SourceKindSchema.nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export interface HistoryPoint {
  readonly time: number;
  readonly value: number;
}

/** One reset period of a window (rows sharing a reset time). */
export interface UsagePeriod {
  readonly resetsAt: number | null;
  readonly from: number;
  readonly to: number;
  readonly peakPercent: number;
  /** Mean of the refreshes seen in the period. */
  readonly averagePercent: number;
  readonly samples: number;
}

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export interface HistoryStore {
  readonly path: string;
  /** False when history is kept in memory for this session (see takeNotices). */
  readonly persistent: boolean;
  /** Records a successful refresh; stale snapshots are not refreshes and are ignored. Never throws. */
  record(snapshot: UsageSnapshot): void;
  /** Used percent over time for drawing: at most maxPoints points, spikes kept. */
  samples(windowId: WindowId, range: TimeRange & { readonly maxPoints?: number }): HistoryPoint[];
  periods(windowId: WindowId, range: TimeRange): UsagePeriod[];
  /** Percent per hour over the last hour since the latest reset; null without enough data. */
  rateLastHour(windowId: WindowId): number | null;
  /** Stored rows, oldest first, for `kimibar history`. */
  entries(query: TimeRange & { readonly windowId?: WindowId }): HistoryEntry[];
  /** Deletes rows older than 90 days; returns how many. */
  prune(): number;
  clear(): void;
  close(): void;
  /** What went wrong with the file since the last call (moved aside, memory only). */
  takeNotices(): HistoryNotice[];
}

export interface OpenHistoryOptions {
  readonly dir: string;
  readonly clock: Clock;
}

const ENTRY_COLUMNS = `window_id AS windowId, first_seen AS firstSeen, last_seen AS lastSeen,
  seen_count AS count, used_percent AS usedPercent, used, limit_count AS "limit",
  resets_at AS resetsAt, source_kind AS sourceKind`;

interface Statements {
  latest: Statement<[string]>;
  extend: Statement<[number, number]>;
  insert: Statement<[string, number, number, number, number | null, number | null, number | null, string]>;
  inRange: Statement<[string, number, number]>;
  before: Statement<[string, number]>;
  pointsInRange: Statement<[string, number, number]>;
  pointsBefore: Statement<[string, number]>;
  allInRange: Statement<[number, number]>;
  prune: Statement<[number]>;
  clear: Statement<[]>;
}

const POINT_COLUMNS = 'first_seen, last_seen, used_percent';
const PointRowSchema = z.tuple([z.number().int(), z.number().int(), z.number().min(0).max(100)]);

const LatestRowSchema = HistoryEntrySchema.extend({ id: z.number().int() });

export function openHistory({ dir, clock }: OpenHistoryOptions): HistoryStore {
  const path = join(dir, HISTORY_FILE_NAME);
  let notices: HistoryNotice[] = [];
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
    const opened = openHistoryDatabase(path, clock.now());
    db = opened.db;
    persistent = opened.persistent;
    notices.push(...opened.notices);
    statements = prepare(db);
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
        notices.push({ reason: 'failed', backupPath: null, message: `History ${task} failed (${errorCode(error)}).` });
      } else if (persistent) {
        db.close();
        try {
          const backupPath = moveDatabaseAside(path, clock.now());
          notices.push({ reason: 'corrupt', backupPath, message: `The history file was damaged; it was moved to ${backupPath} and a new one was started.` });
        } catch {
          // openHistoryDatabase below reports what it finds.
        }
        connect();
      }
      return fallback;
    }
  }

  function recordWindows(snapshot: UsageSnapshot, time: number): void {
    for (const window of snapshot.windows) {
      const sample = {
        usedPercent: window.usedPercent,
        used: window.used ?? null,
        limit: window.limit ?? null,
        resetsAt: window.resetsAt ? Date.parse(window.resetsAt) : null,
        sourceKind: snapshot.source.kind,
      };
      const latest = LatestRowSchema.safeParse(statements.latest.get(window.id));
      if (latest.success && sameSample(latest.data, sample)) {
        const row = latest.data;
        if (time >= row.firstSeen && time <= row.lastSeen) continue; // the same refresh, seen twice
        if (time > row.lastSeen && time - row.lastSeen <= MAX_COLLAPSE_GAP_MS) {
          statements.extend.run(time, row.id);
          continue;
        }
      }
      statements.insert.run(window.id, time, time, sample.usedPercent, sample.used, sample.limit, sample.resetsAt, sample.sourceKind);
    }
  }

  function prune(): number {
    return guarded('pruning', () => {
      lastPruneAt = clock.now();
      return statements.prune.run(lastPruneAt - RETENTION_MS).changes;
    }, 0);
  }

  function windowEntries(windowId: WindowId, { from, to }: TimeRange): HistoryEntry[] {
    // Rows of one window follow each other in time, so only the last row starting before
    // `from` can reach into the range.
    const before = parseEntries(statements.before.all(windowId, from)).filter((row) => row.lastSeen >= from);
    return [...before, ...parseEntries(statements.inRange.all(windowId, from, to))];
  }

  function points(windowId: WindowId, range: TimeRange): HistoryPoint[] {
    return guarded(
      'reading',
      () => {
        const rows = [...statements.pointsBefore.all(windowId, range.from), ...statements.pointsInRange.all(windowId, range.from, range.to)];
        return toPoints(rows, range);
      },
      [],
    );
  }

  connect();
  prune();

  return {
    path,
    get persistent() {
      return persistent;
    },
    record(input) {
      const parsed = UsageSnapshotSchema.safeParse(input);
      if (!parsed.success) {
        notices.push({ reason: 'failed', backupPath: null, message: 'History writing skipped a snapshot that does not fit the usage schema.' });
        return;
      }
      const snapshot = parsed.data;
      if (snapshot.stale) return;
      const time = Date.parse(snapshot.updatedAt);
      guarded('writing', () => db.transaction(() => recordWindows(snapshot, time)).immediate(), undefined);
      if (clock.now() - lastPruneAt >= HOUR_MS) prune();
    },
    samples(windowId, { from, to, maxPoints = DEFAULT_MAX_POINTS }) {
      return downsampleMinMax(points(windowId, { from, to }), maxPoints);
    },
    periods(windowId, range) {
      return guarded('reading', () => groupPeriods(windowEntries(windowId, range)), []);
    },
    rateLastHour(windowId) {
      const now = clock.now();
      return rateOf(points(windowId, { from: now - HOUR_MS, to: now }));
    },
    entries({ windowId, from, to }) {
      return guarded(
        'reading',
        () => (windowId ? windowEntries(windowId, { from, to }) : parseEntries(statements.allInRange.all(from, to))),
        [],
      );
    },
    prune,
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
    latest: db.prepare(`SELECT id, ${ENTRY_COLUMNS} FROM samples WHERE window_id = ? ORDER BY first_seen DESC, id DESC LIMIT 1`),
    extend: db.prepare('UPDATE samples SET last_seen = ?, seen_count = seen_count + 1 WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO samples (window_id, first_seen, last_seen, used_percent, used, limit_count, resets_at, source_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    inRange: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM samples WHERE window_id = ? AND first_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`,
    ),
    before: db.prepare(`SELECT ${ENTRY_COLUMNS} FROM samples WHERE window_id = ? AND first_seen < ? ORDER BY first_seen DESC, id DESC LIMIT 1`),
    // Charts read many rows: only the three columns they draw, as arrays.
    pointsInRange: db
      .prepare(`SELECT ${POINT_COLUMNS} FROM samples WHERE window_id = ? AND first_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`)
      .raw(),
    pointsBefore: db
      .prepare(`SELECT ${POINT_COLUMNS} FROM samples WHERE window_id = ? AND first_seen < ? ORDER BY first_seen DESC, id DESC LIMIT 1`)
      .raw(),
    allInRange: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM samples WHERE last_seen >= ? AND first_seen <= ? ORDER BY first_seen, id`,
    ),
    prune: db.prepare('DELETE FROM samples WHERE last_seen < ?'),
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
 * the file, so one that does not fit the schema is skipped.
 */
function toPoints(rows: readonly unknown[], { from, to }: TimeRange): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (const row of rows) {
    const parsed = PointRowSchema.safeParse(row);
    if (!parsed.success) continue;
    const [firstSeen, lastSeen, value] = parsed.data;
    const start = Math.max(firstSeen, from);
    const end = Math.min(lastSeen, to);
    if (start > end) continue;
    out.push({ time: start, value });
    if (end > start) out.push({ time: end, value });
  }
  return out;
}

function groupPeriods(entries: readonly HistoryEntry[]): UsagePeriod[] {
  const periods: UsagePeriod[] = [];
  let current: PeriodTotals | null = null;
  for (const entry of entries) {
    if (!current || !sameReset(current.resetsAt, entry.resetsAt, SAME_PERIOD_MS)) {
      if (current) periods.push(finishPeriod(current));
      current = { resetsAt: entry.resetsAt, from: entry.firstSeen, to: entry.lastSeen, peak: 0, sum: 0, samples: 0 };
    }
    current.to = Math.max(current.to, entry.lastSeen);
    current.peak = Math.max(current.peak, entry.usedPercent);
    current.sum += entry.usedPercent * entry.count;
    current.samples += entry.count;
  }
  if (current) periods.push(finishPeriod(current));
  return periods;
}

interface PeriodTotals {
  resetsAt: number | null;
  from: number;
  to: number;
  peak: number;
  sum: number;
  samples: number;
}

function finishPeriod(period: PeriodTotals): UsagePeriod {
  return {
    resetsAt: period.resetsAt,
    from: period.from,
    to: period.to,
    peakPercent: period.peak,
    averagePercent: period.sum / period.samples,
    samples: period.samples,
  };
}

/** Percent per hour across the points since the latest drop (a reset). */
function rateOf(points: readonly HistoryPoint[]): number | null {
  let start = 0;
  for (let i = 1; i < points.length; i += 1) {
    const previous = points[i - 1];
    const point = points[i];
    if (previous && point && point.value < previous.value) start = i;
  }
  const first = points[start];
  const last = points.at(-1);
  if (!first || !last || last.time - first.time < MIN_RATE_SPAN_MS) return null;
  return ((last.value - first.value) / (last.time - first.time)) * HOUR_MS;
}
