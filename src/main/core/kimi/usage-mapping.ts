// From a parsed Kimi response to the usage model: which rows exist, their counts or
// percentages, reset times and lengths, the plan name, the account's facts (parallel limit,
// extra usage), and the display order. What each field means, and the evidence for reading it
// this way, is in docs/kimi-api.md. Pure: the network code hands bodies in, the controller gets
// a reading or a KimiError('parse') back.
import type * as z from '../../../shared/zod.js';
import { countUnit, WINDOW_IDS } from '../../../shared/usage.js';
import type { ExtraUsage, UsageSnapshot, UsageSource, UsageWindow, WindowId } from '../../../shared/usage.js';
import { KimiError } from '../errors.js';
import { extraUsageFrom } from './extra-usage.js';
import { computePace } from './pace.js';
import { planName } from './plan.js';
import { CodeApiBodySchema, MembershipStatsSchema, WebUsageBodySchema } from './wire.js';
import type { CountDetail, LimitEntry, MembershipStats, RatioPool } from './wire.js';

/** A window before pace is added (pace depends on the moment the snapshot is built). */
export type ReadingWindow = Omit<UsageWindow, 'pace'>;

/** What one response says, independent of when it is shown. */
export interface UsageReading {
  readonly plan: UsageSnapshot['plan'];
  readonly windows: ReadingWindow[];
  /** Concurrent requests the plan allows, when the server says. */
  readonly parallelLimit?: number | null;
  readonly extraUsage?: ExtraUsage | null;
}

const TITLES: Readonly<Record<WindowId, string>> = {
  '5h': '5-hour',
  weekly: 'Weekly',
  'monthly-total': 'Monthly total',
  'monthly-code': 'Monthly code',
  'code-7d': 'Code 7-day',
};

const FIVE_HOURS_MINUTES = 300;
const WEEK_MINUTES = 10_080;
/** Two rows describe the same window when their resets are this close. Seen skew is under two
 *  seconds; two different windows of one length reset a whole window length apart. */
const SAME_RESET_TOLERANCE_MS = 5 * 60_000;
/** A pool and a counted row within this many percentage points say the same thing. */
const AGREEMENT_PERCENT_POINTS = 1;
/** A ratio above this is taken to be a percent already: defensive, never seen, but a server
 *  that starts sending 42 for 42 % must not read as 100 %. */
const RATIO_OR_PERCENT_BOUNDARY = 1.5;

/** The Code API body: the classic shape, the ratio-pool shape, or both in one body. */
export function mapCodeApiUsage(body: unknown): UsageReading {
  const wire = parseBody(CodeApiBodySchema, body);
  const countedWeekly = countedWindow('weekly', wire.usage, WEEK_MINUTES);
  const countedRate = rateWindow(wire.limits);
  const pools = wire.usages;
  // Plans with a monthly pool send `limits` counts that are not the quota (placeholder zeros,
  // or a window left at 100 of 100), so only accounts on the older weekly scheme may let
  // counts stand in for a pool stuck at zero.
  const legacyCounts = countedWeekly?.used !== undefined && pools?.limit_month_total === undefined && pools?.limit_month_code === undefined;
  const fiveHour = reconcile(countedRate, ratioWindow('5h', pools?.limit_5h, FIVE_HOURS_MINUTES), legacyCounts);
  const windows = present([
    // An unused 5-hour pool may come without its reset; the 300-minute count row has it.
    fiveHour === undefined ? undefined : withFallbackReset(fiveHour, fiveHourReset(wire.limits)),
    reconcile(countedWeekly, ratioWindow('weekly', pools?.limit_7d, WEEK_MINUTES), legacyCounts),
    // Months differ in length, so monthly pools carry no window length (and no pace).
    ratioWindow('monthly-total', pools?.limit_month_total, undefined),
    ratioWindow('monthly-code', pools?.limit_month_code, undefined),
  ]);
  if (windows.length === 0) throw parseError('no usage windows in response');
  const weeklyRequests = countedWeekly?.unit === 'requests' ? countedWeekly.limit : undefined;
  return {
    plan: planName({ level: wire.user?.membership?.level, catalogVersion: wire.version, weeklyLimit: weeklyRequests }),
    windows,
    parallelLimit: parallelLimit(wire.parallel?.limit),
    extraUsage: extraUsageFrom(wire.boosterWallet),
  };
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
  return { plan: planName({ weeklyLimit: weekly?.unit === 'requests' ? weekly.limit : undefined }), windows };
}

