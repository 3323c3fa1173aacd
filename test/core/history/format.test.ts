import { describe, expect, it } from 'vitest';
import {
  HistoryEntryViewSchema,
  formatHistoryCsv,
  formatHistoryTable,
  toHistoryEntryView,
  type HistoryEntry,
} from '../../../src/main/core/history/index.js';
import { HOUR, MINUTE, T0 } from './support.js';

const entries: HistoryEntry[] = [
  { windowId: '5h', firstSeen: T0, lastSeen: T0 + 25 * MINUTE, count: 6, usedPercent: 69.5, used: 139, limit: 200, resetsAt: T0 + 2 * HOUR, sourceKind: 'api-key' },
  { windowId: 'monthly-code', firstSeen: T0 + HOUR, lastSeen: T0 + HOUR, count: 1, usedPercent: 33.3333, used: null, limit: null, resetsAt: null, sourceKind: null },
];

describe('history output', () => {
  it('CSV has a header, ISO times, empty cells for unknowns and CRLF lines', () => {
    expect(formatHistoryCsv(entries)).toBe(
      [
        'window,first_seen,last_seen,count,used_percent,used,limit,resets_at,source,unit',
        '5h,2026-11-24T10:00:00.000Z,2026-11-24T10:25:00.000Z,6,69.5,139,200,2026-11-24T12:00:00.000Z,api-key,requests',
        'monthly-code,2026-11-24T11:00:00.000Z,2026-11-24T11:00:00.000Z,1,33.33,,,,,',
        '',
      ].join('\r\n'),
    );
    expect(formatHistoryCsv([])).toBe('window,first_seen,last_seen,count,used_percent,used,limit,resets_at,source,unit\r\n');
  });

  it('JSON views follow the documented schema', () => {
    const views = entries.map(toHistoryEntryView);
    for (const view of views) expect(HistoryEntryViewSchema.parse(view)).toEqual(view);
    expect(views[0]).toEqual({
      window: '5h',
      firstSeen: '2026-11-24T10:00:00.000Z',
      lastSeen: '2026-11-24T10:25:00.000Z',
      count: 6,
      usedPercent: 69.5,
      used: 139,
      limit: 200,
      unit: 'requests',
      resetsAt: '2026-11-24T12:00:00.000Z',
      source: 'api-key',
    });
  });

  it('the table aligns columns in the given time zone', () => {
    expect(formatHistoryTable(entries, { timeZone: 'UTC' })).toBe(
      [
        'From              To                Window        Used    Count    Resets            Refreshes',
        '2026-11-24 10:00  2026-11-24 10:25  5h            69.5%   139/200  2026-11-24 12:00  6',
        '2026-11-24 11:00                    monthly-code  33.33%                             1',
        '',
      ].join('\n'),
    );
    expect(formatHistoryTable(entries, { timeZone: 'Asia/Shanghai' })).toContain('2026-11-24 18:00');
  });

  it('a percent-unit account (limit 100) never shows a request count', () => {
    const percent: HistoryEntry = { windowId: 'weekly', firstSeen: T0, lastSeen: T0, count: 1, usedPercent: 47, used: 47, limit: 100, resetsAt: null, sourceKind: 'api-key' };
    const table = formatHistoryTable([percent], { timeZone: 'UTC' });
    expect(table).toContain('47%');
    expect(table).not.toContain('47/100');
    expect(toHistoryEntryView(percent)).toMatchObject({ used: 47, limit: 100, unit: 'percent' });
    expect(formatHistoryCsv([percent]).split('\r\n')[1]).toMatch(/,percent$/);
  });

  it('says so when there is nothing', () => {
    expect(formatHistoryTable([])).toBe('No history yet.\n');
  });
});
