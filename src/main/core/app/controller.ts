// The app controller: owns the usage state and decides when to refresh (cadence, popover,
// sleep, network, backoff), when the countdowns tick and what to notify. Everything it
// touches arrives as a port, so it runs in Node under fake time; the shell only forwards
// OS events in and draws what comes out.
import { accountThresholds, selectedAccount } from '../../../shared/accounts.js';
import type { AppState, CountdownTick, FoundLogin, RefreshPause } from '../../../shared/app-state.js';
import type { AccountSettings, Settings } from '../../../shared/settings.js';
import { isLimitReached, limitResetsAt } from '../../../shared/format/index.js';
import type { UsageSnapshot } from '../../../shared/usage.js';
import type { KimiError } from '../errors.js';
import { toKimiError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { SnapshotCacheWriter } from '../status-line/cache-writer.js';
import { backoffDelayMs, retryAfterMs } from './backoff.js';
import { MIN_REFRESH_GAP_MS, MINUTE_MS, cadenceIntervalMs, nextCadenceRefreshAt, nextResetRefreshAt } from './cadence.js';
import type { NotificationDecision, NotificationEvent, NotificationMemory } from './notifications.js';
import { decideNotifications, nextReminderAt, parseNotificationMemory } from './notifications.js';
import type { Timers } from './timers.js';
import { TimerSlot } from './timers.js';

export type ControllerState = AppState;

export type RefreshReason = 'start' | 'manual' | 'schedule' | 'popover-open' | 'wake' | 'online' | 'settings';

/** Refreshes the user asked for run even while asleep or offline (the OS may be wrong about
 *  the network); the app's own wait for the pause to end. */
const USER_REASONS = new Set<RefreshReason>(['manual', 'settings']);

/** The automatic refreshes that several accounts would otherwise all start at the same instant. */
export type StaggeredReason = 'start' | 'popover-open' | 'wake' | 'online';

export interface ControllerDeps {
  /** One refresh through the real core (credentials → Kimi → snapshot). Throws on failure. */
  fetchSnapshot(signal: AbortSignal): Promise<UsageSnapshot>;
  getSettings(): Settings;
  /** The account this controller refreshes (its source, its thresholds); the selected one without. */
  accountId?: string;
  /**
   * How long to hold back an automatic refresh of this kind, so several accounts do not all hit
   * Kimi at once (0 or absent: at once). Read at each refresh, so a reordered list applies.
   */
  staggerMs?(reason: StaggeredReason): number;
  clock: Clock;
  timers: Timers;
  /** Keeps the notification memory across restarts; `load` may return anything (it is parsed). */
  notificationStore?: { load(): unknown; save(memory: NotificationMemory): void };
  notify(decision: NotificationDecision): void;
  /** Where each refresh's outcome is cached for status lines, and whose line file the minute
   *  tick keeps current; absent, nothing is cached. */
  snapshotCache?: SnapshotCacheWriter;
  onState(state: ControllerState): void;
  onTick?(tick: CountdownTick): void;
  /**
   * While nothing is configured: the logins on this machine Auto would use at the next
   * refresh (side-effect free — never a browser read or a token renewal). Asked when a
   * refresh finds nothing and again when the popover opens, so a CLI login made meanwhile
   * shows up in the welcome.
   */
  findLogins?(): Promise<FoundLogin[]>;
}

export interface Controller {
  start(): void;
  /** Clears every timer and aborts a refresh in flight; the controller stays silent after. */
  stop(): void;
  /** Refreshes now; a call while a refresh runs joins it. Resolves when it has finished. */
  refresh(reason: RefreshReason): Promise<void>;
  setPopoverVisible(visible: boolean): void;
  setSleeping(sleeping: boolean): void;
  setOnline(online: boolean): void;
  /** Settings changed: the cadence, the countdown text or the notifications may differ. */
  settingsChanged(): void;
  getState(): ControllerState;
}

const POPOVER_TICK_MS = 1000;

/** Before the first refresh, and for an account without a controller: nothing yet, nothing wrong. */
export const IDLE_STATE: AppState = {
  snapshot: null,
  refreshing: false,
  lastError: null,
  signedOut: false,
  notConfigured: null,
  consecutiveFailures: 0,
  lastAttemptAt: null,
  lastSuccessAt: null,
  nextRefreshAt: null,
  paused: null,
  lastAutoSource: null,
};

export function createController(deps: ControllerDeps): Controller {
  const { clock } = deps;
  const refreshTimer = new TimerSlot(deps.timers);
  const popoverTimer = new TimerSlot(deps.timers);
  const trayTimer = new TimerSlot(deps.timers);
  const reminderTimer = new TimerSlot(deps.timers);
  const staggerTimer = new TimerSlot(deps.timers);
  /** When the held-back automatic refresh runs; null when none waits. */
  let staggeredAt: number | null = null;
  const account = (settings: Settings): AccountSettings =>
    (deps.accountId === undefined ? undefined : settings.accounts.find((candidate) => candidate.id === deps.accountId)) ?? selectedAccount(settings);
  /** The general notification settings with this account's own thresholds. */
  const notificationSettings = () => {
    const settings = deps.getSettings();
    return { ...settings.general.notifications, thresholds: [...accountThresholds(settings, account(settings))] };
  };

  let started = false;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  /** The refresh queued behind the one in flight after a settings change. */
  let followUp: Promise<void> | null = null;
  let abort: AbortController | null = null;
  let asleep = false;
  let offline = false;
  let popoverVisible = false;
  let popoverSeenAt: number | null = null;
  let lastAttemptAt: number | null = null;
  let lastFailure: KimiError | null = null;
  let nextRefreshAt: number | null = null;
  let memory: NotificationMemory = parseNotificationMemory(deps.notificationStore?.load());
  let state: ControllerState = { ...IDLE_STATE, lastAutoSource: account(deps.getSettings()).lastAutoSource };

  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const pause = (): RefreshPause | null => (asleep ? 'asleep' : offline ? 'offline' : null);
  const publish = (patch: Partial<ControllerState>): void => {
    state = { ...state, ...patch, paused: pause(), nextRefreshAt: iso(nextRefreshAt) };
    deps.onState(state);
  };

  /** A Retry-After still running: automatic refreshes wait for it, the user's do not. */
  function embargoEndsAt(): number | null {
    if (lastFailure === null || lastAttemptAt === null) return null;
    const wait = retryAfterMs(lastFailure.retryAfterSeconds);
    return wait > 0 ? lastAttemptAt + wait : null;
  }

  function dueAt(now: number): number | null {
    const settings = deps.getSettings();
    const popover = { visible: popoverVisible, lastSeenAt: popoverVisible ? now : popoverSeenAt };
    const { refreshCadence } = settings.general;
    if (lastFailure !== null && lastAttemptAt !== null) {
      const interval = cadenceIntervalMs(refreshCadence, popover, now);
      if (interval === null) return null;
      return lastAttemptAt + backoffDelayMs(state.consecutiveFailures, interval, lastFailure.retryAfterSeconds);
    }
    const byCadence = nextCadenceRefreshAt({ cadence: refreshCadence, popover, lastAttemptAt, now });
    if (byCadence === null) return null;
    const afterReset = nextResetRefreshAt(state.snapshot, lastAttemptAt);
    return afterReset === null ? byCadence : Math.min(byCadence, afterReset);
  }

  function schedule(): void {
    refreshTimer.clear();
    const now = clock.now();
    if (staggeredAt !== null) {
      // The held-back refresh comes first; the cadence is worked out again after it.
      nextRefreshAt = pause() !== null ? null : staggeredAt;
      return;
    }
    nextRefreshAt = stopped || !started || pause() !== null || inFlight !== null ? null : dueAt(now);
    if (nextRefreshAt !== null) refreshTimer.set(nextRefreshAt - now, onRefreshTimer);
  }

  function onRefreshTimer(): void {
    // The adaptive interval may have grown since the timer was set: check before refreshing.
    const now = clock.now();
    const due = dueAt(now);
    if (due !== null && due > now) {
      schedule();
      publish({});
      return;
    }
    void refresh('schedule');
  }

  function refresh(reason: RefreshReason): Promise<void> {
    if (stopped) return Promise.resolve();
    if (inFlight !== null) {
      if (reason !== 'settings') return inFlight;
      // A key saved or removed while a refresh runs: that refresh read the old credentials,
      // so one more follows it (however many changes came meanwhile), or the change would
      // show only at the next cadence.
      followUp ??= inFlight.then(() => {
        followUp = null;
        return refresh('settings');
      });
      return followUp;
    }
    if (pause() !== null && !USER_REASONS.has(reason)) return Promise.resolve();
    const controller = new AbortController();
    abort = controller;
    lastAttemptAt = clock.now();
    refreshTimer.clear();
    // This refresh does what a held-back one would have done.
    staggerTimer.clear();
    staggeredAt = null;
    nextRefreshAt = null;
    inFlight = run(controller.signal).finally(() => {
      inFlight = null;
      abort = null;
      if (stopped) return;
      schedule();
      armReminder();
      armTrayTick();
      publish({ refreshing: false });
    });
    publish({ refreshing: true, lastAttemptAt: iso(lastAttemptAt) });
    return inFlight;
  }

  async function run(signal: AbortSignal): Promise<void> {
    let snapshot: UsageSnapshot;
    try {
      snapshot = await deps.fetchSnapshot(signal);
    } catch (thrown) {
      const error = toKimiError(thrown);
      if (error.code === 'not-configured') {
        const found = await findLogins();
        if (!stopped) recordNotConfigured(found);
      } else if (!stopped) recordFailure(error);
      return;
    }
    if (!stopped) recordSuccess(snapshot);
  }

  function recordSuccess(fetched: UsageSnapshot): void {
    const snapshot: UsageSnapshot = { ...fetched, stale: false, error: null };
    deps.snapshotCache?.recordSuccess(snapshot);
    const now = clock.now();
    lastFailure = null;
    const auto = account(deps.getSettings()).usageSource === 'auto';
    state = {
      ...state,
      snapshot,
      lastError: null,
      signedOut: false,
      notConfigured: null,
      consecutiveFailures: 0,
      lastSuccessAt: iso(now),
      lastAutoSource: auto ? snapshot.source.kind : state.lastAutoSource,
    };
    announce({ type: 'refreshed', snapshot }, now);
  }

  function recordFailure(error: KimiError): void {
    // An abort we did not ask for (stop() is handled by the caller) is not the server's fault.
    if (error.code === 'cancelled') return;
    deps.snapshotCache?.recordFailure(error);
    const view = error.toView();
    lastFailure = error;
    const failures = state.consecutiveFailures + 1;
    state = {
      ...state,
      snapshot: state.snapshot === null ? null : { ...state.snapshot, stale: true, error: view },
      lastError: view,
      signedOut: error.signedOut,
      notConfigured: null,
      consecutiveFailures: failures,
    };
    // A spent quota is not a refresh that "keeps failing": the numbers stay (stale) and the
    // popover and tray show the limit as reached; the window Kimi named may earn "depleted".
    const now = clock.now();
    if (!isLimitReached(view)) announce({ type: 'failed', error: view, consecutiveFailures: failures }, now);
    else if (view.window !== undefined) announce({ type: 'limit-reached', windowId: view.window, resetsAt: limitResetsAt(view.window, state.snapshot, now) }, now);
  }

  async function findLogins(): Promise<FoundLogin[]> {
    try {
      return (await deps.findLogins?.()) ?? [];
    } catch {
      // Only a hint for the welcome: a login that cannot be read is simply not offered.
      return [];
    }
  }

  /** Nothing set up: a welcome, not a failure — no error, no backoff, no "refresh failing"
   *  notice. Numbers from a credential removed since stay, marked stale. */
  function recordNotConfigured(found: FoundLogin[]): void {
    lastFailure = null;
    state = {
      ...state,
      snapshot: state.snapshot === null ? null : { ...state.snapshot, stale: true },
      lastError: null,
      signedOut: true,
      notConfigured: { found },
      consecutiveFailures: 0,
    };
  }

  /** The popover opened on the welcome: look again for a login made meanwhile. */
  async function refreshFoundLogins(): Promise<void> {
    const found = await findLogins();
    if (stopped || inFlight !== null || state.notConfigured === null) return;
    if (found.join() === state.notConfigured.found.join()) return;
    publish({ notConfigured: { found } });
  }

  function announce(event: NotificationEvent, now: number): void {
    const outcome = decideNotifications(memory, event, now, notificationSettings());
    if (outcome.memory !== memory) {
      memory = outcome.memory;
      deps.notificationStore?.save(memory);
    }
    for (const decision of outcome.decisions) deps.notify(decision);
  }

  function armReminder(): void {
    reminderTimer.clear();
    if (stopped || asleep) return;
    const at = nextReminderAt(memory, notificationSettings());
    if (at === null) return;
    reminderTimer.set(at - clock.now(), () => {
      announce({ type: 'clock' }, clock.now());
      armReminder();
    });
  }

  /** The tray countdowns show whole minutes (rounded up), so one only changes when a reset
   *  time minus now crosses a whole minute: tick exactly then, and not at all without one.
   *  Every reset counts, not only the nearest: the tooltip counts down to each window, and
   *  while the weekly quota is used up the title counts down to its reset, not the 5-hour one. */
  function armTrayTick(): void {
    trayTimer.clear();
    if (stopped || asleep) return;
    const now = clock.now();
    const resets = (state.snapshot?.windows ?? [])
      .map((w) => (w.resetsAt === undefined ? Number.NaN : Date.parse(w.resetsAt)))
      .filter((t) => Number.isFinite(t) && t > now);
    if (resets.length === 0) return;
    const delay = Math.min(...resets.map((t) => (t - now) % MINUTE_MS || MINUTE_MS));
    trayTimer.set(delay, () => {
      // The status-line file counts down in the same whole minutes: redrawn on this tick, it
      // costs no timer of its own.
      deps.snapshotCache?.refreshLine();
      deps.onTick?.({ target: 'tray', at: new Date(clock.now()).toISOString() });
      armTrayTick();
    });
  }

  function armPopoverTick(): void {
    popoverTimer.clear();
    if (stopped || asleep || !popoverVisible) return;
    const now = clock.now();
    popoverTimer.set(POPOVER_TICK_MS - (now % POPOVER_TICK_MS), () => {
      deps.onTick?.({ target: 'popover', at: new Date(clock.now()).toISOString() });
      armPopoverTick();
    });
  }

  /** Sleep, network or settings changed what may run: re-arm everything. */
  function rearm(): void {
    schedule();
    armReminder();
    armTrayTick();
    armPopoverTick();
    publish({});
  }

  /**
   * An automatic refresh, held back by this account's stagger (one held-back refresh at most:
   * a second reason while one waits joins it). A user's refresh is never held back.
   */
  function refreshStaggered(reason: StaggeredReason): void {
    const delay = Math.max(0, deps.staggerMs?.(reason) ?? 0);
    if (delay === 0) {
      void refresh(reason);
      return;
    }
    if (staggeredAt !== null || inFlight !== null) return;
    staggeredAt = clock.now() + delay;
    staggerTimer.set(delay, () => {
      staggeredAt = null;
      void refresh(reason).then(undefined, () => undefined);
      // Paused meanwhile (refresh() then runs nothing): the cadence takes over again.
      if (inFlight === null && !stopped) rearm();
    });
    schedule();
    publish({});
  }

  /** After sleep or a lost network the numbers may be old: refresh unless the user chose
   *  manual refreshes, a refresh just ran, or the server asked us to wait. */
  function refreshAfterResume(reason: 'wake' | 'online'): void {
    const now = clock.now();
    const settings = deps.getSettings();
    const embargo = embargoEndsAt();
    const recent = lastAttemptAt !== null && now - lastAttemptAt < MIN_REFRESH_GAP_MS;
    if (settings.general.refreshCadence !== 'manual' && !recent && (embargo === null || embargo <= now)) {
      refreshStaggered(reason);
    }
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      rearm();
      refreshStaggered('start');
    },
    stop() {
      if (stopped) return;
      stopped = true;
      abort?.abort();
      for (const slot of [refreshTimer, popoverTimer, trayTimer, reminderTimer, staggerTimer]) slot.clear();
      staggeredAt = null;
      nextRefreshAt = null;
    },
    refresh,
    setPopoverVisible(visible) {
      if (stopped || visible === popoverVisible) return;
      const now = clock.now();
      popoverVisible = visible;
      popoverSeenAt = now;
      rearm();
      const embargo = embargoEndsAt();
      const recent = lastAttemptAt !== null && now - lastAttemptAt < MIN_REFRESH_GAP_MS;
      if (visible && started && deps.getSettings().general.refreshOnOpen && !recent && (embargo === null || embargo <= now)) {
        refreshStaggered('popover-open');
      } else if (visible && state.notConfigured !== null) {
        void refreshFoundLogins();
      }
    },
    setSleeping(sleeping) {
      if (stopped || sleeping === asleep) return;
      asleep = sleeping;
      rearm();
      if (!sleeping && started && !offline) refreshAfterResume('wake');
    },
    setOnline(online) {
      if (stopped || online === !offline) return;
      offline = !online;
      rearm();
      if (online && started && !asleep) refreshAfterResume('online');
    },
    settingsChanged() {
      if (stopped) return;
      rearm();
    },
    getState: () => state,
  };
}
