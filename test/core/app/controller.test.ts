import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountdownTick, FoundLogin } from '../../../src/shared/app-state.js';
import type { Settings } from '../../../src/shared/settings.js';
import type { UsageSnapshot } from '../../../src/shared/usage.js';
import type { ControllerState } from '../../../src/main/core/app/controller.js';
import { createController } from '../../../src/main/core/app/controller.js';
import type { NotificationDecision, NotificationMemory } from '../../../src/main/core/app/notifications.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { forbiddenError } from '../../../src/main/core/kimi/forbidden.js';
import { bannerText } from '../../../src/renderer/usage-view.js';
import { DENIED_403, QUOTA_403 } from '../../fixtures/kimi/forbidden-403.js';
import { MIN, T0, settings, snapshot, window } from './fixtures.js';

type Fetch = (signal: AbortSignal) => Promise<UsageSnapshot>;

// Far-off resets keep the after-reset refresh out of the cadence tests.
const FAR = T0 + 20 * 24 * 60 * MIN;
const quiet = (): UsageSnapshot => snapshot([window('5h', 30, FAR), window('weekly', 10, FAR)], Date.now());

function harness(initial: Settings = settings(), fetch: Fetch = () => Promise.resolve(quiet())) {
  let current = initial;
  let respond = fetch;
  let found: FoundLogin[] = [];
  const calls: number[] = [];
  const states: ControllerState[] = [];
  const notes: NotificationDecision[] = [];
  const ticks: CountdownTick[] = [];
  const saved: NotificationMemory[] = [];
  const controller = createController({
    fetchSnapshot: (signal) => {
      calls.push(Date.now() - T0);
      return respond(signal);
    },
    getSettings: () => current,
    clock: { now: () => Date.now() },
    timers: systemTimers,
    notificationStore: { load: () => undefined, save: (m) => saved.push(m) },
    notify: (n) => notes.push(n),
    onState: (s) => states.push(s),
    onTick: (t) => ticks.push(t),
    findLogins: () => Promise.resolve(found),
  });
  return {
    controller,
    calls,
    states,
    notes,
    ticks,
    saved,
    set settings(next: Settings) {
      current = next;
    },
    set fetch(next: Fetch) {
      respond = next;
    },
    /** The logins findLogins reports (a Kimi Code CLI login made meanwhile). */
    set found(next: FoundLogin[]) {
      found = next;
    },
    /** Minutes after T0 at which each fetch started. */
    get callMinutes() {
      return calls.map((c) => c / MIN);
    },
    get state() {
      return controller.getState();
    },
  };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const failWith = (error: KimiError): Fetch => () => Promise.reject(error);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('cadence', () => {
  it.each([
    ['1m', 1],
    ['2m', 2],
    ['5m', 5],
    ['15m', 15],
    ['30m', 30],
  ] as const)('refreshes every %s', async (cadence, minutes) => {
    const h = harness(settings({ refreshCadence: cadence }));
    h.controller.start();
    await advance(4 * minutes * MIN);
    expect(h.callMinutes).toEqual([0, 1, 2, 3, 4].map((k) => k * minutes));
    expect(h.state.nextRefreshAt).toBe(new Date(T0 + 5 * minutes * MIN).toISOString());
    h.controller.stop();
  });

  it('refreshes once at start and then only when asked under the manual cadence', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    h.controller.start();
    await advance(3 * 60 * MIN);
    expect(h.callMinutes).toEqual([0]);
    expect(h.state.nextRefreshAt).toBeNull();
    await h.controller.refresh('manual');
    expect(h.callMinutes).toEqual([0, 180]);
    h.controller.stop();
  });

  it('adapts to how recently the popover was open: 2, 5, 15, then 30 minutes', async () => {
    const h = harness(settings({ refreshCadence: 'adaptive', refreshOnOpen: false }));
    h.controller.start();
    await advance(60 * MIN);
    expect(h.callMinutes).toEqual([0, 30, 60]); // never opened since launch: 30 min

    h.controller.setPopoverVisible(true); // at 60
    await advance(11 * MIN);
    h.controller.setPopoverVisible(false); // at 71; open: every 2 min
    await advance(10 * 60 * MIN);
    const minutes = h.callMinutes;
    expect(minutes.slice(0, 12)).toEqual([0, 30, 60, 62, 64, 66, 68, 70, 72, 74, 79, 84]);
    // After closing at 71: each gap is the tier of how long the popover had been closed.
    const tierFor = (idle: number) => (idle < 5 ? 2 : idle < 60 ? 5 : idle < 240 ? 15 : 30);
    for (let i = 9; i < minutes.length; i += 1) {
      const at = minutes[i] ?? 0;
      expect(at - (minutes[i - 1] ?? 0)).toBe(tierFor(at - 71));
    }
    expect(minutes.at(-1)).toBeGreaterThan(71 + 240);
    h.controller.stop();
  });

  it('refreshes shortly after a window resets instead of waiting for a slow cadence', async () => {
    const resetAt = T0 + 7 * MIN;
    const h = harness(settings({ refreshCadence: '30m' }), () =>
      Promise.resolve(snapshot([window('5h', 100, Date.now() < resetAt ? resetAt : resetAt + 300 * MIN)], Date.now())),
    );
    h.controller.start();
    await advance(8 * MIN);
    expect(h.calls).toEqual([0, 7 * MIN + 15_000]);
    h.controller.stop();
  });
});

