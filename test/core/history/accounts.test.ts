// History per account: every row belongs to one account, nothing of one account is ever read,
// collapsed into or deleted with another's, and a history.sqlite written by the one-account
// KimiBar (history schema version 3) arrives whole in the first account. Real files, real SQLite,
// real processes.
//
// fixtures/history-v3.sqlite was written by KimiBar at commit 498e2e0 (history schema version 3,
// the last before accounts), not built by hand: a day of refreshes of the 5-hour and weekly
// windows every 5 minutes (a 40-minute gap, two source kinds) through openHistory, and the local
// stats of test/fixtures/kimi-code-sessions read through openLocalStats into the same file.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openHistory, type HistoryStore } from '../../../src/main/core/history/index.js';
import { openLocalStats } from '../../../src/main/core/stats/index.js';
import { FIRST_ACCOUNT_ID } from '../../../src/shared/accounts.js';
import { bundleChild, removeChildBundles, runChild } from '../settings/support/run-ts-child.js';
import { ACCOUNT, DAY, HOUR, MINUTE, OTHER, T0, manualClock, snapshotAt } from './support.js';

const OLD_FILE = join(import.meta.dirname, 'fixtures', 'history-v3.sqlite');

let dir: string;
let file: string;
const open: HistoryStore[] = [];

function history(clock = manualClock(T0), busyTimeoutMs?: number): HistoryStore {
  const store = openHistory({ dir, clock, busyTimeoutMs });
  open.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-history-accounts-'));
  file = join(dir, HISTORY_FILE_NAME);
});
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ALL = { from: 0, to: T0 + 365 * DAY };
const counts = (store: HistoryStore, account: string) => store.entries(account, ALL).map((row) => [row.windowId, row.firstSeen - T0, row.lastSeen - T0, row.usedPercent, row.count]);

/** Every row of the samples table as the file holds it, without the column the new layout adds. */
function rawSamples(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT id, window_id, first_seen, last_seen, seen_count, used_percent, used, limit_count, resets_at, source_kind FROM samples ORDER BY id')
      .all();
  } finally {
    db.close();
  }
}

function rawTable(path: string, sql: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('rows of one account never meet another\'s', () => {
  it('records, collapses and reads each account apart', () => {
    const store = history();
    const at = (account: string, minutes: number, usedPercent: number) => store.record(snapshotAt(T0 + minutes * MINUTE, [{ id: '5h', usedPercent }]), account);
    at(ACCOUNT, 0, 33);
    at(OTHER, 0, 33); // the same numbers at the same instant: a refresh of another account, not a second one of this
    at(OTHER, 5, 33);
    at(ACCOUNT, 10, 33);
    at(OTHER, -5, 33); // a late refresh next to both runs joins only its own account's
    at(OTHER, 7, 80);
    expect(counts(store, ACCOUNT)).toEqual([['5h', 0, 10 * MINUTE, 33, 2]]);
    expect(counts(store, OTHER)).toEqual([
      ['5h', -5 * MINUTE, 5 * MINUTE, 33, 3],
      ['5h', 7 * MINUTE, 7 * MINUTE, 80, 1],
    ]);
    expect(store.samples(ACCOUNT, '5h', { ...ALL, maxPoints: 500 }).map((point) => point.value)).toEqual([33, 33]);
    expect(store.samples(OTHER, '5h', { ...ALL, maxPoints: 500 }).map((point) => [point.time - T0, point.value])).toEqual([
      [-5 * MINUTE, 33],
      [5 * MINUTE, 33],
      [7 * MINUTE, 80],
    ]);
    expect(store.entries(OTHER, { windowId: '5h', from: T0 + 6 * MINUTE, to: T0 + HOUR }).map((row) => row.usedPercent)).toEqual([80]);
    expect(store.entries('nobody', ALL)).toEqual([]);
    expect(store.samples('nobody', '5h', { ...ALL, maxPoints: 500 })).toEqual([]);
  });

  it('skips, with a notice, a refresh that names no valid account id', () => {
    const store = history();
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 5 }]), 'Work Account');
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 5 }]), '');
    expect(rawTable(file, 'SELECT count(*) AS n FROM samples')).toEqual([{ n: 0 }]);
    expect(store.takeNotices().map((notice) => notice.reason)).toEqual(['failed']);
  });

  it('prunes every account\'s old rows, and clear() deletes every account\'s', () => {
    const store = history();
    for (const account of [ACCOUNT, OTHER]) {
      store.record(snapshotAt(T0 - 100 * DAY, [{ id: 'weekly', usedPercent: 1 }]), account);
      store.record(snapshotAt(T0, [{ id: 'weekly', usedPercent: 2 }]), account);
    }
    expect(store.prune()).toBe(2);
    expect(counts(store, ACCOUNT)).toEqual([['weekly', 0, 0, 2, 1]]);
    expect(counts(store, OTHER)).toEqual([['weekly', 0, 0, 2, 1]]);
    store.clear();
    expect(store.entries(ACCOUNT, ALL)).toEqual([]);
    expect(store.entries(OTHER, ALL)).toEqual([]);
  });
});

