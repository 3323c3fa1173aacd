import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openHistory, type HistoryStore } from '../../../src/main/core/history/index.js';
import { bundleChild, removeChildBundles, runChild } from '../settings/support/run-ts-child.js';
import { ACCOUNT, DAY, HOUR, MINUTE, T0, manualClock, snapshotAt } from './support.js';

let dir: string;
let file: string;
const open: HistoryStore[] = [];

function history(clock = manualClock(T0)): HistoryStore {
  const store = openHistory({ dir, clock });
  open.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-history-'));
  file = join(dir, HISTORY_FILE_NAME);
});
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ALL = { from: 0, to: T0 + 365 * DAY };

describe('recording', () => {
  it('stores one row per window per refresh, in WAL mode', () => {
    const store = history();
    store.record(
      snapshotAt(T0, [
        { id: '5h', usedPercent: 69.5, used: 139, limit: 200, resetsAt: T0 + 2 * HOUR },
        { id: 'weekly', usedPercent: 10.45, used: 214, limit: 2048, resetsAt: T0 + 3 * DAY },
        { id: 'monthly-code', usedPercent: 42 },
      ]),
      ACCOUNT,
    );
    expect(store.persistent).toBe(true);
    expect(store.entries(ACCOUNT, ALL)).toEqual([
      { windowId: '5h', firstSeen: T0, lastSeen: T0, count: 1, usedPercent: 69.5, used: 139, limit: 200, resetsAt: T0 + 2 * HOUR, sourceKind: 'api-key' },
      { windowId: 'weekly', firstSeen: T0, lastSeen: T0, count: 1, usedPercent: 10.45, used: 214, limit: 2048, resetsAt: T0 + 3 * DAY, sourceKind: 'api-key' },
      { windowId: 'monthly-code', firstSeen: T0, lastSeen: T0, count: 1, usedPercent: 42, used: null, limit: null, resetsAt: null, sourceKind: 'api-key' },
    ]);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('skips, with a notice, a snapshot that does not fit the usage schema', () => {
    const store = history();
    const bad = snapshotAt(T0, [{ id: '5h', usedPercent: 5 }]);
    store.record({ ...bad, windows: [{ ...bad.windows[0]!, id: 'sk-kimi-not-a-window' as '5h' }] }, ACCOUNT);
    store.record({ ...bad, updatedAt: 'yesterday' }, ACCOUNT);
    store.record({ ...bad, windows: [{ ...bad.windows[0]!, usedPercent: Number.NaN }] }, ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toEqual([]);
    // One kind of trouble, told once.
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['failed']);
  });

  it('ignores stale snapshots: they are not successful refreshes', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 5 }], { stale: true }), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toEqual([]);
  });

  it('never writes labels, errors or anything token-like to the file', () => {
    const store = history();
    const snapshot = {
      ...snapshotAt(T0, [{ id: '5h', usedPercent: 5 }], { source: 'web' }),
      source: { kind: 'web' as const, label: 'Kimi web cookie (Chrome · Profile 1) eyJhbGciOi.secret' },
      error: { code: 'http', message: 'Bearer sk-kimi-leaked-token', action: null },
    };
    store.record(snapshot, ACCOUNT);
    store.close();
    const bytes = Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name)))).toString('latin1');
    expect(bytes).not.toContain('eyJhbGciOi');
    expect(bytes).not.toContain('sk-kimi');
    expect(bytes).not.toContain('Chrome');
  });

  it('collapses identical consecutive samples into one row, so an idle week costs little', () => {
    const store = history();
    const resetsAt = T0 + 7 * DAY;
    for (let i = 0; i < 7 * 24 * 12; i += 1) {
      // Servers report the same reset a few milliseconds apart from one refresh to the next.
      store.record(snapshotAt(T0 + i * 5 * MINUTE, [{ id: 'weekly', usedPercent: 25, used: 512, limit: 2048, resetsAt: resetsAt + (i % 7) }]), ACCOUNT);
    }
    const rows = store.entries(ACCOUNT, ALL);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ firstSeen: T0, lastSeen: T0 + (7 * 24 * 12 - 1) * 5 * MINUTE, count: 2016, resetsAt });
  });

  it('starts a new row when the numbers, the source or the reset change, or after a long silence', () => {
    const store = history();
    const at = (minutes: number, usedPercent: number, options: { source?: 'api-key' | 'web'; resetsAt?: number } = {}) =>
      store.record(snapshotAt(T0 + minutes * MINUTE, [{ id: '5h', usedPercent, resetsAt: options.resetsAt ?? T0 + 5 * HOUR }], { source: options.source ?? 'api-key' }), ACCOUNT);
    at(0, 10);
    at(5, 10);
    at(10, 12);
    at(15, 12, { source: 'web' });
    at(20, 12, { source: 'web', resetsAt: T0 + 10 * HOUR });
    at(20 + 3 * 60, 12, { source: 'web', resetsAt: T0 + 10 * HOUR });
    expect(store.entries(ACCOUNT, ALL).map((row) => [row.firstSeen - T0, row.lastSeen - T0, row.count])).toEqual([
      [0, 5 * MINUTE, 2],
      [10 * MINUTE, 10 * MINUTE, 1],
      [15 * MINUTE, 15 * MINUTE, 1],
      [20 * MINUTE, 20 * MINUTE, 1],
      [200 * MINUTE, 200 * MINUTE, 1],
    ]);
  });

  it('counts a refresh that arrives after later ones, joining the run it falls in or next to', () => {
    const store = history();
    const at = (minutes: number, usedPercent = 33) => store.record(snapshotAt(T0 + minutes * MINUTE, [{ id: '5h', usedPercent }]), ACCOUNT);
    at(10);
    at(30);
    at(20); // inside the stored run: one more refresh of it
    at(5); // just before it: the run starts earlier
    at(31, 34);
    at(29, 34); // different numbers inside the run: a row of its own, not dropped
    expect(store.entries(ACCOUNT, ALL).map((row) => [row.firstSeen - T0, row.lastSeen - T0, row.usedPercent, row.count])).toEqual([
      [5 * MINUTE, 30 * MINUTE, 33, 4],
      [29 * MINUTE, 29 * MINUTE, 34, 1],
      [31 * MINUTE, 31 * MINUTE, 34, 1],
    ]);
    // The chart still reads in time order.
    const times = store.samples(ACCOUNT, '5h', { ...ALL, maxPoints: 500 }).map((point) => point.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('does not join a late refresh to a run across a long silence', () => {
    const store = history();
    store.record(snapshotAt(T0 + 3 * HOUR, [{ id: '5h', usedPercent: 33 }]), ACCOUNT);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 33 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL).map((row) => [row.firstSeen - T0, row.count])).toEqual([
      [0, 1],
      [3 * HOUR, 1],
    ]);
  });
});