describe('popover', () => {
  it('refreshes when the popover opens, unless a refresh just ran or the setting is off', async () => {
    const h = harness(settings({ refreshCadence: '30m', refreshOnOpen: true }));
    h.controller.start();
    await advance(10 * MIN);
    h.controller.setPopoverVisible(true);
    await advance(10_000);
    h.controller.setPopoverVisible(false);
    h.controller.setPopoverVisible(true); // reopened 10 s after the last refresh: no new one
    await advance(1000);
    expect(h.callMinutes).toEqual([0, 10]);

    h.controller.setPopoverVisible(false);
    h.settings = settings({ refreshCadence: '30m', refreshOnOpen: false });
    h.controller.settingsChanged();
    await advance(5 * MIN);
    h.controller.setPopoverVisible(true);
    await advance(1000);
    expect(h.callMinutes).toEqual([0, 10]);
    h.controller.stop();
  });
});

describe('sleep and network', () => {
  it('pauses while asleep and refreshes on wake', async () => {
    const h = harness(settings({ refreshCadence: '5m' }));
    h.controller.start();
    await advance(1 * MIN);
    h.controller.setSleeping(true);
    expect(h.state.paused).toBe('asleep');
    expect(h.state.nextRefreshAt).toBeNull();
    await advance(60 * MIN);
    expect(h.callMinutes).toEqual([0]);
    h.controller.setSleeping(false);
    await advance(0);
    expect(h.callMinutes).toEqual([0, 61]);
    expect(h.state.paused).toBeNull();
    await advance(5 * MIN);
    expect(h.callMinutes).toEqual([0, 61, 66]);
    h.controller.stop();
  });

  it('pauses while offline and refreshes on reconnect; a manual refresh still runs', async () => {
    const h = harness(settings({ refreshCadence: '2m' }));
    h.controller.setOnline(false);
    h.controller.start();
    await advance(10 * MIN);
    expect(h.calls).toEqual([]);
    expect(h.state.paused).toBe('offline');
    await h.controller.refresh('manual');
    expect(h.callMinutes).toEqual([10]);
    await advance(10 * MIN);
    h.controller.setOnline(true);
    await advance(0);
    expect(h.callMinutes).toEqual([10, 20]);
    h.controller.stop();
  });

  it('does not refresh on wake under the manual cadence', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    h.controller.start();
    await advance(MIN);
    h.controller.setSleeping(true);
    await advance(60 * MIN);
    h.controller.setSleeping(false);
    await advance(MIN);
    expect(h.callMinutes).toEqual([0]);
    h.controller.stop();
  });
});