describe('forgetAccount', () => {
  it('deletes exactly that account\'s rows and says how many', () => {
    const store = history();
    for (let i = 0; i < 3; i += 1) {
      store.record(snapshotAt(T0 + i * HOUR * 3, [{ id: '5h', usedPercent: i }, { id: 'weekly', usedPercent: 10 }]), OTHER);
      store.record(snapshotAt(T0 + i * HOUR * 3, [{ id: '5h', usedPercent: 50 + i }]), ACCOUNT);
    }
    const kept = store.entries(ACCOUNT, ALL);
    const otherRows = store.entries(OTHER, ALL).length;
    expect(otherRows).toBe(6); // three 5-hour rows; weekly rows three hours apart do not collapse
    expect(store.forgetAccount(OTHER)).toBe(otherRows);
    expect(store.entries(OTHER, ALL)).toEqual([]);
    expect(store.entries(ACCOUNT, ALL)).toEqual(kept);
    expect(store.forgetAccount(OTHER)).toBe(0);
    expect(store.takeNotices()).toEqual([]);
  });

  it('keeps the rows and says so when the file stays locked', () => {
    const store = history(manualClock(T0), 1);
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 5 }]), OTHER);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(store.forgetAccount(OTHER)).toBe(0);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(store.takeNotices().map((notice) => notice.reason)).toEqual(['failed']);
    expect(store.entries(OTHER, ALL)).toHaveLength(1);
  });
});