describe('queries', () => {
  it('draws a window over a range with at most maxPoints points, keeping spikes', () => {
    const store = history();
    for (let i = 0; i < 2000; i += 1) {
      const spike = i === 1234 ? 99 : (i % 50) * 0.5;
      store.record(snapshotAt(T0 + i * 5 * MINUTE, [{ id: '5h', usedPercent: spike }, { id: 'weekly', usedPercent: 1 }]), ACCOUNT);
    }
    const points = store.samples(ACCOUNT, '5h', { from: T0, to: T0 + 2000 * 5 * MINUTE, maxPoints: 100 });
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.length).toBeGreaterThan(50);
    expect(Math.max(...points.map((p) => p.value))).toBe(99);
    expect(points.map((p) => p.time)).toEqual([...points.map((p) => p.time)].sort((a, b) => a - b));
  });

  it('draws a collapsed run as its two ends, clipped to the range', () => {
    const store = history();
    for (let i = 0; i <= 24; i += 1) store.record(snapshotAt(T0 + i * 5 * MINUTE, [{ id: 'weekly', usedPercent: 40 }]), ACCOUNT);
    store.record(snapshotAt(T0 + 125 * MINUTE, [{ id: 'weekly', usedPercent: 41 }]), ACCOUNT);
    const plain = { used: null, limit: null, resetsAt: null };
    expect(store.samples(ACCOUNT, 'weekly', { from: T0 + HOUR, to: T0 + 3 * HOUR, maxPoints: 500 })).toEqual([
      { time: T0 + HOUR, value: 40, ...plain },
      { time: T0 + 120 * MINUTE, value: 40, ...plain },
      { time: T0 + 125 * MINUTE, value: 41, ...plain },
    ]);
    expect(store.samples(ACCOUNT, 'weekly', { from: T0 - DAY, to: T0 - HOUR, maxPoints: 500 })).toEqual([]);
    expect(store.samples(ACCOUNT, '5h', { from: T0, to: T0 + DAY, maxPoints: 500 })).toEqual([]);
  });

  it('gives each chart point the counts and the reset seen then', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 69.5, used: 139, limit: 200, resetsAt: T0 + 2 * HOUR }]), ACCOUNT);
    expect(store.samples(ACCOUNT, '5h', { ...ALL, maxPoints: 500 })).toEqual([{ time: T0, value: 69.5, used: 139, limit: 200, resetsAt: T0 + 2 * HOUR }]);
  });

  it('lists stored rows for one window or all, oldest first', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }, { id: 'weekly', usedPercent: 2 }]), ACCOUNT);
    store.record(snapshotAt(T0 + DAY, [{ id: '5h', usedPercent: 3 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, { windowId: '5h', ...ALL }).map((row) => row.usedPercent)).toEqual([1, 3]);
    expect(store.entries(ACCOUNT, { from: T0 + HOUR, to: T0 + 2 * DAY }).map((row) => row.usedPercent)).toEqual([3]);
    expect(store.entries(ACCOUNT, ALL).map((row) => row.windowId)).toEqual(['5h', 'weekly', '5h']);
  });

  it('skips rows a damaged or foreign writer left that do not fit the schema', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    const raw = new Database(file);
    const insert = raw.prepare('INSERT INTO samples (window_id, first_seen, last_seen, used_percent, source_kind) VALUES (?, ?, ?, ?, ?)');
    insert.run('not-a-window', T0 + 1, T0 + 1, 5, 'api-key');
    insert.run('5h', T0 + 2, T0 + 2, 500, 'api-key');
    insert.run('5h', T0 + 3, T0 + 3, 5, 'bearer sk-kimi-x');
    insert.run('5h', T0 + 9, T0 + 4, 5, 'api-key');
    raw.close();
    expect(store.entries(ACCOUNT, ALL).map((row) => row.usedPercent)).toEqual([1]);
    // A chart reads only times and percents: the row with a foreign source kind still has good ones.
    expect(store.samples(ACCOUNT, '5h', { ...ALL, maxPoints: 500 })).toEqual([
      { time: T0, value: 1, used: null, limit: null, resetsAt: null },
      { time: T0 + 3, value: 5, used: null, limit: null, resetsAt: null },
    ]);
  });
});