describe('single flight', () => {
  it('lets a second request join the refresh in flight', async () => {
    let release: (s: UsageSnapshot) => void = () => undefined;
    const h = harness(settings({ refreshCadence: 'manual' }), () => new Promise((resolve) => (release = resolve)));
    const first = h.controller.refresh('manual');
    const second = h.controller.refresh('popover-open');
    expect(second).toBe(first);
    expect(h.state.refreshing).toBe(true);
    release(quiet());
    await first;
    expect(h.calls).toHaveLength(1);
    expect(h.state.refreshing).toBe(false);
    expect(h.state.snapshot?.windows).toHaveLength(2);
  });

  it('a credential changed during a refresh runs one more refresh after it, with the new one', async () => {
    // The first refresh still reads the removed key; the change must not be lost in it.
    let release: (s: UsageSnapshot) => void = () => undefined;
    const h = harness(settings({ refreshCadence: 'manual' }), () => new Promise((resolve) => (release = resolve)));
    const first = h.controller.refresh('popover-open');
    const changed = h.controller.refresh('settings');
    const changedAgain = h.controller.refresh('settings');
    expect(changedAgain).toBe(changed);
    h.fetch = failWith(new KimiError('not-configured'));
    release(quiet());
    await first;
    await changed;
    expect(h.calls).toHaveLength(2);
    expect(h.state.notConfigured).toEqual({ found: [] });
    expect(h.state.refreshing).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles from the cadence after each failure, up to 30 minutes', async () => {
    const h = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('network', { detail: 'connection refused' })));
    h.controller.start();
    await advance(150 * MIN);
    const gaps = h.callMinutes.slice(1).map((m, i) => m - (h.callMinutes[i] ?? 0));
    expect(gaps.slice(0, 7)).toEqual([2, 4, 8, 16, 30, 30, 30]);
    expect(h.state.consecutiveFailures).toBe(h.calls.length);
    h.controller.stop();
  });

  it('returns to the cadence after a success', async () => {
    const h = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('network')));
    h.controller.start();
    await advance(6 * MIN); // failures at 0, 2, 6
    h.fetch = () => Promise.resolve(quiet());
    await advance(8 * MIN); // next try at 14 succeeds
    await advance(2 * MIN);
    expect(h.callMinutes).toEqual([0, 2, 6, 14, 15, 16]);
    expect(h.state.consecutiveFailures).toBe(0);
    h.controller.stop();
  });

  it('honours Retry-After when it is longer than the backoff, within an hour', async () => {
    const h = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('http', { status: 429, retryAfterSeconds: 600 })));
    h.controller.start();
    await advance(25 * MIN);
    expect(h.callMinutes).toEqual([0, 10, 20]);

    const hostile = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('http', { status: 429, retryAfterSeconds: 1e12 })));
    hostile.controller.start();
    await advance(3 * 60 * MIN);
    expect(hostile.callMinutes.slice(0, 3)).toEqual([25, 85, 145]);
    h.controller.stop();
    hostile.controller.stop();
  });

  it('waits for Retry-After on wake and popover open, but not for the user', async () => {
    const h = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('http', { status: 429, retryAfterSeconds: 1200 })));
    h.controller.start();
    await advance(2 * MIN);
    h.controller.setSleeping(true);
    await advance(3 * MIN);
    h.controller.setSleeping(false);
    h.controller.setPopoverVisible(true);
    await advance(MIN);
    expect(h.callMinutes).toEqual([0]);
    await h.controller.refresh('manual');
    expect(h.callMinutes).toEqual([0, 6]);
    h.controller.stop();
  });
});

