// Which notifications a refresh earns: a threshold crossed (once per window per
// reset period), depleted (also when Kimi refuses a refresh because the limit is reached),
// restored, a reminder 15 min before a depleted 5-hour window resets, and "refresh keeps
// failing" (at most once per 30 min). Pure: the previous memory, an event
// and the time go in; decisions and the next memory come out. The memory is plain JSON so
// the app can keep it across restarts. Decisions carry data, not text: notification-text.ts
// words them in the user's language.
import * as z from '../../../shared/zod.js';
import type { Settings } from '../../../shared/settings.js';
import type { ErrorView, UsageSnapshot, UsageWindow, WindowId } from '../../../shared/usage.js';
import { ErrorViewSchema, WindowIdSchema } from '../../../shared/usage.js';
import { HistoryNoticeReasonSchema } from '../history/notice.js';
import { MINUTE_MS } from './cadence.js';

export type NotificationSettings = Settings['general']['notifications'];

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** The windows that block work when they run out; the monthly rows only inform. */
const WATCHED_WINDOWS = new Set<string>(['5h', 'weekly']);

/** A reset time that moves forward by more than this starts a new period (servers jitter). */
const NEW_PERIOD_TOLERANCE_MS = MINUTE_MS;
/** A warned threshold re-arms once the remaining share is this far back above it, so a
 *  rolling window hovering at a threshold does not warn on every refresh. */
const REARM_MARGIN_PERCENT = 5;
const REMINDER_LEAD_MS = 15 * MINUTE_MS;
/** "Keeps failing" means this many failed refreshes in a row. */
export const FAILING_AFTER_FAILURES = 3;
const FAILING_NOTICE_GAP_MS = 30 * MINUTE_MS;

const WindowFields = { windowId: WindowIdSchema, windowTitle: z.string() };

export const NotificationDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), ...WindowFields, threshold: z.number(), leftPercent: z.number(), resetsAt: z.nullable(IsoTimeSchema) }),
  z.object({ kind: z.literal('depleted'), ...WindowFields, resetsAt: z.nullable(IsoTimeSchema) }),
  z.object({ kind: z.literal('restored'), ...WindowFields, leftPercent: z.number() }),
  z.object({ kind: z.literal('reset-reminder'), ...WindowFields, resetsAt: IsoTimeSchema }),
  z.object({ kind: z.literal('refresh-failing'), error: ErrorViewSchema, failures: z.number().check(z.int(), z.positive()) }),
  /** The history file was moved aside, cannot be used, or a write failed: told once per kind
   *  and run (the history store decides), whatever the notification settings. */
  z.object({ kind: z.literal('history'), reason: HistoryNoticeReasonSchema, backupPath: z.nullable(z.string()) }),
]);
export type NotificationDecision = z.infer<typeof NotificationDecisionSchema>;

const WindowMemorySchema = z.object({
  title: z.string(),
  leftPercent: z.number(),
  resetsAt: z.nullable(IsoTimeSchema),
  /** Thresholds already announced in this period. */
  warned: z.array(z.number()),
  depleted: z.boolean(),
  /** The pre-reset reminder for this depleted period has been given. */
  reminded: z.boolean(),
});
type WindowMemory = z.infer<typeof WindowMemorySchema>;

export const NotificationMemorySchema = z.object({
  windows: z._default(z.partialRecord(WindowIdSchema, WindowMemorySchema), {}),
  failingNotifiedAt: z._default(z.nullable(IsoTimeSchema), null),
});
export type NotificationMemory = z.infer<typeof NotificationMemorySchema>;

export const EMPTY_NOTIFICATION_MEMORY: NotificationMemory = { windows: {}, failingNotifiedAt: null };

/** Reads memory kept on disk; anything unreadable starts afresh rather than failing. */
export function parseNotificationMemory(value: unknown): NotificationMemory {
  const parsed = NotificationMemorySchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_NOTIFICATION_MEMORY;
}

export type NotificationEvent =
  | { readonly type: 'refreshed'; readonly snapshot: UsageSnapshot }
  | { readonly type: 'failed'; readonly error: ErrorView; readonly consecutiveFailures: number }
  /** Kimi refused a refresh because this window's limit is reached (no numbers came back). */
  | { readonly type: 'limit-reached'; readonly windowId: WindowId; readonly resetsAt: string | null }
  /** Time passed with no refresh: only the pre-reset reminder can become due. */
  | { readonly type: 'clock' };

export interface NotificationOutcome {
  readonly decisions: NotificationDecision[];
  readonly memory: NotificationMemory;
}

/**
 * Decides what to announce. The memory always advances, even for notifications switched off,
 * so switching one on later does not replay old crossings. A window seen for the first time
 * is taken as the baseline: "crossed" needs an earlier reading above the line.
 */
export function decideNotifications(
  memory: NotificationMemory,
  event: NotificationEvent,
  now: number,
  settings: NotificationSettings,
): NotificationOutcome {
  switch (event.type) {
    case 'refreshed':
      return decideOnSnapshot(memory, event.snapshot, now, settings);
    case 'failed':
      return decideOnFailure(memory, event.error, event.consecutiveFailures, now, settings);
    case 'limit-reached':
      return decideOnLimitReached(memory, event.windowId, event.resetsAt, settings);
    case 'clock':
      return decideReminders(memory, now, settings);
  }
}

/** When the pre-reset reminder falls due, so the controller can wake for it; null if none. */
export function nextReminderAt(memory: NotificationMemory, settings: NotificationSettings): number | null {
  if (!settings.preResetReminder) return null;
  const fiveHour = memory.windows['5h'];
  if (!fiveHour?.depleted || fiveHour.reminded || fiveHour.resetsAt === null) return null;
  return Date.parse(fiveHour.resetsAt) - REMINDER_LEAD_MS;
}