describe('housekeeping', () => {
  it('prunes rows older than 90 days on open and on demand', () => {
    const clock = manualClock(T0);
    const store = history(clock);
    store.record(snapshotAt(T0 - 100 * DAY, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    store.record(snapshotAt(T0 - 10 * DAY, [{ id: '5h', usedPercent: 2 }]), ACCOUNT);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 3 }]), ACCOUNT);
    expect(store.prune()).toBe(1);
    expect(store.entries(ACCOUNT, ALL).map((row) => row.usedPercent)).toEqual([2, 3]);

    clock.set(T0 + 85 * DAY);
    store.close();
    const reopened = history(clock);
    expect(reopened.entries(ACCOUNT, ALL).map((row) => row.usedPercent)).toEqual([3]);
  });

  it('clears everything', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    store.clear();
    expect(store.entries(ACCOUNT, ALL)).toEqual([]);
  });
});

describe('file trouble', () => {
  function backups(): string[] {
    return readdirSync(dir).filter((name) => name.includes('.bak-')).sort();
  }

  it('moves a corrupt file aside byte for byte and starts a new one', () => {
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const store = history();
    expect(store.persistent).toBe(true);
    const notices = store.takeNotices();
    expect(notices.map((n) => n.reason)).toEqual(['corrupt']);
    expect(notices[0]?.backupPath).toBe(join(dir, 'history.sqlite.bak-2026-11-24T10-00-00-000Z'));
    expect(readFileSync(join(dir, 'history.sqlite.bak-2026-11-24T10-00-00-000Z')).equals(garbage)).toBe(true);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
  });

  it('moves aside a real database whose pages are damaged', () => {
    const store = history();
    for (let i = 0; i < 3000; i += 1) store.record(snapshotAt(T0 + i * MINUTE, [{ id: '5h', usedPercent: i % 100 }]), ACCOUNT);
    store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite every page after the schema page with noise; the header stays valid.
    randomBytes(bytes.length - pageSize * 2).copy(bytes, pageSize * 2);
    writeFileSync(file, bytes);

    const reopened = history();
    expect(reopened.takeNotices().map((n) => n.reason)).toEqual(['corrupt']);
    expect(backups()).toEqual(['history.sqlite.bak-2026-11-24T10-00-00-000Z']);
    expect(reopened.entries(ACCOUNT, ALL)).toEqual([]);
    reopened.record(snapshotAt(T0, [{ id: 'weekly', usedPercent: 9 }]), ACCOUNT);
    expect(reopened.entries(ACCOUNT, ALL)).toHaveLength(1);
  });

  it('recovers when the file is damaged while open: moved aside, a new one started', () => {
    const store = history();
    for (let i = 0; i < 3000; i += 1) store.record(snapshotAt(T0 + i * MINUTE, [{ id: '5h', usedPercent: i % 100 }]), ACCOUNT);
    const other = new Database(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    randomBytes(bytes.length - pageSize * 3).copy(bytes, pageSize * 3);
    writeFileSync(file, bytes);
    // A schema change by another connection makes this one drop its page cache and read the disk.
    other.exec('CREATE TABLE other_program (x)');
    other.close();

    expect(store.entries(ACCOUNT, ALL)).toEqual([]);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['corrupt']);
    expect(backups()).toContain('history.sqlite.bak-2026-11-24T10-00-00-000Z');
    expect(store.persistent).toBe(true);
    store.record(snapshotAt(T0, [{ id: 'weekly', usedPercent: 9 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
  });

  it('moves aside a database that claims the current version without its table', () => {
    const raw = new Database(file);
    raw.exec('CREATE TABLE samples (something_else TEXT); PRAGMA user_version = 2;');
    raw.close();
    const store = history();
    expect(store.persistent).toBe(true);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['corrupt']);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
  });

  it('leaves a file from a newer KimiBar untouched and keeps history in memory', () => {
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x); PRAGMA user_version = 99;');
    raw.close();
    const before = readFileSync(file);
    const store = history();
    expect(store.persistent).toBe(false);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['newer-version']);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
    store.close();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('keeps working in memory when the folder cannot hold a database', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const store = openHistory({ dir: blocked, clock: manualClock(T0) });
    open.push(store);
    expect(store.persistent).toBe(false);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['unavailable']);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    expect(store.samples(ACCOUNT, '5h', { ...ALL, maxPoints: 500 })).toEqual([{ time: T0, value: 1, used: null, limit: null, resetsAt: null }]);
    expect(statSync(blocked).isFile()).toBe(true);
  });
});

describe('trouble is told once, and the list of it stays small', () => {
  it('a file locked for longer than the busy timeout: one notice, however many refreshes fail', () => {
    history().close();
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    const store = openHistory({ dir, clock: manualClock(T0), busyTimeoutMs: 1 });
    open.push(store);
    for (let i = 0; i < 50; i += 1) store.record(snapshotAt(T0 + i * MINUTE, [{ id: '5h', usedPercent: i }]), ACCOUNT);
    const notices = store.takeNotices();
    expect(notices.map((n) => n.reason)).toEqual(['failed']);
    expect(notices[0]?.message).toMatch(/SQLITE_BUSY/);
    for (let i = 0; i < 50; i += 1) store.record(snapshotAt(T0 + DAY + i * MINUTE, [{ id: '5h', usedPercent: i }]), ACCOUNT);
    expect(store.takeNotices()).toEqual([]);
    holder.exec('ROLLBACK');
    holder.close();
    store.record(snapshotAt(T0 + 2 * DAY, [{ id: 'weekly', usedPercent: 4 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, { windowId: 'weekly', ...ALL })).toHaveLength(1);
  });

  it('a folder where the file should be: told once, history kept in memory for the session', () => {
    mkdirSync(file);
    const store = history();
    expect(store.persistent).toBe(false);
    const [notice, ...rest] = store.takeNotices();
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ reason: 'unavailable', backupPath: null });
    expect(notice?.message).toContain(file);
    for (let i = 0; i < 50; i += 1) store.record(snapshotAt(T0 + i * MINUTE, [{ id: '5h', usedPercent: 7 }]), ACCOUNT);
    expect(store.takeNotices()).toEqual([]);
    expect(store.entries(ACCOUNT, ALL)).toMatchObject([{ count: 50 }]);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it('keeps at most one pending notice per kind, even when nobody takes them', () => {
    const store = history();
    const bad = snapshotAt(T0, [{ id: '5h', usedPercent: 5 }]);
    for (let i = 0; i < 1000; i += 1) store.record({ ...bad, updatedAt: `not a time ${i}` }, ACCOUNT);
    store.close();
    for (let i = 0; i < 1000; i += 1) store.record(snapshotAt(T0 + i, [{ id: '5h', usedPercent: 5 }]), ACCOUNT);
    for (let i = 0; i < 1000; i += 1) store.entries(ACCOUNT, ALL);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['failed', 'read-failed']);
  });
});

describe('migrations', () => {
  it('brings a first-layout (v1) file up to date, keeping its samples', () => {
    const raw = new Database(file);
    raw.exec(`
      CREATE TABLE usage_samples (recorded_at TEXT NOT NULL, window_id TEXT NOT NULL, used_percent REAL NOT NULL,
        used INTEGER, "limit" INTEGER, resets_at TEXT);
      CREATE INDEX usage_samples_window_time ON usage_samples (window_id, recorded_at);
      PRAGMA user_version = 1;
    `);
    const insert = raw.prepare('INSERT INTO usage_samples VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-24T09:00:00.250Z', '5h', 50, 100, 200, '2026-11-24T12:33:02.717Z');
    insert.run('2026-11-24T09:05:00.000Z', 'weekly', 10.45, 214, 2048, null);
    insert.run('not a time', '5h', 1, null, null, null);
    raw.close();

    const store = history();
    expect(store.takeNotices()).toEqual([]);
    expect(store.entries(ACCOUNT, ALL)).toEqual([
      { windowId: '5h', firstSeen: Date.parse('2026-11-24T09:00:00.250Z'), lastSeen: Date.parse('2026-11-24T09:00:00.250Z'), count: 1, usedPercent: 50, used: 100, limit: 200, resetsAt: Date.parse('2026-11-24T12:33:02.717Z'), sourceKind: null },
      { windowId: 'weekly', firstSeen: Date.parse('2026-11-24T09:05:00.000Z'), lastSeen: Date.parse('2026-11-24T09:05:00.000Z'), count: 1, usedPercent: 10.45, used: 214, limit: 2048, resetsAt: null, sourceKind: null },
    ]);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 50, used: 100, limit: 200 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, { windowId: '5h', ...ALL })).toHaveLength(2);
    store.close();

    const check = new Database(file, { readonly: true });
    // v1 → v2 (samples) → v3 (the local-stats tables, empty until the logs are read) → v4
    // (the account of each sample: the first account's).
    expect(check.pragma('user_version', { simple: true })).toBe(4);
    expect(check.prepare('SELECT DISTINCT account_id FROM samples').pluck().all()).toEqual([ACCOUNT]);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).toEqual([
      { name: 'samples' },
      { name: 'stats_files' },
      { name: 'stats_usage' },
    ]);
    check.close();
  });
});

