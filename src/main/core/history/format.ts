// `kimibar history` output: CSV for spreadsheets, JSON for scripts, a table for people. All
// three come from one view of a stored row, so the columns mean the same thing everywhere.
import * as z from '../../../shared/zod.js';
import { COUNT_UNITS, countUnit, type CountUnit } from '../../../shared/count-unit.js';
import { SourceKindSchema, WindowIdSchema } from '../../../shared/usage.js';
import type { HistoryEntry } from './history-store.js';
import { csvCell } from '../csv.js';

const IsoTime = z.iso.datetime({ offset: true });

/** The public JSON shape of one history row (`kimibar history --json`). */
export const HistoryEntryViewSchema = z.object({
  window: WindowIdSchema,
  firstSeen: IsoTime,
  lastSeen: IsoTime,
  /** How many refreshes saw exactly these numbers. */
  count: z.number().check(z.int(), z.positive()),
  usedPercent: z.number(),
  used: z.nullable(z.number().check(z.int())),
  limit: z.nullable(z.number().check(z.int())),
  /** What `used`/`limit` count: "percent" for a limit of exactly 100 (docs/kimi-api.md, "Percent units"); null without counts. */
  unit: z.nullable(z.enum(COUNT_UNITS)),
  resetsAt: z.nullable(IsoTime),
  source: z.nullable(SourceKindSchema),
});
export type HistoryEntryView = z.infer<typeof HistoryEntryViewSchema>;

export function toHistoryEntryView(entry: HistoryEntry): HistoryEntryView {
  return {
    window: entry.windowId,
    firstSeen: new Date(entry.firstSeen).toISOString(),
    lastSeen: new Date(entry.lastSeen).toISOString(),
    count: entry.count,
    usedPercent: round2(entry.usedPercent),
    used: entry.used,
    limit: entry.limit,
    unit: unitOf(entry),
    resetsAt: entry.resetsAt === null ? null : new Date(entry.resetsAt).toISOString(),
    source: entry.sourceKind,
  };
}

// New columns go at the end, so scripts that read by position keep working.
const CSV_COLUMNS = ['window', 'first_seen', 'last_seen', 'count', 'used_percent', 'used', 'limit', 'resets_at', 'source', 'unit'] as const;

/** RFC 4180 CSV with a header row; empty cells for unknown values. Ends with a newline. */
export function formatHistoryCsv(entries: readonly HistoryEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    const view = toHistoryEntryView(entry);
    const cells = [view.window, view.firstSeen, view.lastSeen, view.count, view.usedPercent, view.used, view.limit, view.resetsAt, view.source, view.unit];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface HistoryTableOptions {
  /** IANA zone for the times; the system's by default. */
  readonly timeZone?: string;
}

const TABLE_HEADER = ['From', 'To', 'Window', 'Used', 'Count', 'Resets', 'Refreshes'] as const;

/** Aligned plain-text columns for a terminal; "No history yet." when empty. */
export function formatHistoryTable(entries: readonly HistoryEntry[], options: HistoryTableOptions = {}): string {
  if (entries.length === 0) return 'No history yet.\n';
  const time = new Intl.DateTimeFormat('en-CA', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const show = (ms: number): string => time.format(ms).replace(',', '');
  const rows = entries.map((entry) => [
    show(entry.firstSeen),
    entry.lastSeen === entry.firstSeen ? '' : show(entry.lastSeen),
    entry.windowId,
    `${round2(entry.usedPercent)}%`,
    // A percent-unit count says what the Used column already says; only requests are shown.
    unitOf(entry) === 'requests' ? `${entry.used}/${entry.limit}` : '',
    entry.resetsAt === null ? '' : show(entry.resetsAt),
    String(entry.count),
  ]);
  const table = [[...TABLE_HEADER], ...rows];
  const widths = TABLE_HEADER.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0)));
  return `${table.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n')}\n`;
}

function unitOf(entry: HistoryEntry): CountUnit | null {
  return entry.used !== null && entry.limit !== null ? countUnit(entry.limit) : null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