/** The snapshot every screen renders: rows in display order, each with its pace at `now`. */
export function buildSnapshot(reading: UsageReading, source: UsageSource, now: Date): UsageSnapshot {
  const windows = [...reading.windows]
    .sort((a, b) => WINDOW_IDS.indexOf(a.id) - WINDOW_IDS.indexOf(b.id))
    .map((window) => ({ ...window, pace: computePace(window, now) }));
  return {
    source,
    plan: reading.plan,
    updatedAt: now.toISOString(),
    stale: false,
    windows,
    parallelLimit: reading.parallelLimit ?? null,
    extraUsage: reading.extraUsage ?? null,
    error: null,
  };
}

function parseBody<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
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

/**
 * The rate row: the usable entry whose declared length is 300 minutes, else the first usable
 * one (a missing `window` means 300 minutes).
 */
function rateWindow(limits: readonly LimitEntry[]): ReadingWindow | undefined {
  const usable = countedLimits(limits);
  return (usable.find((entry) => entry.minutes === FIVE_HOURS_MINUTES) ?? usable[0])?.row;
}

/** The reset of the 300-minute entry, whatever its counts say: a reset is a fact on its own. */
function fiveHourReset(limits: readonly LimitEntry[]): string | undefined {
  return countedLimits(limits).find((entry) => entry.minutes === FIVE_HOURS_MINUTES)?.row.resetsAt;
}

function countedLimits(limits: readonly LimitEntry[]): { row: ReadingWindow; minutes: number | undefined }[] {
  return limits.flatMap((entry) => {
    const minutes = entry.window === undefined ? FIVE_HOURS_MINUTES : entry.window.minutes;
    const row = countedWindow('5h', entry.detail, minutes);
    return row === undefined ? [] : [{ row, minutes }];
  });
}

/**
 * A row with counts. No usable limit (missing, ≤ 0, not a safe integer) means no row. `used` is
 * read when it is a count (≥ 0; above the limit is over quota), else `limit − remaining` when
 * `remaining` lies within 0…limit (proto3 leaves out a zero `used`). When neither holds, the
 * counts contradict themselves: the row stays, at 0 % and without `used`, and with no length,
 * so nothing (pace, a pool) is built on a guess.
 */
function countedWindow(id: WindowId, detail: CountDetail | undefined, minutes: number | undefined): ReadingWindow | undefined {
  if (detail?.limit === undefined) return undefined;
  const limit = Math.round(detail.limit);
  if (!Number.isSafeInteger(limit) || limit <= 0) return undefined;
  const counts = { id, title: TITLES[id], limit, unit: countUnit(limit) } as const;
  const used = usedCount(detail, limit);
  if (used === undefined) return withTiming({ ...counts, usedPercent: 0 }, detail.resetsAtMs, undefined);
  return withTiming({ ...counts, used, usedPercent: clampPercent((used / limit) * 100) }, detail.resetsAtMs, minutes);
}

function usedCount(detail: CountDetail, limit: number): number | undefined {
  if (detail.used !== undefined && detail.used >= 0) return Math.min(Math.round(detail.used), Number.MAX_SAFE_INTEGER);
  const remaining = detail.remaining;
  if (remaining !== undefined && remaining >= 0 && remaining <= limit) return Math.round(limit - remaining);
  return undefined;
}

/** A row from a ratio pool. A pool with neither a usable ratio nor a reset says nothing; an
 *  unreadable ratio ("NaN", negative) is no reading even with a reset. */
function ratioWindow(id: WindowId, pool: RatioPool | undefined, minutes: number | undefined): ReadingWindow | undefined {
  if (pool === undefined || pool.usedRatio === null || (pool.usedRatio === undefined && pool.resetsAtMs === undefined)) return undefined;
  // proto3 leaves out a zero: a pool with a reset and no ratio is 0 % used.
  return withTiming({ id, title: TITLES[id], usedPercent: percentFromRatio(pool.usedRatio ?? 0) }, pool.resetsAtMs, minutes);
}

