import { describe, expect, it } from 'vitest';
import type { NotificationEvent, NotificationMemory, NotificationSettings } from '../../../src/main/core/app/notifications.js';
import {
  EMPTY_NOTIFICATION_MEMORY,
  NotificationMemorySchema,
  decideNotifications,
  nextReminderAt,
  parseNotificationMemory,
} from '../../../src/main/core/app/notifications.js';
import type { UsageWindow } from '../../../src/shared/usage.js';
import { MIN, T0, settings, snapshot, window } from './fixtures.js';

const defaults = settings().general.notifications;
const HOUR = 60 * MIN;
const RESET = T0 + 3 * HOUR;

/** Feeds readings one after another and collects every decision by step. */
function run(readings: UsageWindow[][], prefs: NotificationSettings = defaults, start: NotificationMemory = EMPTY_NOTIFICATION_MEMORY) {
  let memory = start;
  const steps = readings.map((windows, i) => {
    const outcome = decideNotifications(memory, { type: 'refreshed', snapshot: snapshot(windows) }, T0 + i * MIN, prefs);
    memory = outcome.memory;
    return outcome.decisions;
  });
  return { steps, memory };
}

describe('threshold warnings', () => {
  it('warns once when the remaining share falls to 50 % and again at 20 %', () => {
    const { steps } = run([[window('5h', 40, RESET)], [window('5h', 50, RESET)], [window('5h', 60, RESET)], [window('5h', 81, RESET)], [window('5h', 85, RESET)]]);
    expect(steps).toEqual([
      [],
      [{ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 50, leftPercent: 50, resetsAt: new Date(RESET).toISOString() }],
      [],
      [{ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 20, leftPercent: 19, resetsAt: new Date(RESET).toISOString() }],
      [],
    ]);
  });

  it('names only the lowest threshold when several are crossed at once', () => {
    const { steps } = run([[window('weekly', 10, RESET)], [window('weekly', 90, RESET)]]);
    expect(steps[1]).toMatchObject([{ kind: 'threshold', windowId: 'weekly', threshold: 20 }]);
  });

  it('takes the first reading as the baseline, without warnings', () => {
    const { steps, memory } = run([[window('5h', 90, RESET)], [window('5h', 92, RESET)]]);
    expect(steps).toEqual([[], []]);
    expect(memory.windows['5h']?.warned).toEqual([50, 20]);
  });

  it('warns again in the next reset period, but not for jitter in the reset time', () => {
    const next = RESET + 5 * HOUR;
    const { steps } = run([
      [window('5h', 40, RESET)],
      [window('5h', 60, RESET + 20_000)],
      [window('5h', 60, RESET)],
      [window('5h', 60, next)],
    ]);
    expect(steps.map((s) => s.map((d) => d.kind))).toEqual([[], ['threshold'], [], ['threshold']]);
  });

  it('re-arms a threshold of a window without reset times only when well above it again', () => {
    const { steps } = run([[window('weekly', 40)], [window('weekly', 51)], [window('weekly', 48)], [window('weekly', 51)], [window('weekly', 40)], [window('weekly', 51)]]);
    expect(steps.map((s) => s.length)).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('stays quiet when switched off, and does not replay old crossings when switched on', () => {
    const off = { ...defaults, thresholdWarnings: false };
    const first = run([[window('5h', 40, RESET)], [window('5h', 60, RESET)]], off);
    expect(first.steps).toEqual([[], []]);
    const later = run([[window('5h', 61, RESET)]], defaults, first.memory);
    expect(later.steps).toEqual([[]]);
  });

  it('ignores the monthly rows', () => {
    const { steps } = run([[window('monthly-total', 10)], [window('monthly-total', 99)]]);
    expect(steps).toEqual([[], []]);
  });

  it('uses the thresholds from settings', () => {
    const { steps } = run([[window('5h', 60, RESET)], [window('5h', 71, RESET)]], { ...defaults, thresholds: [30] });
    expect(steps[1]).toMatchObject([{ kind: 'threshold', threshold: 30, leftPercent: 29 }]);
  });
});

describe('depleted and restored', () => {
  it('announces depletion instead of a threshold, then the restore after the reset', () => {
    const { steps } = run([[window('5h', 70, RESET)], [window('5h', 100, RESET)], [window('5h', 100, RESET)], [window('5h', 0, RESET + 5 * HOUR)]]);
    expect(steps).toEqual([
      [],
      [{ kind: 'depleted', windowId: '5h', windowTitle: '5-hour', resetsAt: new Date(RESET).toISOString() }],
      [],
      [{ kind: 'restored', windowId: '5h', windowTitle: '5-hour', leftPercent: 100 }],
    ]);
  });

  it('announces a restore even for a window that was depleted at the first reading', () => {
    const { steps } = run([[window('weekly', 100, RESET)], [window('weekly', 3, RESET + 7 * 24 * HOUR)]]);
    expect(steps.map((s) => s.map((d) => d.kind))).toEqual([[], ['restored']]);
  });

  it('respects the depleted and restored switches', () => {
    const { steps } = run([[window('5h', 70, RESET)], [window('5h', 100, RESET)], [window('5h', 10, RESET + 5 * HOUR)]], {
      ...defaults,
      depleted: false,
      restored: false,
    });
    expect(steps).toEqual([[], [], []]);
  });
});

describe('pre-reset reminder', () => {
  const prefs = { ...defaults, preResetReminder: true };
  const depletedAt = (resetAt: number) => run([[window('5h', 50, resetAt)], [window('5h', 100, resetAt)]], prefs).memory;

  it('is due 15 minutes before a depleted 5-hour window resets, once', () => {
    const resetAt = T0 + HOUR;
    const memory = depletedAt(resetAt);
    expect(nextReminderAt(memory, prefs)).toBe(resetAt - 15 * MIN);
    const early = decideNotifications(memory, { type: 'clock' }, resetAt - 16 * MIN, prefs);
    expect(early.decisions).toEqual([]);
    const due = decideNotifications(memory, { type: 'clock' }, resetAt - 15 * MIN, prefs);
    expect(due.decisions).toEqual([{ kind: 'reset-reminder', windowId: '5h', windowTitle: '5-hour', resetsAt: new Date(resetAt).toISOString() }]);
    expect(nextReminderAt(due.memory, prefs)).toBeNull();
    expect(decideNotifications(due.memory, { type: 'clock' }, resetAt - 10 * MIN, prefs).decisions).toEqual([]);
  });

  it('comes with the refresh that finds the window depleted inside the last 15 minutes', () => {
    const resetAt = T0 + 10 * MIN;
    const { steps } = run([[window('5h', 50, resetAt)], [window('5h', 100, resetAt)]], prefs);
    expect(steps[1]?.map((d) => d.kind)).toEqual(['depleted', 'reset-reminder']);
  });

  it('is off by default and never for the weekly window', () => {
    const resetAt = T0 + HOUR;
    expect(nextReminderAt(depletedAt(resetAt), defaults)).toBeNull();
    const weekly = run([[window('weekly', 50, resetAt)], [window('weekly', 100, resetAt)]], prefs).memory;
    expect(nextReminderAt(weekly, prefs)).toBeNull();
  });
});

describe('refresh keeps failing', () => {
  const failed = (n: number): NotificationEvent => ({
    type: 'failed',
    error: { code: 'network', message: 'Kimi network error', action: 'retry' },
    consecutiveFailures: n,
  });

  it('speaks after three failures in a row, at most once per 30 minutes', () => {
    let memory = EMPTY_NOTIFICATION_MEMORY;
    const kinds: string[][] = [];
    for (const [n, minute] of [[1, 0], [2, 2], [3, 6], [4, 14], [5, 30], [6, 36], [7, 40]] as const) {
      const outcome = decideNotifications(memory, failed(n), T0 + minute * MIN, defaults);
      memory = outcome.memory;
      kinds.push(outcome.decisions.map((d) => d.kind));
    }
    expect(kinds).toEqual([[], [], ['refresh-failing'], [], [], ['refresh-failing'], []]);
  });

  it('can be switched off', () => {
    expect(decideNotifications(EMPTY_NOTIFICATION_MEMORY, failed(5), T0, { ...defaults, refreshFailing: false }).decisions).toEqual([]);
  });

  it('is not silenced forever by a notice dated in the future', () => {
    const memory = { ...EMPTY_NOTIFICATION_MEMORY, failingNotifiedAt: new Date(T0 + 24 * HOUR).toISOString() };
    expect(decideNotifications(memory, failed(3), T0, defaults).decisions).toHaveLength(1);
  });
});

describe('memory', () => {
  it('round-trips through JSON and starts afresh from anything unreadable', () => {
    const { memory } = run([[window('5h', 60, RESET), window('weekly', 100, RESET)]]);
    expect(NotificationMemorySchema.parse(JSON.parse(JSON.stringify(memory)))).toEqual(memory);
    expect(parseNotificationMemory('{"windows": 5')).toEqual(EMPTY_NOTIFICATION_MEMORY);
    expect(parseNotificationMemory({ windows: { '5h': { leftPercent: 'many' } } })).toEqual(EMPTY_NOTIFICATION_MEMORY);
    expect(parseNotificationMemory(undefined)).toEqual(EMPTY_NOTIFICATION_MEMORY);
  });
});

// Kimi refused a refresh with a 403 "usage limit" that named the window: no numbers came back.
describe('a limit Kimi says is reached', () => {
  const limitReached = (windowId: UsageWindow['id'], resetsAt: number | null): NotificationEvent => ({
    type: 'limit-reached',
    windowId,
    resetsAt: resetsAt === null ? null : new Date(resetsAt).toISOString(),
  });

  it('is "depleted" once for a watched window seen before, then "restored" when numbers show room', () => {
    const { memory } = run([[window('weekly', 60, RESET)]]);
    const first = decideNotifications(memory, limitReached('weekly', RESET), T0 + MIN, defaults);
    expect(first.decisions).toEqual([{ kind: 'depleted', windowId: 'weekly', windowTitle: 'Weekly', resetsAt: new Date(RESET).toISOString() }]);
    expect(first.memory.windows.weekly).toMatchObject({ depleted: true, leftPercent: 0 });
    const again = decideNotifications(first.memory, limitReached('weekly', RESET), T0 + 2 * MIN, defaults);
    expect(again.decisions).toEqual([]);
    const back = decideNotifications(again.memory, { type: 'refreshed', snapshot: snapshot([window('weekly', 10, RESET + 7 * 24 * HOUR)]) }, T0 + 3 * MIN, defaults);
    expect(back.decisions).toEqual([{ kind: 'restored', windowId: 'weekly', windowTitle: 'Weekly', leftPercent: 90 }]);
  });

  it('announces nothing for a window never seen, nor for one the meter does not watch', () => {
    expect(decideNotifications(EMPTY_NOTIFICATION_MEMORY, limitReached('weekly', RESET), T0, defaults)).toEqual({ decisions: [], memory: EMPTY_NOTIFICATION_MEMORY });
    const { memory } = run([[window('monthly-total', 50, RESET)]]);
    expect(decideNotifications(memory, limitReached('monthly-total', RESET), T0 + MIN, defaults).decisions).toEqual([]);
  });

  it('stays quiet with "depleted" off, but remembers, so switching it on does not replay it', () => {
    const { memory } = run([[window('weekly', 60, RESET)]]);
    const off = decideNotifications(memory, limitReached('weekly', null), T0 + MIN, { ...defaults, depleted: false });
    expect(off.decisions).toEqual([]);
    expect(off.memory.windows.weekly?.depleted).toBe(true);
    expect(decideNotifications(off.memory, limitReached('weekly', null), T0 + 2 * MIN, defaults).decisions).toEqual([]);
  });
});
