// `kimibar stats` output: a table for people (every digit, grouped), CSV for spreadsheets and
// JSON for scripts (plain integers). The columns are the same in all three.
import type { LocalStatsRow, StatsGroup } from '../../../shared/local-stats.js';
import { tokenExact } from '../../../shared/format/index.js';
import { csvDocument } from '../csv.js';

const KEY_TITLES: Readonly<Record<StatsGroup, string>> = { day: 'Day', model: 'Model', project: 'Project', session: 'Session' };
/** The older kimi-cli does not write the model in its logs. */
export const UNKNOWN_MODEL = '(not recorded)';

export interface StatsJsonRow {
  readonly day?: string;
  readonly model?: string;
  readonly project?: string;
  readonly session?: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheCreation: number;
  readonly requests: number;
  readonly total: number;
}

export function toJsonRows(by: StatsGroup, rows: readonly LocalStatsRow[]): StatsJsonRow[] {
  return rows.map(({ key, project, input, output, cacheRead, cacheCreation, requests, total }) => ({
    [by]: key,
    ...(by === 'session' ? { project: project ?? '' } : {}),
    input,
    output,
    cacheRead,
    cacheCreation,
    requests,
    total,
  }));
}

export function formatStatsCsv(by: StatsGroup, rows: readonly LocalStatsRow[]): string {
  const header = [by, ...(by === 'session' ? ['project'] : []), 'input', 'output', 'cache_read', 'cache_creation', 'requests', 'total'];
  return csvDocument(
    header,
    rows.map((row) => [row.key, ...(by === 'session' ? [row.project ?? ''] : []), row.input, row.output, row.cacheRead, row.cacheCreation, row.requests, row.total]),
  );
}

export function formatStatsTable(by: StatsGroup, rows: readonly LocalStatsRow[]): string {
  if (rows.length === 0) return 'No Kimi Code usage in these days.\n';
  const n = (value: number): string => tokenExact('en', value);
  const header = [KEY_TITLES[by], ...(by === 'session' ? ['Project'] : []), 'Input', 'Output', 'Cache read', 'Cache write', 'Requests', 'Total'];
  const body = rows.map((row) => [
    by === 'model' && row.key === '' ? UNKNOWN_MODEL : row.key,
    ...(by === 'session' ? [row.project ?? ''] : []),
    n(row.input),
    n(row.output),
    n(row.cacheRead),
    n(row.cacheCreation),
    n(row.requests),
    n(row.total),
  ]);
  const table = [header, ...body].map((cells) => cells.map(oneLine));
  const numeric = (column: number): boolean => column >= header.length - 6;
  const widths = header.map((_, column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0)));
  return `${table.map((cells) => cells.map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()).join('\n')}\n`;
}

/** A path or model name from a log file must not move the cursor or start a new line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