describe('state after failures', () => {
  it('keeps the last good numbers, marked stale with the error, until a refresh succeeds', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    await h.controller.refresh('manual');
    const good = h.state.snapshot;
    expect(good?.stale).toBe(false);

    h.fetch = failWith(new KimiError('network', { detail: 'timed out' }));
    await h.controller.refresh('manual');
    expect(h.state.snapshot?.windows).toEqual(good?.windows);
    expect(h.state.snapshot?.stale).toBe(true);
    expect(h.state.snapshot?.error).toEqual({ code: 'network', message: 'Kimi network error: timed out', action: 'retry' });
    expect(h.state.lastError?.code).toBe('network');
    expect(h.state.signedOut).toBe(false);
    expect(h.state.lastSuccessAt).toBe(new Date(T0).toISOString());

    h.fetch = () => Promise.resolve(quiet());
    await h.controller.refresh('manual');
    expect(h.state.snapshot?.stale).toBe(false);
    expect(h.state.snapshot?.error).toBeNull();
    expect(h.state.lastError).toBeNull();
  });

  it('reports signed out when no credential is configured, and no snapshot before the first success', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }), failWith(new KimiError('not-signed-in')));
    await h.controller.refresh('manual');
    expect(h.state.snapshot).toBeNull();
    expect(h.state.signedOut).toBe(true);
    expect(h.state.lastError?.action).toBe('sign-in');
  });

  it('nothing configured is a welcome state, not an error: no banner, no backoff, no "failing" notice', async () => {
    const h = harness(settings({ refreshCadence: '5m' }), failWith(new KimiError('not-configured')));
    await h.controller.refresh('manual');
    expect(h.state.notConfigured).toEqual({ found: [] });
    expect(h.state.lastError).toBeNull();
    expect(h.state.signedOut).toBe(true);
    expect(h.state.consecutiveFailures).toBe(0);
    await h.controller.refresh('manual');
    await h.controller.refresh('manual');
    expect(h.notes).toEqual([]);
    // The next look follows the cadence, as after a success, not a growing backoff.
    const ok = harness(settings({ refreshCadence: '5m' }));
    h.controller.start();
    ok.controller.start();
    await advance(0);
    expect(h.state.nextRefreshAt).not.toBeNull();
    expect(h.state.nextRefreshAt).toBe(ok.state.nextRefreshAt);
    ok.controller.stop();
    h.controller.stop();
  });

  it('looks again for a login when the popover opens on the welcome, and clears the welcome with numbers', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }), failWith(new KimiError('not-configured')));
    await h.controller.refresh('manual');
    expect(h.state.notConfigured).toEqual({ found: [] });
    h.found = ['kimi-cli'];
    // Just refreshed, so opening does not refresh again; it only looks for logins.
    h.controller.setPopoverVisible(true);
    await vi.waitFor(() => expect(h.state.notConfigured).toEqual({ found: ['kimi-cli'] }));
    expect(h.states.at(-1)?.notConfigured).toEqual({ found: ['kimi-cli'] });
    h.fetch = () => Promise.resolve(quiet());
    await h.controller.refresh('manual');
    expect(h.state.notConfigured).toBeNull();
    expect(h.state.signedOut).toBe(false);
  });

  it('turns anything thrown into an error view without crashing', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }), () => Promise.reject(new TypeError('socket hang up')));
    await h.controller.refresh('manual');
    expect(h.state.lastError).toEqual({ code: 'internal', message: 'Something went wrong inside KimiBar', action: 'retry' });
  });

  it('remembers the source Auto used, and keeps it through a failed refresh', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    await h.controller.refresh('manual');
    expect(h.state.lastAutoSource).toBe('api-key');
    h.fetch = failWith(new KimiError('network'));
    await h.controller.refresh('manual');
    expect(h.state.lastAutoSource).toBe('api-key');
  });
});

