// Several accounts, each refreshed on its own: one controller (controller.ts) per enabled
// account, so each keeps its own cadence, its one refresh in flight, its backoff and its
// notification memory, and a failing or slow account never holds the others back. This module
// only fans the OS and window events out to them, starts and stops them as accounts are added,
// removed, enabled or disabled, spreads their automatic refreshes a few seconds apart (ten
// accounts would otherwise hit Kimi in the same instant), and gathers their states.
import { enabledAccounts, selectedAccount } from '../../../shared/accounts.js';
import type { AccountsState, AppState, CountdownTick } from '../../../shared/app-state.js';
import type { Settings } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import { IDLE_STATE, type Controller, type RefreshReason, type StaggeredReason } from './controller.js';
import { namesAccounts, trayAccountId } from './tray-account.js';

/**
 * How far apart the accounts' automatic refreshes of each kind start: account i waits i steps.
 * A second apart, ten accounts all have numbers within ~9 s of launch with about one request in
 * flight at a time (bench/accounts-refresh.bench.ts); opening the popover waits the least, as
 * someone is looking.
 */
export const STAGGER_STEP_MS: Readonly<Record<StaggeredReason, number>> = {
  start: 1000,
  wake: 1000,
  online: 1000,
  'popover-open': 250,
};

/** What one account's controller is built with; the rest (its fetch, its files) is the builder's. */
export interface AccountControllerHooks {
  readonly accountId: string;
  readonly staggerMs: (reason: StaggeredReason) => number;
  readonly onState: (state: AppState) => void;
  readonly onTick: (tick: CountdownTick) => void;
}

export interface AccountsControllerDeps {
  getSettings(): Settings;
  createAccountController(hooks: AccountControllerHooks): Controller;
  /** The selected account's state changed (or another account became the selected one). */
  onState(state: AppState): void;
  /** Any account's state, the selection or the list changed. */
  onAccounts(state: AccountsState): void;
  onTick(tick: CountdownTick): void;
}

export interface AccountsController extends Controller {
  /** Every enabled account's state, in list order, with the selection and the tray's account. */
  accounts(): AccountsState;
  /** The account the tray draws: its state, and its name when the app names accounts. */
  trayAccount(): { readonly state: AppState; readonly name: string | null };
  /** Refreshes one account (by id): a usage error when it is switched off, `account-not-found`
   *  when no account has the id. */
  refreshAccount(accountId: string, reason: RefreshReason): Promise<void>;
}

