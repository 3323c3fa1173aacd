// Local usage: what Kimi Code spent, read from its own session logs into history.sqlite and
// summed for the popover, Settings → Usage and `kimibar stats`. Opened on first use (the CLI
// imports this module only for that command), one scan at a time.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { totalTokens, MAX_VIEW_ROWS, type LocalStatsRow, type LocalStatsView, type StatsGroup, type StatsPeriod, type TokenCounts } from '../../../shared/local-stats.js';
import { openHistoryDatabase } from '../history/database.js';
import { HISTORY_FILE_NAME } from '../history/history-store.js';
import type { HistoryNotice } from '../history/notice.js';
import type { Clock, Environment } from '../ports.js';
import { ensureConfigDir } from '../settings/config-dir.js';
import { dayFormatter, daysBefore, type DayOf } from './day.js';
import { logRoots, type LogRoot } from './discover.js';
import type { LineReadOptions } from './line-reader.js';
import { scanLogs, type ScanReport } from './scanner.js';
import { createStatsStore, type StatsRow, type StatsStore } from './store.js';

export type { ScanReport } from './scanner.js';
export type { LogRoot } from './discover.js';
export { logRoots } from './discover.js';

export interface LocalStatsOptions extends LineReadOptions {
  /** KimiBar's config folder: history.sqlite lives there. */
  readonly dir: string;
  readonly env: Environment;
  readonly home: string;
  readonly clock: Clock;
  /** Defaults to the system's; tests pin one so "today" is the same everywhere. */
  readonly timeZone?: string;
  /** Defaults to Kimi Code's and kimi-cli's sessions folders (logRoots). */
  readonly roots?: readonly LogRoot[];
}

export interface LocalStats {
  /** Reads what the logs gained since the last scan; concurrent calls share one pass. */
  scan(): Promise<ScanReport>;
  /** Totals per group over the last `days` days, today included. */
  rows(by: StatsGroup, days: number): LocalStatsRow[];
  /** What the popover and the Usage pane show (after a scan). */
  view(days: StatsPeriod): LocalStatsView;
  today(): string;
  /** Forgets everything read (the next scan reads every log from the start). */
  clear(): void;
  /** The history file was moved aside or could only be kept in memory. */
  takeNotices(): HistoryNotice[];
  close(): void;
}

export function openLocalStats(options: LocalStatsOptions): LocalStats {
  const { dir, env, home, clock } = options;
  try {
    ensureConfigDir(dir);
  } catch {
    // openHistoryDatabase reports an unusable folder and keeps the data in memory.
  }
  const opened = openHistoryDatabase(join(dir, HISTORY_FILE_NAME), clock.now());
  const db: Database = opened.db;
  let notices: HistoryNotice[] = [...opened.notices];
  const store: StatsStore = createStatsStore(db);
  const dayOf: DayOf = dayFormatter(options.timeZone);
  const roots = options.roots ?? logRoots(env, home);
  let running: Promise<ScanReport> | null = null;
  let lastFiles = 0;

  const today = (): string => dayOf(clock.now());
  const rows = (by: StatsGroup, days: number): LocalStatsRow[] => {
    const to = today();
    return store.rows(by, daysBefore(to, Math.max(1, days) - 1), to).map(toViewRow);
  };

  return {
    scan() {
      running ??= scanLogs({ roots, store, dayOf, bufferBytes: options.bufferBytes, maxLineBytes: options.maxLineBytes })
        .then((report) => {
          lastFiles = report.files;
          return report;
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    rows,
    view(days) {
      const to = today();
      const todayModels = rows('model', 1);
      const byDay = new Map(rows('day', 7).map((row) => [row.key, row.total]));
      const byModel = rows('model', days);
      const byProject = rows('project', days);
      return {
        enabled: true,
        today: to,
        todayTotals: sum(todayModels),
        topModel: todayModels[0]?.key ?? null,
        week: Array.from({ length: 7 }, (_, i) => {
          const day = daysBefore(to, 6 - i);
          return { day, total: byDay.get(day) ?? 0 };
        }),
        days,
        byModel: byModel.slice(0, MAX_VIEW_ROWS),
        byProject: byProject.slice(0, MAX_VIEW_ROWS),
        otherRows: Math.max(0, byModel.length - MAX_VIEW_ROWS) + Math.max(0, byProject.length - MAX_VIEW_ROWS),
        files: lastFiles,
      };
    },
    today,
    clear: () => store.clear(),
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
    close: () => db.close(),
  };
}

/** The view of a period when the setting is off: nothing read, nothing counted. */
export function disabledView(days: StatsPeriod, today: string): LocalStatsView {
  return {
    enabled: false,
    today,
    todayTotals: sum([]),
    topModel: null,
    week: Array.from({ length: 7 }, (_, i) => ({ day: daysBefore(today, 6 - i), total: 0 })),
    days,
    byModel: [],
    byProject: [],
    otherRows: 0,
    files: 0,
  };
}

function toViewRow(row: StatsRow): LocalStatsRow {
  return {
    key: row.key,
    project: row.project,
    input: row.input,
    output: row.output,
    cacheRead: row.cacheRead,
    cacheCreation: row.cacheCreation,
    requests: row.requests,
    total: totalTokens(row),
  };
}

function sum(rows: readonly TokenCounts[]): TokenCounts {
  const total: TokenCounts = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0, requests: 0, total: 0 };
  for (const row of rows) {
    total.input += row.input;
    total.output += row.output;
    total.cacheRead += row.cacheRead;
    total.cacheCreation += row.cacheCreation;
    total.requests += row.requests;
    total.total += row.total;
  }
  return total;
}