describe('two processes at once (the app and the CLI)', () => {
  let writer: string;
  beforeAll(async () => {
    writer = await bundleChild(join(import.meta.dirname, 'fixtures', 'history-writer.ts'));
  });
  afterAll(removeChildBundles);

  it('lets a child process write while this one reads', async () => {
    const reader = history();
    reader.record(snapshotAt(T0 - HOUR, [{ id: 'weekly', usedPercent: 3 }]), ACCOUNT);
    const child = runChild(writer, [dir, '400', String(T0)], process.env);
    const seen: number[] = [];
    let done = false;
    void child.finally(() => (done = true));
    while (!done) {
      seen.push(reader.entries(ACCOUNT, { windowId: '5h', ...ALL }).length);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await child;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ notices: [], persistent: true });
    expect(reader.entries(ACCOUNT, { windowId: '5h', ...ALL })).toHaveLength(400);
    expect(reader.entries(ACCOUNT, { windowId: 'weekly', ...ALL })).toHaveLength(1);
    expect(seen.every((count, i) => i === 0 || count >= (seen[i - 1] ?? 0))).toBe(true);
    expect(reader.takeNotices()).toEqual([]);
  });

  it('makes a writer wait for another connection\'s lock instead of failing', async () => {
    history().close();
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare("INSERT INTO samples (window_id, first_seen, last_seen, used_percent, source_kind) VALUES ('weekly', ?, ?, 7, 'web')").run(T0, T0);
    const child = runChild(writer, [dir, '10', String(T0)], process.env);
    await new Promise((resolve) => setTimeout(resolve, 700));
    holder.exec('COMMIT');
    holder.close();
    const result = await child;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ notices: [], persistent: true });
    const store = history();
    expect(store.entries(ACCOUNT, { windowId: '5h', ...ALL })).toHaveLength(10);
    expect(store.entries(ACCOUNT, { windowId: 'weekly', ...ALL })).toHaveLength(1);
  });
});

