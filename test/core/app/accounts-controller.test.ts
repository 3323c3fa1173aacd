// Several accounts under fake time: one real controller per enabled account, each with its own
// fetch, so the stagger, the per-account backoff and "one slow or failing account never holds
// the others back" are observed on the refreshes each account really started.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountsState, AppState, CountdownTick } from '../../../src/shared/app-state.js';
import { SettingsSchema, type Settings } from '../../../src/shared/settings.js';
import type { UsageSnapshot } from '../../../src/shared/usage.js';
import { STAGGER_STEP_MS, createAccountsController } from '../../../src/main/core/app/accounts-controller.js';
import { createController } from '../../../src/main/core/app/controller.js';
import type { NotificationDecision } from '../../../src/main/core/app/notifications.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { MIN, T0, snapshot, window } from './fixtures.js';

type Fetch = (signal: AbortSignal) => Promise<UsageSnapshot>;

const FAR = T0 + 20 * 24 * 60 * MIN;
const numbers = (fiveHourUsed = 30): UsageSnapshot => snapshot([window('5h', fiveHourUsed, FAR), window('weekly', 10, FAR)], Date.now());

interface AccountSpec {
  readonly id: string;
  readonly name: string;
  readonly enabled?: boolean;
  readonly thresholds?: number[] | null;
}

function settingsWith(accounts: AccountSpec[], extra: { selectedAccount?: string; general?: Record<string, unknown> } = {}): Settings {
  return SettingsSchema.parse({ accounts, selectedAccount: extra.selectedAccount ?? accounts[0]!.id, general: { refreshCadence: '5m', ...extra.general } });
}

