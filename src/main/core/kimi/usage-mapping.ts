// From a parsed Kimi response to the usage model: which rows exist, their counts or
// percentages, reset times and lengths, the plan name, and the display order. What each field
// means, and the evidence for reading it this way, is in docs/kimi-api.md. Pure: the network
// code hands bodies in, the controller gets a reading or a KimiError('parse') back.
import type { z } from 'zod';
import { WINDOW_IDS } from '../../../shared/usage.js';
import type { UsageSnapshot, UsageSource, UsageWindow, WindowId } from '../../../shared/usage.js';
import { KimiError } from '../errors.js';
import { computePace } from './pace.js';
import { planName } from './plan.js';
import { CodeApiBodySchema, MembershipStatsSchema, WebUsageBodySchema } from './wire.js';
import type { CountDetail, LimitEntry, MembershipStats, RatioPool } from './wire.js';

/** A window before pace is added (pace depends on the moment the snapshot is built). */
export type ReadingWindow = Omit<UsageWindow, 'pace'>;

/** What one response says, independent of when it is shown. */
export type UsageReading = { plan: UsageSnapshot['plan']; windows: ReadingWindow[] };

const TITLES: Readonly<Record<WindowId, string>> = {
  '5h': '5-hour',
  weekly: 'Weekly',
  'monthly-total': 'Monthly total',
  'monthly-code': 'Monthly code',
  'code-7d': 'Code 7-day',
};

const FIVE_HOURS_MINUTES = 300;
const WEEK_MINUTES = 10_080;
/** Two rows describe the same window when their resets are this close. */
const SAME_RESET_TOLERANCE_MS = 5 * 60_000;
/** A pool and a counted row within this many percentage points say the same thing. */
const AGREEMENT_PERCENT_POINTS = 1;

/** The Code API body: the classic shape, the ratio-pool shape, or both in one body. */
export function mapCodeApiUsage(body: unknown): UsageReading {
  const wire = parseBody(CodeApiBodySchema, body);
  const countedWeekly = countedWindow('weekly', wire.usage, WEEK_MINUTES);
  const pools = wire.usages;
  const windows = present([
    reconcile(rateWindow(wire.limits), ratioWindow('5h', pools?.limit_5h, FIVE_HOURS_MINUTES)),
    reconcile(countedWeekly, ratioWindow('weekly', pools?.limit_7d, WEEK_MINUTES)),
    // Months differ in length, so monthly pools carry no window length (and no pace).
    ratioWindow('monthly-total', pools?.limit_month_total, undefined),
    ratioWindow('monthly-code', pools?.limit_month_code, undefined),
  ]);
  if (windows.length === 0) throw parseError('no usage windows in response');
  return { plan: planName({ level: wire.user?.membership?.level, weeklyLimit: countedWeekly?.limit }), windows };
}

/** The web GetUsages body, enriched by the membership stats when given; a useless membership body is ignored. */
export function mapWebUsage(body: unknown, membership: unknown): UsageReading {
  const wire = parseBody(WebUsageBodySchema, body);
  const coding = wire.usages.find((entry) => entry.scope === 'FEATURE_CODING');
  if (coding === undefined) throw parseError('no FEATURE_CODING usage in response');
  const weekly = countedWindow('weekly', coding.detail, WEEK_MINUTES);
  const rate = rateWindow(coding.limits);
  if (weekly === undefined && rate === undefined) throw parseError('no usage windows in response');
  const stats = membership === null ? undefined : MembershipStatsSchema.safeParse(membership).data;
  const windows = present([rate, weekly, ...(stats === undefined ? [] : membershipWindows(stats, weekly))]);
  return { plan: planName({ weeklyLimit: weekly?.limit }), windows };
}

/** The snapshot every screen renders: rows in display order, each with its pace at `now`. */
export function buildSnapshot(reading: UsageReading, source: UsageSource, now: Date): UsageSnapshot {
  const windows = [...reading.windows]
    .sort((a, b) => WINDOW_IDS.indexOf(a.id) - WINDOW_IDS.indexOf(b.id))
    .map((window) => ({ ...window, pace: computePace(window, now) }));
  return { source, plan: reading.plan, updatedAt: now.toISOString(), stale: false, windows, error: null };
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw parseError('response is not a JSON object');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw parseError('unexpected response shape');
  return parsed.data;
}

function parseError(reason: string): KimiError {
  return new KimiError('parse', { detail: reason });
}

function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/** The 5-hour row is the usable entry whose length is 300 minutes, else the first usable one. */
function rateWindow(limits: readonly LimitEntry[]): ReadingWindow | undefined {
  const usable = present(
    limits.map((entry) =>
      countedWindow('5h', entry.detail, entry.window === undefined ? FIVE_HOURS_MINUTES : entry.window.minutes),
    ),
  );
  return usable.find((window) => window.windowMinutes === FIVE_HOURS_MINUTES) ?? usable[0];
}

/**
 * A row with counts. proto3 omits zeros: `used` wins, else limit − remaining, else 0.
 * No usable limit (missing, ≤ 0, not a safe integer) means no row.
 */
