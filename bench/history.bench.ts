// History store figures: 90 days of 5-minute refreshes for every window (the worst case: every
// sample differs, so nothing collapses), then the queries the popover chart and the CLI run.
// Prints numbers; asserts nothing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HISTORY_FILE_NAME, openHistory } from '../src/main/core/history/index.js';
import { FIRST_ACCOUNT_ID as ACCOUNT } from '../src/shared/accounts.js';
import { WINDOW_IDS, type UsageSnapshot } from '../src/shared/usage.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const END = Date.parse('2026-11-24T10:00:00.000Z');
const START = END - 90 * DAY;
const STEP = 5 * MINUTE;

function snapshot(time: number, i: number): UsageSnapshot {
  return {
    source: { kind: 'api-key', label: 'Kimi Code API key' },
    plan: null,
    updatedAt: new Date(time).toISOString(),
    stale: false,
    windows: WINDOW_IDS.map((id, w) => {
      const usedPercent = ((i * (w + 1)) % 1000) / 10;
      return { id, title: id, usedPercent, used: Math.round(usedPercent * 20), limit: 2000, resetsAt: new Date(time + DAY).toISOString(), pace: null };
    }),
    error: null,
  };
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

function median(runs: number, run: () => unknown): number {
  const times = Array.from({ length: runs }, () => timed(run).ms).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'kimibar-history-bench-'));
try {
  const clock = { now: () => END };
  const history = openHistory({ dir, clock });
  const count = Math.floor((END - START) / STEP);
  const insert = timed(() => {
    for (let i = 0; i < count; i += 1) history.record(snapshot(START + i * STEP, i), ACCOUNT);
  });
  const rows = count * WINDOW_IDS.length;
  console.log(`insert: ${count} refreshes × ${WINDOW_IDS.length} windows = ${rows} rows in ${insert.ms.toFixed(0)} ms (${((insert.ms / count) * 1000).toFixed(0)} µs per refresh)`);
  console.log(`file: ${(statSync(join(dir, HISTORY_FILE_NAME)).size / 1024 / 1024).toFixed(1)} MiB (+ WAL)`);

  const week = { from: END - 7 * DAY, to: END };
  const chart = history.samples(ACCOUNT, '5h', { ...week, maxPoints: 500 });
  console.log(`7-day chart query (5h, ≤500 points → ${chart.length}): median ${median(50, () => history.samples(ACCOUNT, '5h', { ...week, maxPoints: 500 })).toFixed(2)} ms over 50 runs`);
  console.log(`90-day chart query (weekly, ≤500 points): median ${median(20, () => history.samples(ACCOUNT, 'weekly', { from: START, to: END, maxPoints: 500 })).toFixed(2)} ms over 20 runs`);
  console.log(`kimibar history --days 7 (all windows, ${history.entries(ACCOUNT, week).length} rows): median ${median(20, () => history.entries(ACCOUNT, week)).toFixed(2)} ms`);

  clock.now = () => END + 30 * DAY;
  const pruned = timed(() => history.prune());
  console.log(`prune 30 days' worth (${pruned.result} rows): ${pruned.ms.toFixed(0)} ms`);
  history.close();

  const idleDir = join(dir, 'idle');
  const idle = openHistory({ dir: idleDir, clock: { now: () => END } });
  const idleWeek = 7 * 24 * 12;
  for (let i = 0; i < idleWeek; i += 1) idle.record({ ...snapshot(END - 7 * DAY + i * STEP, 0), windows: snapshot(END, 0).windows }, ACCOUNT);
  console.log(`idle week: ${idleWeek} identical refreshes → ${idle.entries(ACCOUNT, { from: 0, to: END + DAY }).length} rows`);
  idle.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