describe('countdown ticks', () => {
  it('ticks every second while the popover is visible and stops when it closes', async () => {
    const h = harness(settings({ refreshCadence: 'manual', refreshOnOpen: false }));
    h.controller.start();
    await advance(500);
    h.controller.setPopoverVisible(true);
    await advance(10_000);
    const popoverTicks = h.ticks.filter((t) => t.target === 'popover');
    expect(popoverTicks).toHaveLength(10);
    expect(popoverTicks.map((t) => Date.parse(t.at) % 1000)).toEqual(Array(10).fill(0)); // on whole seconds
    h.controller.setPopoverVisible(false);
    await advance(10_000);
    expect(h.ticks.filter((t) => t.target === 'popover')).toHaveLength(10);
    h.controller.stop();
  });

  it('ticks the tray once a minute, when the countdown text changes, and never without a reset time', async () => {
    const resetAt = T0 + 2 * 60 * MIN + 30_000;
    const h = harness(settings({ refreshCadence: 'manual' }), () => Promise.resolve(snapshot([window('5h', 40, resetAt)])));
    h.controller.start();
    await advance(10 * MIN);
    const trayTicks = h.ticks.filter((t) => t.target === 'tray').map((t) => Date.parse(t.at) - T0);
    expect(trayTicks).toEqual(Array.from({ length: 10 }, (_, i) => 30_000 + i * MIN));
    // Exactly the timers needed: the tray countdown only (manual cadence, popover closed).
    expect(vi.getTimerCount()).toBe(1);

    const none = harness(settings({ refreshCadence: 'manual' }), () => Promise.resolve(snapshot([window('5h', 40)])));
    none.controller.start();
    await advance(10 * MIN);
    expect(none.ticks).toEqual([]);
    h.controller.stop();
    none.controller.stop();
  });

  it('ticks the tray when any window\'s countdown changes, not only the nearest one\'s', async () => {
    // The weekly countdown is the title while the weekly quota is used up ("↻ 5h 13m"): its
    // minutes turn 20 s after the 5-hour ones here, and must not wait for the 5-hour tick.
    const fiveHour = T0 + 2 * 60 * MIN + 30_000;
    const weekly = T0 + 20 * 60 * MIN + 50_000;
    const h = harness(settings({ refreshCadence: 'manual' }), () => Promise.resolve(snapshot([window('5h', 40, fiveHour), window('weekly', 100, weekly)])));
    h.controller.start();
    await advance(3 * MIN);
    const trayTicks = h.ticks.filter((t) => t.target === 'tray').map((t) => Date.parse(t.at) - T0);
    expect(trayTicks).toEqual([30_000, 50_000, 90_000, 110_000, 150_000, 170_000]);
    h.controller.stop();
  });
});

describe('notifications', () => {
  it('announces a threshold crossing once and keeps the memory', async () => {
    let used = 40;
    const h = harness(settings({ refreshCadence: 'manual' }), () => Promise.resolve(snapshot([window('5h', used, FAR)])));
    await h.controller.refresh('manual');
    used = 55;
    await h.controller.refresh('manual');
    await h.controller.refresh('manual');
    expect(h.notes).toEqual([{ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 50, leftPercent: 45, resetsAt: new Date(FAR).toISOString() }]);
    expect(h.saved.at(-1)?.windows['5h']?.warned).toEqual([50]);
  });

  it('says "refresh keeps failing" after three failures, then not again for 30 minutes', async () => {
    const h = harness(settings({ refreshCadence: '1m' }), failWith(new KimiError('network')));
    h.controller.start();
    await advance(40 * MIN); // failures at 0, 2, 6, 14, 30
    expect(h.notes.map((n) => n.kind)).toEqual(['refresh-failing']);
    await advance(30 * MIN); // at 60
    expect(h.notes.map((n) => n.kind)).toEqual(['refresh-failing', 'refresh-failing']);
    h.controller.stop();
  });

  it('wakes for the reminder 15 minutes before a depleted 5-hour window resets', async () => {
    const resetAt = T0 + 40 * MIN;
    const h = harness(settings({ refreshCadence: 'manual', notifications: { preResetReminder: true } }), () =>
      Promise.resolve(snapshot([window('5h', 100, resetAt)])),
    );
    h.controller.start();
    await advance(24 * MIN);
    expect(h.notes).toEqual([]);
    await advance(MIN);
    expect(h.notes).toEqual([{ kind: 'reset-reminder', windowId: '5h', windowTitle: '5-hour', resetsAt: new Date(resetAt).toISOString() }]);
    h.controller.stop();
  });
});