/**
 * One row for a window reported both as counts and as a ratio pool. The pool is the newer
 * source and carries the finer share, so it wins, with two exceptions that need proof the two
 * describe the same window (same length, both resets present and close):
 * - they agree within a point: the pool's share, with the counts kept beside it ("50/200");
 * - the pool reads 0 while valid counts do not, on an account of the weekly scheme: some
 *   pools stay at 0 while the quota is spent, and the counts are then the truth.
 */
function reconcile(counted: ReadingWindow | undefined, pooled: ReadingWindow | undefined, legacyCounts: boolean): ReadingWindow | undefined {
  if (counted === undefined || pooled === undefined) return counted ?? pooled;
  if (counted.used === undefined || !sameWindow(counted, pooled)) return pooled;
  if (pooled.usedPercent === 0 && counted.used > 0) return legacyCounts ? counted : pooled;
  const agree = Math.abs(pooled.usedPercent - counted.usedPercent) <= AGREEMENT_PERCENT_POINTS;
  return agree ? { ...counted, usedPercent: pooled.usedPercent } : pooled;
}

function sameWindow(a: ReadingWindow, b: ReadingWindow): boolean {
  if (a.windowMinutes === undefined || a.windowMinutes !== b.windowMinutes) return false;
  if (a.resetsAt === undefined || b.resetsAt === undefined) return false;
  return sameReset(a.resetsAt, b.resetsAt);
}

function sameReset(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= SAME_RESET_TOLERANCE_MS;
}

function withFallbackReset(window: ReadingWindow, resetsAt: string | undefined): ReadingWindow {
  return window.resetsAt !== undefined || resetsAt === undefined ? window : { ...window, resetsAt };
}

/** `parallel.limit`: how many requests may run at once, a positive whole number. */
function parallelLimit(limit: number | undefined): number | null {
  return limit !== undefined && Number.isSafeInteger(limit) && limit > 0 ? limit : null;
}

/** Membership stats: "Monthly total" and "Monthly code" from the subscription balance, "Code
 *  7-day" from its rate limit. A share that was sent but is unreadable ("NaN") gives no row,
 *  never a 0 % row. */
function membershipWindows(stats: MembershipStats, weekly: ReadingWindow | undefined): ReadingWindow[] {
  const balance = stats.balances.find(
    (b) => (!b.feature || b.feature === 'FEATURE_OMNI') && (!b.type || b.type === 'SUBSCRIPTION'),
  );
  const windows: ReadingWindow[] = [];
  if (balance !== undefined && balance.amountUsedRatio !== null) {
    // proto3 leaves out a zero share.
    const total = { id: 'monthly-total', title: TITLES['monthly-total'], usedPercent: percentFromRatio(balance.amountUsedRatio ?? 0) } as const;
    windows.push(withTiming(total, balance.expiresAtMs, undefined));
  }
  if (balance !== undefined && typeof balance.kimiCodeUsedRatio === 'number') {
    const code = { id: 'monthly-code', title: TITLES['monthly-code'], usedPercent: percentFromRatio(balance.kimiCodeUsedRatio) } as const;
    windows.push(withTiming(code, balance.expiresAtMs, undefined));
  }
  const stat = stats.code7d;
  if (stat !== undefined && stat.enabled !== false && typeof stat.ratio === 'number') {
    const code7d = withTiming({ id: 'code-7d', title: TITLES['code-7d'], usedPercent: percentFromRatio(stat.ratio) }, stat.resetsAtMs, WEEK_MINUTES);
    if (!duplicatesWeekly(code7d, weekly)) windows.push(code7d);
  }
  return windows;
}

/** "Code 7-day" repeats the weekly row when both percent (±1 pp) and reset (±5 min) match. */
function duplicatesWeekly(code7d: ReadingWindow, weekly: ReadingWindow | undefined): boolean {
  if (weekly?.resetsAt === undefined || code7d.resetsAt === undefined || weekly.used === undefined) return false;
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

function percentFromRatio(ratio: number): number {
  return clampPercent(ratio > RATIO_OR_PERCENT_BOUNDARY ? ratio : ratio * 100);
}

function clampPercent(percent: number): number {
  return Math.min(Math.max(percent, 0), 100);
}