describe('a history.sqlite of the one-account KimiBar (schema version 3)', () => {
  beforeEach(() => copyFileSync(OLD_FILE, file));

  it('arrives whole in the first account; the local stats in the same file stay as they were', async () => {
    const before = rawSamples(file);
    const statsUsage = 'SELECT * FROM stats_usage ORDER BY path, day, model';
    const statsFiles = 'SELECT * FROM stats_files ORDER BY path';
    const usageBefore = rawTable(file, statsUsage);
    const filesBefore = rawTable(file, statsFiles);
    expect(rawTable(file, 'PRAGMA user_version')).toEqual([{ user_version: 3 }]);
    expect(before.length).toBeGreaterThan(200);

    const store = history();
    expect(store.takeNotices()).toEqual([]);
    expect(store.persistent).toBe(true);
    const migrated = store.entries(FIRST_ACCOUNT_ID, ALL);
    // Every stored row, with every value, in the order it had (ids ascend with time here).
    expect(migrated.map((row) => [row.windowId, row.firstSeen, row.lastSeen, row.count, row.usedPercent, row.used, row.limit, row.resetsAt, row.sourceKind])).toEqual(
      before.map((row) => {
        const { window_id, first_seen, last_seen, seen_count, used_percent, used, limit_count, resets_at, source_kind } = row as Record<string, unknown>;
        return [window_id, first_seen, last_seen, seen_count, used_percent, used, limit_count, resets_at, source_kind];
      }),
    );
    expect(store.entries(OTHER, ALL)).toEqual([]);
    // The charts read the migrated rows as the first account's.
    const lastWeekly = before.filter((row) => (row as { window_id: string }).window_id === 'weekly').at(-1) as { used_percent: number };
    expect(store.samples(FIRST_ACCOUNT_ID, 'weekly', { ...ALL, maxPoints: 500 }).at(-1)?.value).toBe(lastWeekly.used_percent);
    // A new account starts empty beside them and does not disturb them.
    store.record(snapshotAt(T0, [{ id: 'weekly', usedPercent: lastWeekly.used_percent }]), OTHER);
    expect(store.entries(FIRST_ACCOUNT_ID, ALL)).toEqual(migrated);
    store.close();

    expect(rawTable(file, 'PRAGMA user_version')).toEqual([{ user_version: 4 }]);
    expect(rawSamples(file)).toEqual([...before, expect.objectContaining({ window_id: 'weekly', first_seen: T0 })]);
    expect(rawTable(file, 'SELECT account_id, count(*) AS n FROM samples GROUP BY account_id ORDER BY account_id')).toEqual([
      { account_id: FIRST_ACCOUNT_ID, n: before.length },
      { account_id: OTHER, n: 1 },
    ]);
    expect(rawTable(file, statsUsage)).toEqual(usageBefore);
    expect(rawTable(file, statsFiles)).toEqual(filesBefore);

    // Local stats are the machine's: they still read from the same file after the migration.
    const stats = openLocalStats({ dir, env: {}, home: dir, clock: manualClock(Date.parse('2026-11-26T15:00:00Z')), timeZone: 'UTC', roots: [] });
    try {
      expect(stats.takeNotices()).toEqual([]);
      const requests = stats.rows('day', 90).reduce((sum, row) => sum + row.requests, 0);
      expect(requests).toBe((usageBefore as { requests: number }[]).reduce((sum, row) => sum + row.requests, 0));
    } finally {
      stats.close();
    }
  });

  it('is moved aside exactly as it was when a migration step fails halfway', () => {
    const before = rawSamples(file);
    // Another program took the name of the index the step creates last: the step's earlier
    // statements (the new column, the old index dropped) must be undone with it.
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE other_program (x); CREATE INDEX samples_account_window_time ON other_program (x);');
    foreign.close();

    const store = history();
    const notices = store.takeNotices();
    expect(notices.map((notice) => notice.reason)).toEqual(['corrupt']);
    const backup = notices[0]?.backupPath ?? '';
    expect(readdirSync(dir)).toContain(HISTORY_FILE_NAME);
    expect(rawTable(backup, 'PRAGMA user_version')).toEqual([{ user_version: 3 }]);
    expect(rawTable(backup, 'SELECT name FROM pragma_table_info(\'samples\') WHERE name = \'account_id\'')).toEqual([]);
    expect(rawTable(backup, "SELECT name FROM sqlite_master WHERE name = 'samples_window_time'")).toEqual([{ name: 'samples_window_time' }]);
    expect(rawSamples(backup)).toEqual(before);
    // And history goes on in a new file.
    store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 1 }]), ACCOUNT);
    expect(store.persistent).toBe(true);
    expect(store.entries(ACCOUNT, ALL)).toHaveLength(1);
  });
});

describe('twenty processes at once on the old file (the app and many `kimibar usage`)', () => {
  let refresher: string;
  beforeAll(async () => {
    refresher = await bundleChild(join(import.meta.dirname, 'fixtures', 'history-refresher.ts'));
  });
  afterAll(removeChildBundles);

  it('migrate it once and count every refresh of each account exactly once', { timeout: 120_000 }, async () => {
    copyFileSync(OLD_FILE, file);
    const before = rawSamples(file);
    const processes = 20;
    const perProcess = 5;
    const step = 30_000;
    // Even processes refresh the first account, odd ones the other; each account's refreshes
    // land out of order, as in history-store.test.ts.
    const accountOf = (k: number): string => (k % 2 === 0 ? ACCOUNT : OTHER);
    const children = Array.from({ length: processes }, (_, k) => {
      const times = Array.from({ length: perProcess }, (_, i) => T0 + (i * processes + k) * step);
      return runChild(refresher, [dir, times.join(','), accountOf(k)], process.env);
    });
    const results = await Promise.all(children);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ notices: [], persistent: true });
    }
    const store = history();
    const lastTime = (k: number): number => T0 + ((perProcess - 1) * processes + k) * step;
    const fresh = (account: string) => store.entries(account, { windowId: 'weekly', from: T0, to: ALL.to });
    expect(fresh(ACCOUNT)).toMatchObject([{ firstSeen: T0, lastSeen: lastTime(processes - 2), count: (processes / 2) * perProcess }]);
    expect(fresh(OTHER)).toMatchObject([{ firstSeen: T0 + step, lastSeen: lastTime(processes - 1), count: (processes / 2) * perProcess }]);
    // The old rows are there once each: migrated once, whoever got there first.
    expect(rawSamples(file).slice(0, before.length)).toEqual(before);
    expect(rawTable(file, 'SELECT count(*) AS n FROM samples')).toEqual([{ n: before.length + 2 }]);
  });
});