// A Code API 403 "usage limit" (docs/kimi-api.md): the error the real client builds from the
// real bodies, so the controller sees exactly what a refresh would throw.
describe('a spent quota', () => {
  const spent = (body: unknown): Fetch => () => Promise.reject(forbiddenError(body));

  it('keeps the last numbers stale and shows the limit reached — no action, not signed out, not "keeps failing"', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    await h.controller.refresh('manual');
    const good = h.state.snapshot;

    h.fetch = spent(QUOTA_403.weekly);
    for (let i = 0; i < 4; i += 1) await h.controller.refresh('manual');
    const view = { code: 'quota-exhausted', message: 'Kimi usage limit reached: weekly limit', action: null, window: 'weekly' as const };
    expect(h.state.snapshot?.windows).toEqual(good?.windows);
    expect(h.state.snapshot?.stale).toBe(true);
    expect(h.state.snapshot?.error).toEqual(view);
    expect(h.state.lastError).toEqual(view);
    expect(h.state.signedOut).toBe(false);
    // What the popover's banner then says, from this state.
    expect(bannerText('en', view, h.state.snapshot, Date.now())).toBe('Weekly limit reached · Resets in 20d');
    // "Depleted" once for the window Kimi named, with the reset it last reported; never "keeps failing".
    expect(h.notes).toEqual([{ kind: 'depleted', windowId: 'weekly', windowTitle: 'Weekly', resetsAt: new Date(FAR).toISOString() }]);

    // Room again: "restored", and the numbers are fresh.
    h.fetch = () => Promise.resolve(quiet());
    await h.controller.refresh('manual');
    expect(h.notes.map((n) => n.kind)).toEqual(['depleted', 'restored']);
    expect(h.state.lastError).toBeNull();
    expect(h.state.snapshot?.stale).toBe(false);
  });

  it('announces nothing for a limit Kimi did not name, and shows "Usage limit reached"', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }));
    await h.controller.refresh('manual');
    h.fetch = spent(QUOTA_403.billingCycle);
    for (let i = 0; i < 4; i += 1) await h.controller.refresh('manual');
    expect(h.notes).toEqual([]);
    expect(h.state.lastError).toEqual({ code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null });
    expect(bannerText('en', h.state.lastError!, h.state.snapshot, Date.now())).toBe('Usage limit reached');
    expect(bannerText('zh-CN', h.state.lastError!, h.state.snapshot, Date.now())).toBe('已达到用量上限');
  });

  it('reports any other 403 as the error it is, with its action', async () => {
    const h = harness(settings({ refreshCadence: 'manual' }), spent(DENIED_403.clientNotAllowed));
    await h.controller.refresh('manual');
    expect(h.state.lastError).toMatchObject({ code: 'permission-denied', action: 'open-settings' });
    expect(h.state.signedOut).toBe(false);
    expect(bannerText('en', h.state.lastError!, h.state.snapshot, Date.now())).toMatch(/^Kimi denied access \(HTTP 403\): Kimi For Coding is currently only available/);
  });
});

describe('stop', () => {
  it('clears every timer and stays silent, even for a refresh that was in flight', async () => {
    const resetAt = T0 + 3 * 60 * MIN;
    let release: (s: UsageSnapshot) => void = () => undefined;
    const h = harness(settings({ refreshCadence: '1m', notifications: { preResetReminder: true } }), () =>
      Promise.resolve(snapshot([window('5h', 100, resetAt)])),
    );
    h.controller.start();
    h.controller.setPopoverVisible(true);
    await advance(90_000);
    expect(vi.getTimerCount()).toBe(4); // refresh, popover tick, tray tick, reminder
    let aborted = false;
    h.fetch = (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise((resolve) => (release = resolve));
    };
    const pending = h.controller.refresh('manual');
    const published = h.states.length;
    h.controller.stop();
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    release(quiet());
    await pending;
    await advance(60 * MIN);
    expect(h.states).toHaveLength(published);
    expect(vi.getTimerCount()).toBe(0);
    await h.controller.refresh('manual');
    expect(h.calls).toHaveLength(3);
  });
});