export function createAccountsController(deps: AccountsControllerDeps): AccountsController {
  const controllers = new Map<string, Controller>();
  let started = false;
  let stopped = false;
  let popoverVisible = false;
  let asleep = false;
  let online = true;
  let lastPopoverSecond = Number.NaN;
  /** Set while a change fans out to every controller: their states go out once, after. */
  let quiet = false;

  const settings = (): Settings => deps.getSettings();
  // settings() reads the file: each function below takes the reading its caller already has.
  const enabledIds = (current: Settings = settings()): string[] => enabledAccounts(current).map((account) => account.id);
  /** The account whose state the `state` event carries: the selected one, else the first enabled. */
  const shownId = (current: Settings = settings()): string | null => {
    const selected = selectedAccount(current).id;
    return controllers.has(selected) ? selected : (enabledIds(current).find((id) => controllers.has(id)) ?? null);
  };
  const stateOf = (id: string): AppState => controllers.get(id)?.getState() ?? IDLE_STATE;

  function accounts(current: Settings = settings()): AccountsState {
    const list = enabledAccounts(current)
      .filter((account) => controllers.has(account.id))
      .map((account) => ({ id: account.id, name: account.name, state: stateOf(account.id) }));
    // A switched-off selected account is not listed: the account the `state` event shows stands
    // in for it, so the popover always expands one of the accounts it lists.
    return { selectedAccount: shownId(current) ?? selectedAccount(current).id, trayAccount: trayAccountId(current, list), accounts: list };
  }

  function getState(current: Settings = settings()): AppState {
    const id = shownId(current);
    return id === null ? IDLE_STATE : stateOf(id);
  }

  function create(accountId: string): Controller {
    const controller = deps.createAccountController({
      accountId,
      // The position is read at each refresh, so a reordered list staggers by its new order.
      staggerMs: (reason) => Math.max(0, enabledIds().indexOf(accountId)) * STAGGER_STEP_MS[reason],
      onState: (state) => {
        if (stopped || quiet || controllers.get(accountId) !== controller) return;
        const current = settings();
        if (shownId(current) === accountId) deps.onState(state);
        deps.onAccounts(accounts(current));
      },
      onTick: (tick) => {
        if (stopped || controllers.get(accountId) !== controller) return;
        forwardTick(accountId, tick);
      },
    });
    return controller;
  }

  /** Every controller counts down on the same second: the popover needs one tick per second,
   *  and the tray only the ticks of the account it draws. */
  function forwardTick(accountId: string, tick: CountdownTick): void {
    if (tick.target === 'popover') {
      const second = Math.floor(Date.parse(tick.at) / 1000);
      if (second === lastPopoverSecond) return;
      lastPopoverSecond = second;
      deps.onTick(tick);
      return;
    }
    if (accounts().trayAccount === accountId) deps.onTick(tick);
  }

  /** Starts a controller for each newly enabled account (told the current sleep, network and
   *  popover facts first) and stops those of accounts removed or switched off. */
  function sync(): void {
    const wanted = enabledIds();
    for (const [id, controller] of controllers) {
      if (wanted.includes(id)) continue;
      controller.stop();
      controllers.delete(id);
    }
    for (const id of wanted) {
      if (controllers.has(id)) continue;
      const controller = create(id);
      controllers.set(id, controller);
      controller.setSleeping(asleep);
      controller.setOnline(online);
      controller.setPopoverVisible(popoverVisible);
      if (started) controller.start();
    }
  }

  const all = (): Controller[] => [...controllers.values()];
  /** Runs `change` on every controller with their own publishing held, then publishes once. */
  function fanOut(change: (controller: Controller) => void, before: () => void = () => undefined): void {
    if (stopped) return;
    quiet = true;
    try {
      before();
      for (const controller of all()) change(controller);
    } finally {
      quiet = false;
    }
    const current = settings();
    deps.onState(getState(current));
    deps.onAccounts(accounts(current));
  }

  sync();

  return {
    start() {
      if (started || stopped) return;
      started = true;
      for (const controller of all()) controller.start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const controller of all()) controller.stop();
    },
    async refresh(reason) {
      if (stopped) return;
      await Promise.all(all().map((controller) => controller.refresh(reason)));
    },
    async refreshAccount(accountId, reason) {
      if (stopped) return;
      const controller = controllers.get(accountId);
      if (controller === undefined) {
        // Listed but switched off is not "no such account": say what the user can change.
        if (settings().accounts.some((account) => account.id === accountId)) throw new KimiError('usage', { detail: 'this account is switched off' });
        throw new KimiError('account-not-found');
      }
      await controller.refresh(reason);
    },
    setPopoverVisible(visible) {
      if (stopped || visible === popoverVisible) return;
      popoverVisible = visible;
      fanOut((controller) => controller.setPopoverVisible(visible));
    },
    setSleeping(sleeping) {
      if (stopped || sleeping === asleep) return;
      asleep = sleeping;
      fanOut((controller) => controller.setSleeping(sleeping));
    },
    setOnline(isOnline) {
      if (stopped || isOnline === online) return;
      online = isOnline;
      fanOut((controller) => controller.setOnline(isOnline));
    },
    settingsChanged() {
      // Accounts added, removed, switched on or off; and the selection, the order, a name or
      // the tray's rule may have changed without any account's state changing: the states go
      // out once after.
      fanOut((controller) => controller.settingsChanged(), sync);
    },
    getState: () => getState(),
    accounts: () => accounts(),
    trayAccount() {
      const current = settings();
      const { trayAccount: id } = accounts(current);
      const name = namesAccounts(current) ? (current.accounts.find((account) => account.id === id)?.name ?? null) : null;
      return { state: controllers.has(id) ? stateOf(id) : getState(current), name };
    },
  };
}