function harness(initial: Settings) {
  let current = initial;
  const fetches = new Map<string, Fetch>();
  /** Minutes after T0 at which each account's fetches started. */
  const calls = new Map<string, number[]>();
  const notes: { account: string; decision: NotificationDecision }[] = [];
  const states: AppState[] = [];
  const accountEvents: AccountsState[] = [];
  const ticks: CountdownTick[] = [];
  const controller = createAccountsController({
    getSettings: () => current,
    createAccountController: ({ accountId, staggerMs, onState, onTick }) =>
      createController({
        fetchSnapshot: (signal) => {
          calls.set(accountId, [...(calls.get(accountId) ?? []), (Date.now() - T0) / MIN]);
          return (fetches.get(accountId) ?? (() => Promise.resolve(numbers())))(signal);
        },
        getSettings: () => current,
        accountId,
        staggerMs,
        clock: { now: () => Date.now() },
        timers: systemTimers,
        notify: (decision) => void notes.push({ account: accountId, decision }),
        onState,
        onTick,
      }),
    onState: (state) => void states.push(state),
    onAccounts: (state) => void accountEvents.push(state),
    onTick: (tick) => void ticks.push(tick),
  });
  return {
    controller,
    calls: (id: string) => calls.get(id) ?? [],
    fetches,
    notes,
    states,
    accountEvents,
    ticks,
    set settings(next: Settings) {
      current = next;
      controller.settingsChanged();
    },
    get settings() {
      return current;
    },
  };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const THREE = [
  { id: 'main', name: 'Kimi' },
  { id: 'work', name: 'Work' },
  { id: 'home', name: 'Home' },
];

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('several accounts', () => {
  it('runs one controller per enabled account and staggers their first refreshes', async () => {
    const h = harness(settingsWith([...THREE, { id: 'off', name: 'Off', enabled: false }]));
    h.controller.start();
    await advance(0);
    expect(h.calls('main')).toEqual([0]);
    expect(h.calls('work')).toEqual([]);
    await advance(STAGGER_STEP_MS.start);
    expect(h.calls('work')).toEqual([STAGGER_STEP_MS.start / MIN]);
    expect(h.calls('home')).toEqual([]);
    await advance(STAGGER_STEP_MS.start);
    expect(h.calls('home')).toEqual([(2 * STAGGER_STEP_MS.start) / MIN]);
    expect(h.calls('off')).toEqual([]);
    const accounts = h.controller.accounts();
    expect(accounts.accounts.map((a) => [a.id, a.name, a.state.snapshot !== null])).toEqual([
      ['main', 'Kimi', true],
      ['work', 'Work', true],
      ['home', 'Home', true],
    ]);
    expect(accounts.selectedAccount).toBe('main');
    h.controller.stop();
  });

  it('says when a held-back refresh will run, and none waits on a cadence timer meanwhile', async () => {
    const h = harness(settingsWith(THREE));
    h.controller.start();
    await advance(0);
    const home = h.controller.accounts().accounts[2]!.state;
    expect(home.nextRefreshAt).toBe(new Date(T0 + 2 * STAGGER_STEP_MS.start).toISOString());
    expect(home.lastAttemptAt).toBeNull();
    h.controller.stop();
  });

  it('a failing account backs off alone; the others keep their cadence', async () => {
    const h = harness(settingsWith(THREE));
    h.fetches.set('work', () => Promise.reject(new KimiError('network', { detail: 'connection refused' })));
    h.controller.start();
    await advance(60 * MIN + 2 * STAGGER_STEP_MS.start);
    // 5-minute cadence: a refresh every 5 minutes from each one's start.
    expect(h.calls('main')).toHaveLength(13);
    expect(h.calls('home')).toHaveLength(13);
    // Work doubles its wait after each failure: 10, 20, then 30 (the ceiling) minutes.
    const work = h.calls('work').map((m) => Math.round(m - STAGGER_STEP_MS.start / MIN));
    expect(work).toEqual([0, 10, 30, 60]);
    const rows = h.controller.accounts().accounts;
    expect(rows[1]!.state.lastError?.code).toBe('network');
    expect(rows[1]!.state.consecutiveFailures).toBe(4);
    expect(rows[0]!.state.lastError).toBeNull();
    expect(rows[2]!.state.lastError).toBeNull();
    h.controller.stop();
  });

  it('a slow account keeps one refresh in flight and never delays the others', async () => {
    const h = harness(settingsWith(THREE));
    let finishSlow: (() => void) | null = null;
    h.fetches.set('main', () => new Promise<UsageSnapshot>((resolve) => (finishSlow = () => resolve(numbers(40)))));
    h.controller.start();
    await advance(20 * MIN);
    // Main still waits on its first answer: no second request, whatever else asks.
    void h.controller.refresh('manual');
    h.controller.setPopoverVisible(true);
    await advance(0);
    expect(h.calls('main')).toEqual([0]);
    expect(h.controller.getState().refreshing).toBe(true);
    // Work and Home refreshed on their own cadence meanwhile, and once more for the manual refresh.
    expect(h.calls('work').length).toBeGreaterThanOrEqual(5);
    expect(h.calls('home').length).toBeGreaterThanOrEqual(5);
    expect(h.controller.accounts().accounts.slice(1).every((a) => a.state.snapshot !== null && !a.state.refreshing)).toBe(true);
    finishSlow!();
    await advance(0);
    expect(h.controller.getState().snapshot?.windows[0]?.usedPercent).toBe(40);
    h.controller.stop();
  });

  it('staggers the refreshes opening the popover starts', async () => {
    const h = harness(settingsWith(THREE));
    h.controller.start();
    await advance(3 * MIN);
    const before = THREE.map((a) => h.calls(a.id).length);
    h.controller.setPopoverVisible(true);
    await advance(0);
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual([before[0]! + 1, before[1], before[2]]);
    await advance(STAGGER_STEP_MS['popover-open']);
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
    await advance(STAGGER_STEP_MS['popover-open']);
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual(before.map((n) => n + 1));
    h.controller.stop();
  });

  it('starts an account added or switched on, and stops one removed or switched off', async () => {
    const h = harness(settingsWith(THREE.slice(0, 2)));
    h.controller.start();
    await advance(10 * MIN);
    h.settings = settingsWith([...THREE.slice(0, 2), { id: 'home', name: 'Home' }]);
    await advance(0);
    // The third in the list: its first refresh waits two steps.
    expect(h.calls('home')).toEqual([]);
    await advance(2 * STAGGER_STEP_MS.start);
    expect(h.calls('home')).toHaveLength(1);
    expect(h.accountEvents.at(-1)?.accounts.map((a) => a.id)).toEqual(['main', 'work', 'home']);

    h.settings = settingsWith([THREE[0]!, { ...THREE[1]!, enabled: false }, THREE[2]!]);
    const workCalls = h.calls('work').length;
    await advance(60 * MIN);
    expect(h.calls('work')).toHaveLength(workCalls);
    expect(h.controller.accounts().accounts.map((a) => a.id)).toEqual(['main', 'home']);

    h.settings = settingsWith([THREE[0]!]);
    const homeCalls = h.calls('home').length;
    await advance(60 * MIN);
    expect(h.calls('home')).toHaveLength(homeCalls);
    h.controller.stop();
  });

  it('the state event follows the selected account', async () => {
    const h = harness(settingsWith(THREE));
    h.fetches.set('work', () => Promise.resolve(numbers(77)));
    h.controller.start();
    await advance(2 * STAGGER_STEP_MS.start);
    expect(h.controller.getState().snapshot?.windows[0]?.usedPercent).toBe(30);
    h.settings = settingsWith(THREE, { selectedAccount: 'work' });
    expect(h.states.at(-1)?.snapshot?.windows[0]?.usedPercent).toBe(77);
    expect(h.accountEvents.at(-1)?.selectedAccount).toBe('work');
    // A selected account switched off: the first enabled one is shown instead.
    h.settings = settingsWith([THREE[0]!, { ...THREE[1]!, enabled: false }], { selectedAccount: 'work' });
    expect(h.states.at(-1)?.snapshot?.windows[0]?.usedPercent).toBe(30);
    // …and the popover expands that one: the accounts it lists always include the selected.
    expect(h.controller.accounts().selectedAccount).toBe(THREE[0]!.id);
    h.controller.stop();
  });

  it('the tray draws the most constrained account when asked, named, and follows it as numbers change', async () => {
    const h = harness(settingsWith(THREE, { general: { trayAccount: 'most-constrained' } }));
    h.fetches.set('work', () => Promise.resolve(numbers(80)));
    h.controller.start();
    await advance(0);
    // Only Main has numbers yet: it is drawn, as no numbers never win.
    expect(h.controller.trayAccount()).toMatchObject({ name: 'Kimi' });
    await advance(2 * STAGGER_STEP_MS.start);
    expect(h.controller.trayAccount().name).toBe('Work');
    expect(h.controller.trayAccount().state.snapshot?.windows[0]?.usedPercent).toBe(80);
    expect(h.accountEvents.at(-1)?.trayAccount).toBe('work');
    h.fetches.set('home', () => Promise.resolve(numbers(95)));
    await h.controller.refreshAccount('home', 'manual');
    expect(h.controller.accounts().trayAccount).toBe('home');
    // With one account left enabled, the tray names none.
    h.settings = settingsWith([THREE[0]!, { ...THREE[1]!, enabled: false }, { ...THREE[2]!, enabled: false }], { general: { trayAccount: 'most-constrained' } });
    expect(h.controller.trayAccount()).toMatchObject({ name: null });
    h.controller.stop();
  });

  it('refreshes one account on request, and refuses an account it does not run', async () => {
    const h = harness(settingsWith(THREE));
    h.controller.start();
    await advance(2 * STAGGER_STEP_MS.start);
    await h.controller.refreshAccount('home', 'manual');
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual([1, 1, 2]);
    await expect(h.controller.refreshAccount('gone', 'manual')).rejects.toMatchObject({ code: 'account-not-found' });
    h.settings = settingsWith([THREE[0]!, { ...THREE[1]!, enabled: false }]);
    await expect(h.controller.refreshAccount('work', 'manual')).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('switched off') as unknown });
    h.controller.stop();
  });

  it("warns by each account's own thresholds", async () => {
    const h = harness(settingsWith([THREE[0]!, { ...THREE[1]!, thresholds: [80] }], { general: { notifications: { thresholds: [20] } } }));
    h.fetches.set('main', () => Promise.resolve(numbers(10)));
    h.fetches.set('work', () => Promise.resolve(numbers(10)));
    h.controller.start();
    await advance(STAGGER_STEP_MS.start);
    // Both drop from 90 % left to 60 % left: only Work's 80 % line is crossed.
    h.fetches.set('main', () => Promise.resolve(numbers(40)));
    h.fetches.set('work', () => Promise.resolve(numbers(40)));
    await h.controller.refresh('manual');
    expect(h.notes.map(({ account, decision }) => [account, decision.kind, decision.kind === 'threshold' ? decision.threshold : null])).toEqual([
      ['work', 'threshold', 80],
    ]);
    h.controller.stop();
  });

  it('sends one popover tick per second however many accounts count down', async () => {
    const h = harness(settingsWith(THREE));
    h.controller.start();
    await advance(2 * STAGGER_STEP_MS.start);
    h.controller.setPopoverVisible(true);
    const before = h.ticks.filter((t) => t.target === 'popover').length;
    await advance(5000);
    expect(h.ticks.filter((t) => t.target === 'popover').length - before).toBe(5);
    h.controller.stop();
  });

  it('after sleep, the accounts refresh a step apart', async () => {
    const h = harness(settingsWith(THREE));
    h.controller.start();
    await advance(3 * MIN);
    h.controller.setSleeping(true);
    await advance(60 * MIN);
    const before = THREE.map((a) => h.calls(a.id).length);
    h.controller.setSleeping(false);
    await advance(0);
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual([before[0]! + 1, before[1], before[2]]);
    await advance(2 * STAGGER_STEP_MS.wake);
    expect(THREE.map((a) => h.calls(a.id).length)).toEqual(before.map((n) => n + 1));
    h.controller.stop();
  });
});
