// Real `/coding/v1/usages` bodies (redacted; test/fixtures/kimi/README.md says where each was
// captured) through the real mapping: which rows exist, what each reads, the plan, the
// parallel limit and the extra usage — and that no surface words a percent unit as requests.
import { describe, expect, it } from 'vitest';
import { renderUsage } from '../../../src/main/cli/render-usage.js';
import { buildSnapshot, mapCodeApiUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import type { ReadingWindow, UsageReading } from '../../../src/main/core/kimi/usage-mapping.js';
import { trayTooltip } from '../../../src/main/core/tray-icon/index.js';
import { describeWindow } from '../../../src/renderer/usage-view.js';
import { UsageSnapshotSchema, type ExtraUsage } from '../../../src/shared/usage.js';
import { loadKimiFixture } from '../../fixtures/kimi/load.js';

/** The parts of a captured body a variation edits. */
interface EditableBody {
  limits: { detail: unknown }[];
  usages: Record<string, unknown>;
  boosterWallet: { balance: Record<string, unknown> };
}

type Row = Pick<ReadingWindow, 'id' | 'usedPercent'> & Partial<Pick<ReadingWindow, 'used' | 'limit' | 'unit' | 'resetsAt' | 'windowMinutes'>>;

interface Case {
  readonly name: string;
  readonly fixture: string;
  /** Applied to the parsed fixture, for the variations a capture suggests. */
  readonly edit?: (body: EditableBody) => void;
  readonly plan: string | null;
  readonly rows: readonly Row[];
  readonly parallelLimit?: number | null;
  readonly extraUsage?: ExtraUsage | null;
}

const FIVE_HOURS = 300;
const WEEK = 10_080;

const CASES: readonly Case[] = [
  {
    name: 'new scheme (no `usage`): the 5-hour counts 0 of 100 and the monthly pools',
    fixture: 'new-scheme-pools.json',
    plan: null,
    rows: [
      { id: '5h', usedPercent: 0, used: 0, limit: 100, unit: 'percent', resetsAt: '2026-09-15T12:49:10.897Z', windowMinutes: FIVE_HOURS },
      { id: 'monthly-total', usedPercent: 3.38, resetsAt: '2026-10-15T07:49:10.000Z' },
      { id: 'monthly-code', usedPercent: 0, resetsAt: '2026-10-15T07:49:10.000Z' },
    ],
  },
  {
    name: 'new scheme, 5-hour counts 100 of 100 beside a zero pool: not exhausted',
    fixture: 'new-scheme-pools.json',
    edit: (body) => void (body.limits[0]!.detail = { limit: '100', used: '100', resetTime: '2026-09-15T12:49:10.897370Z' }),
    plan: null,
    rows: [
      { id: '5h', usedPercent: 0, resetsAt: '2026-09-15T12:49:10.000Z', windowMinutes: FIVE_HOURS },
      { id: 'monthly-total', usedPercent: 3.38, resetsAt: '2026-10-15T07:49:10.000Z' },
      { id: 'monthly-code', usedPercent: 0, resetsAt: '2026-10-15T07:49:10.000Z' },
    ],
  },
  {
    name: 'new scheme, an unused 5-hour pool without its reset: the 300-minute entry’s reset',
    fixture: 'new-scheme-pools.json',
    edit: (body) => void (body.usages['limit_5h'] = { used_ratio: 0 }),
    plan: null,
    rows: [
      { id: '5h', usedPercent: 0, resetsAt: '2026-09-15T12:49:10.897Z', windowMinutes: FIVE_HOURS },
      { id: 'monthly-total', usedPercent: 3.38, resetsAt: '2026-10-15T07:49:10.000Z' },
      { id: 'monthly-code', usedPercent: 0, resetsAt: '2026-10-15T07:49:10.000Z' },
    ],
  },
  {
    name: 'new scheme with placeholder zero counts: the pools alone',
    fixture: 'new-scheme-placeholder.json',
    plan: null,
    rows: [
      { id: '5h', usedPercent: 0, resetsAt: '2026-09-16T20:11:32.000Z', windowMinutes: FIVE_HOURS },
      { id: 'monthly-total', usedPercent: 0, resetsAt: '2026-10-16T00:00:00.000Z' },
      { id: 'monthly-code', usedPercent: 0, resetsAt: '2026-10-16T00:00:00.000Z' },
    ],
  },
  {
    name: 'old scheme in percent units, pools stuck at 0: the counts',
    fixture: 'old-scheme-zero-pools.json',
    plan: null,
    rows: [
      { id: '5h', usedPercent: 1, used: 1, limit: 100, unit: 'percent', resetsAt: '2026-09-19T14:45:59.449Z', windowMinutes: FIVE_HOURS },
      { id: 'weekly', usedPercent: 19, used: 19, limit: 100, unit: 'percent', resetsAt: '2026-09-19T16:45:59.449Z', windowMinutes: WEEK },
    ],
  },
  {
    name: 'old scheme, weekly quota spent while its pool reads 0: exhausted',
    fixture: 'old-scheme-weekly-exhausted.json',
    plan: null,
    rows: [
      { id: '5h', usedPercent: 0, used: 0, limit: 100, unit: 'percent', resetsAt: '2026-09-21T01:09:07.465Z', windowMinutes: FIVE_HOURS },
      { id: 'weekly', usedPercent: 100, used: 100, limit: 100, unit: 'percent', resetsAt: '2026-09-24T02:09:07.465Z', windowMinutes: WEEK },
    ],
  },
  {
    name: 'classic shape in percent units with a parallel limit',
    fixture: 'percent-classic-parallel.json',
    plan: null,
    parallelLimit: 30,
    rows: [
      { id: '5h', usedPercent: 27, used: 27, limit: 100, unit: 'percent', resetsAt: '2026-08-08T14:53:05.519Z', windowMinutes: FIVE_HOURS },
      { id: 'weekly', usedPercent: 26, used: 26, limit: 100, unit: 'percent', resetsAt: '2026-08-11T15:53:05.519Z', windowMinutes: WEEK },
    ],
  },
  {
    name: 'a global Moderato account of the version-1 catalog',
    fixture: 'overseas-basic-v1.json',
    plan: 'Moderato',
    parallelLimit: 10,
    rows: [
      { id: '5h', usedPercent: 3, used: 3, limit: 100, unit: 'percent', resetsAt: '2026-09-04T19:50:20.391Z', windowMinutes: FIVE_HOURS },
      { id: 'weekly', usedPercent: 1, used: 1, limit: 100, unit: 'percent', resetsAt: '2026-09-11T14:50:20.391Z', windowMinutes: WEEK },
    ],
  },
  {
    name: 'a turned-off booster wallet: no extra usage',
    fixture: 'booster-wallet-disabled.json',
    plan: 'Allegretto',
    extraUsage: null,
    rows: [
      { id: '5h', usedPercent: 12, used: 12, limit: 100, unit: 'percent', resetsAt: '2026-08-02T01:45:09.020Z', windowMinutes: FIVE_HOURS },
      { id: 'weekly', usedPercent: 51, used: 51, limit: 100, unit: 'percent', resetsAt: '2026-08-07T05:45:09.020Z', windowMinutes: WEEK },
    ],
  },
  {
    name: 'the official CLI’s booster wallet sample: 100 of 200 USD left, 50 of a 200 cap spent',
    fixture: 'booster-wallet-official.json',
    plan: null,
    extraUsage: { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 },
    rows: [{ id: 'weekly', usedPercent: 4, used: 40, limit: 1000, unit: 'requests', windowMinutes: WEEK }],
  },
  {
    name: 'the same wallet with nothing bought (proto3 leaves out the zero): no extra usage',
    fixture: 'booster-wallet-official.json',
    edit: (body) => void delete body.boosterWallet.balance['amount'],
    plan: null,
    extraUsage: null,
    rows: [{ id: 'weekly', usedPercent: 4, used: 40, limit: 1000, unit: 'requests', windowMinutes: WEEK }],
  },
];

function mapped(testCase: Case): UsageReading {
  const body = loadKimiFixture(testCase.fixture) as EditableBody;
  testCase.edit?.(body);
  return mapCodeApiUsage(body);
}

describe.each(CASES)('$name', (testCase) => {
  it('maps to the expected rows, plan, parallel limit and extra usage', () => {
    const reading = mapped(testCase);
    expect(reading.windows.map((window) => ({ ...window, title: undefined }))).toEqual(testCase.rows.map((row) => ({ ...row, title: undefined })));
    for (const [index, row] of testCase.rows.entries()) expect(reading.windows[index]?.usedPercent).toBeCloseTo(row.usedPercent, 10);
    expect(reading.plan).toBe(testCase.plan);
    expect(reading.parallelLimit).toBe(testCase.parallelLimit ?? null);
    expect(reading.extraUsage).toEqual(testCase.extraUsage ?? null);
  });

  it('builds a valid snapshot that no surface words as requests when the unit is percent', () => {
    const now = new Date(Date.parse(testCase.rows[0]?.resetsAt ?? '2026-09-01T00:00:00Z') - 3_600_000);
    const snapshot = UsageSnapshotSchema.parse(buildSnapshot(mapped(testCase), { kind: 'api-key', label: 'Kimi Code API key' }, now));
    const percentWindows = snapshot.windows.filter((window) => window.unit === 'percent');
    // The header's "Up to 30 parallel requests" counts concurrency, not the quota: left out.
    const texts = [
      renderUsage(snapshot, now, { style: (_style, text) => text }).split('\n').slice(1).join('\n'),
      trayTooltip(snapshot, now.getTime()),
      ...percentWindows.flatMap((window) => [true, false].map((used) => JSON.stringify(describeWindow('en', window, now.getTime(), used)))),
    ].join('\n');
    for (const window of percentWindows) {
      const line = texts.split('\n').find((text) => text.startsWith(window.id === '5h' ? '5-hour' : 'Weekly')) ?? '';
      expect(line).not.toMatch(/requests|\/100|Rate:/);
      expect(line).toMatch(/\d+% left {2}\d+% used$/);
    }
    if (percentWindows.length === snapshot.windows.length) expect(texts).not.toMatch(/requests|\/100/);
  });
});