describe('parallel refreshes (twenty `kimibar usage` at once)', () => {
  let refresher: string;
  let lockHolder: string;
  beforeAll(async () => {
    refresher = await bundleChild(join(import.meta.dirname, 'fixtures', 'history-refresher.ts'));
    lockHolder = await bundleChild(join(import.meta.dirname, 'fixtures', 'lock-holder.ts'));
  });
  afterAll(removeChildBundles);

  it('counts every refresh of twenty processes exactly once, in whatever order they land', { timeout: 120_000 }, async () => {
    const processes = 20;
    const perProcess = 5;
    // Process k refreshes at steps k, k + 20, k + 40…: whichever writes first, the others'
    // earlier refreshes arrive after later ones are stored.
    const step = 30_000;
    const children = Array.from({ length: processes }, (_, k) => {
      const times = Array.from({ length: perProcess }, (_, i) => T0 + (i * processes + k) * step);
      return runChild(refresher, [dir, times.join(',')], process.env);
    });
    const results = await Promise.all(children);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ notices: [], persistent: true });
    }
    const rows = history().entries(ACCOUNT, { windowId: 'weekly', ...ALL });
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(processes * perProcess);
    expect(rows).toMatchObject([{ firstSeen: T0, lastSeen: T0 + (processes * perProcess - 1) * step, count: processes * perProcess }]);
  });

  it('waits for a process that holds a new file\'s lock instead of keeping history in memory', async () => {
    const holder = spawn(process.execPath, [lockHolder, file, '800'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => holder.on('close', resolve));
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
    const store = history();
    expect(store.takeNotices()).toEqual([]);
    expect(store.persistent).toBe(true);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 33 }]), ACCOUNT);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
    await exited;
  });

  it('counts refreshes that several connections record at the same instant, each once', () => {
    const stores = Array.from({ length: 20 }, () => history());
    for (const store of stores) store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 33 }]), ACCOUNT);
    expect(history().entries(ACCOUNT, ALL)).toMatchObject([{ firstSeen: T0, lastSeen: T0, count: 20 }]);
  });
});