function countedWindow(id: WindowId, detail: CountDetail | undefined, minutes: number | undefined): ReadingWindow | undefined {
  if (detail?.limit === undefined) return undefined;
  const limit = Math.round(detail.limit);
  if (!Number.isSafeInteger(limit) || limit <= 0) return undefined;
  const rawUsed = detail.used ?? (detail.remaining === undefined ? 0 : detail.limit - detail.remaining);
  const used = Math.min(Math.max(Math.round(rawUsed), 0), Number.MAX_SAFE_INTEGER);
  return withTiming({ id, title: TITLES[id], usedPercent: clampPercent((used / limit) * 100), used, limit }, detail.resetsAtMs, minutes);
}

/** A row from a ratio pool. A pool with neither a ratio nor a reset says nothing. */
function ratioWindow(id: WindowId, pool: RatioPool | undefined, minutes: number | undefined): ReadingWindow | undefined {
  if (pool === undefined || (pool.usedRatio === undefined && pool.resetsAtMs === undefined)) return undefined;
  return withTiming({ id, title: TITLES[id], usedPercent: percentFromRatio(pool.usedRatio ?? 0) }, pool.resetsAtMs, minutes);
}

/**
 * One row for a window reported both as counts and as a ratio pool. The pool is the newer
 * source, but some accounts report ratios stuck at 0 while the counts move, and when the two
 * agree the counts say more ("139/200" rather than "70%").
 */
function reconcile(counted: ReadingWindow | undefined, pooled: ReadingWindow | undefined): ReadingWindow | undefined {
  if (counted === undefined || pooled === undefined) return counted ?? pooled;
  if (!sameReset(counted.resetsAt, pooled.resetsAt)) return pooled;
  const stuckAtZero = pooled.usedPercent === 0 && (counted.used ?? 0) > 0;
  const agree = Math.abs(pooled.usedPercent - counted.usedPercent) <= AGREEMENT_PERCENT_POINTS;
  return stuckAtZero || agree ? counted : pooled;
}

/** Resets within 5 minutes; a missing reset cannot tell two rows of one response apart. */
function sameReset(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= SAME_RESET_TOLERANCE_MS;
}

/** Membership stats: "Monthly total" and "Monthly code" from the subscription balance, "Code 7-day" from its rate limit. */
function membershipWindows(stats: MembershipStats, weekly: ReadingWindow | undefined): ReadingWindow[] {
  const balance = stats.balances.find(
    (b) => (!b.feature || b.feature === 'FEATURE_OMNI') && (!b.type || b.type === 'SUBSCRIPTION'),
  );
  const windows: ReadingWindow[] = [];
  if (balance !== undefined) {
    const total = { id: 'monthly-total', title: TITLES['monthly-total'], usedPercent: percentFromRatio(balance.amountUsedRatio ?? 0) } as const;
    windows.push(withTiming(total, balance.expiresAtMs, undefined));
    if (balance.kimiCodeUsedRatio !== undefined) {
      const code = { id: 'monthly-code', title: TITLES['monthly-code'], usedPercent: percentFromRatio(balance.kimiCodeUsedRatio) } as const;
      windows.push(withTiming(code, balance.expiresAtMs, undefined));
    }
  }
  const stat = stats.code7d;
  if (stat !== undefined && stat.enabled !== false && stat.ratio !== undefined) {
    const code7d = withTiming({ id: 'code-7d', title: TITLES['code-7d'], usedPercent: percentFromRatio(stat.ratio) }, stat.resetsAtMs, WEEK_MINUTES);
    if (!duplicatesWeekly(code7d, weekly)) windows.push(code7d);
  }
  return windows;
}

/** "Code 7-day" repeats the weekly row when both percent (±1 pp) and reset (±5 min) match. */
function duplicatesWeekly(code7d: ReadingWindow, weekly: ReadingWindow | undefined): boolean {
  if (weekly?.resetsAt === undefined || code7d.resetsAt === undefined) return false;
  return (
    Math.abs(code7d.usedPercent - weekly.usedPercent) <= AGREEMENT_PERCENT_POINTS && sameReset(code7d.resetsAt, weekly.resetsAt)
  );
}

type TimelessWindow = Omit<ReadingWindow, 'resetsAt' | 'windowMinutes'>;

function withTiming(window: TimelessWindow, resetsAtMs: number | undefined, minutes: number | undefined): ReadingWindow {
  const resetsAt = isoInstant(resetsAtMs);
  return {
    ...window,
    ...(resetsAt === undefined ? {} : { resetsAt }),
    ...(minutes === undefined ? {} : { windowMinutes: minutes }),
  };
}

/** ISO 8601 in the snapshot's form; instants outside years 0–9999 have no such form. */
function isoInstant(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < 0 || year > 9999 ? undefined : date.toISOString();
}

/** A ratio above 1.5 is taken to be a percent already: defensive, never seen, but a server that
 *  starts sending 42 for 42 % must not read as 100 %. */
function percentFromRatio(ratio: number): number {
  return clampPercent(ratio > 1.5 ? ratio : ratio * 100);
}

function clampPercent(percent: number): number {
  return Math.min(Math.max(percent, 0), 100);
}