function decideOnSnapshot(
  memory: NotificationMemory,
  snapshot: UsageSnapshot,
  now: number,
  settings: NotificationSettings,
): NotificationOutcome {
  const decisions: NotificationDecision[] = [];
  const windows = { ...memory.windows };
  for (const window of snapshot.windows) {
    if (!WATCHED_WINDOWS.has(window.id)) continue;
    const previous = windows[window.id];
    const next = previous === undefined ? baseline(window, settings) : advance(previous, window, settings, decisions);
    windows[window.id] = next;
  }
  const reminded = decideReminders({ ...memory, windows }, now, settings);
  return { decisions: [...decisions, ...reminded.decisions], memory: reminded.memory };
}

function baseline(window: UsageWindow, settings: NotificationSettings): WindowMemory {
  const left = leftPercent(window);
  return {
    title: window.title,
    leftPercent: left,
    resetsAt: window.resetsAt ?? null,
    warned: settings.thresholds.filter((t) => left <= t),
    depleted: left <= 0,
    reminded: false,
  };
}

function advance(
  previous: WindowMemory,
  window: UsageWindow,
  settings: NotificationSettings,
  decisions: NotificationDecision[],
): WindowMemory {
  const left = leftPercent(window);
  const resetsAt = window.resetsAt ?? null;
  const newPeriod = startsNewPeriod(previous.resetsAt, resetsAt);
  const wasDepleted = previous.depleted && !newPeriod;
  const depleted = left <= 0;
  const stillWarned = (newPeriod ? [] : previous.warned).filter((t) => left < t + REARM_MARGIN_PERCENT);
  const crossed = settings.thresholds.filter((t) => left <= t && !stillWarned.includes(t));
  const ids = { windowId: window.id, windowTitle: window.title };

  if (depleted && !wasDepleted) {
    if (settings.depleted) decisions.push({ kind: 'depleted', ...ids, resetsAt });
  } else if (crossed.length > 0 && !depleted) {
    if (settings.thresholdWarnings) {
      decisions.push({ kind: 'threshold', ...ids, threshold: Math.min(...crossed), leftPercent: left, resetsAt });
    }
  }
  if (previous.depleted && !depleted && settings.restored) {
    decisions.push({ kind: 'restored', ...ids, leftPercent: left });
  }
  return {
    title: window.title,
    leftPercent: left,
    resetsAt,
    warned: [...stillWarned, ...crossed].sort((a, b) => b - a),
    depleted,
    reminded: depleted && !newPeriod && previous.reminded,
  };
}

/**
 * Kimi said the window is used up without sending numbers: the same "depleted" a snapshot at
 * 0 % left would earn, once per period. A window never seen before has no earlier reading to
 * compare with, so, as with a first snapshot, nothing is announced for it. The memory keeps
 * the window depleted, so the next good snapshot announces "restored" when it has room again.
 */
function decideOnLimitReached(memory: NotificationMemory, windowId: WindowId, resetsAt: string | null, settings: NotificationSettings): NotificationOutcome {
  const previous = memory.windows[windowId];
  if (!WATCHED_WINDOWS.has(windowId) || previous === undefined || previous.depleted) return { decisions: [], memory };
  const decisions: NotificationDecision[] = settings.depleted ? [{ kind: 'depleted', windowId, windowTitle: previous.title, resetsAt }] : [];
  const next: WindowMemory = { ...previous, leftPercent: 0, resetsAt, depleted: true, reminded: false };
  return { decisions, memory: { ...memory, windows: { ...memory.windows, [windowId]: next } } };
}

function decideReminders(memory: NotificationMemory, now: number, settings: NotificationSettings): NotificationOutcome {
  const fiveHour = memory.windows['5h'];
  if (fiveHour === undefined || !fiveHour.depleted || fiveHour.reminded || fiveHour.resetsAt === null) {
    return { decisions: [], memory };
  }
  const resetsAt = Date.parse(fiveHour.resetsAt);
  if (now < resetsAt - REMINDER_LEAD_MS || now >= resetsAt) return { decisions: [], memory };
  const decisions: NotificationDecision[] = settings.preResetReminder
    ? [{ kind: 'reset-reminder', windowId: '5h', windowTitle: fiveHour.title, resetsAt: fiveHour.resetsAt }]
    : [];
  return { decisions, memory: { ...memory, windows: { ...memory.windows, '5h': { ...fiveHour, reminded: true } } } };
}

function decideOnFailure(
  memory: NotificationMemory,
  error: ErrorView,
  failures: number,
  now: number,
  settings: NotificationSettings,
): NotificationOutcome {
  if (failures < FAILING_AFTER_FAILURES) return { decisions: [], memory };
  const last = memory.failingNotifiedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(memory.failingNotifiedAt);
  // A notice dated in the future (clock changed) must not silence the next one forever.
  if (now - last < FAILING_NOTICE_GAP_MS && last <= now) return { decisions: [], memory };
  const decisions: NotificationDecision[] = settings.refreshFailing ? [{ kind: 'refresh-failing', error, failures }] : [];
  return { decisions, memory: { ...memory, failingNotifiedAt: new Date(now).toISOString() } };
}

function startsNewPeriod(previousResetsAt: string | null, resetsAt: string | null): boolean {
  if (previousResetsAt === null || resetsAt === null) return false;
  return Date.parse(resetsAt) - Date.parse(previousResetsAt) > NEW_PERIOD_TOLERANCE_MS;
}

function leftPercent(window: UsageWindow): number {
  return Math.min(100, Math.max(0, 100 - window.usedPercent));
}
