// The settings window: a toolbar with General and Providers, and the pane below. Every change
// goes to the app at once (updateSettings) and the pane is redrawn from what the app answers,
// so what is shown is always what is saved.
import { selectedAccount } from '../shared/accounts.js';
import type { AccountsState, AppState } from '../shared/app-state.js';
import type { Locale } from '../shared/i18n/index.js';
import { errorText, t } from '../shared/i18n/index.js';
import type { ImportReport, KimiBarApi, ManualTokenResult, SecretsView, SettingsPane } from '../shared/ipc.js';
import type { Settings } from '../shared/settings.js';
import { mergeSettingsPatch } from '../shared/settings-patch.js';
import type { ErrorView } from '../shared/usage.js';
import { INTERNAL_ERROR } from '../shared/ipc-channels.js';
import { kimibar } from './api.js';
import { announce, byId, h, icon } from './dom.js';
import { pageLocale } from './locale.js';
import type { AccountsUi } from './settings-accounts.js';
import { accountList, itemId, newAccountPane, removeGroup } from './settings-accounts.js';
import { ActionFailure, type DeviceLoginUi, type SettingsContext } from './settings-context.js';
import { generalPane } from './settings-general.js';
import { kimiPane } from './settings-kimi.js';
import { usagePane } from './settings-usage.js';

const GEAR = ['M8 5.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 0 0 0-4.8Z', 'M8 1.5v1.8M8 12.7v1.8M1.5 8h1.8M12.7 8h1.8M3.4 3.4l1.3 1.3M11.3 11.3l1.3 1.3M3.4 12.6l1.3-1.3M11.3 4.7l1.3-1.3'];
const STACK = ['M8 1.8 14 5 8 8.2 2 5Z', 'M2 8l6 3.2L14 8', 'M2 11l6 3.2 6-3.2'];
const BARS = ['M2.5 13.5h11', 'M4 11.5V8', 'M8 11.5V3.5', 'M12 11.5V6'];

const api: KimiBarApi = kimibar();
let settings: Settings | null = null;
let secrets: SecretsView | null = null;
let appState: AppState | null = null;
/** Every enabled account's state; null until the app says. */
let accountsState: AccountsState | null = null;
/** The account chosen in the list; null: the selected one. */
let chosenAccount: string | null = null;
let addingAccount = false;
let removingAccount = false;
let reports: readonly ImportReport[] = [];
let deviceLogin: DeviceLoginUi = { phase: 'idle' };
let manualToken: ManualTokenResult | null = null;
const errors = new Map<string, string>();
let pane: SettingsPane = location.hash === '#general' ? 'general' : location.hash === '#usage' ? 'usage' : 'kimi';
let clearingHistory = false;
let locale: Locale = pageLocale(null);

/** The account the Kimi controls act on: the one chosen in the list, else the selected one. */
function accountOf(current: Settings): Settings['accounts'][number] {
  return current.accounts.find((account) => account.id === chosenAccount) ?? selectedAccount(current);
}

/** With one account requests name none (it is the selected one); with several, the chosen. */
function forAccountOf(current: Settings): { account?: string } {
  return current.accounts.length > 1 ? { account: accountOf(current).id } : {};
}

/** The chosen account's refresh state: the app's `state` with one account, its entry in
 *  `accounts` with several. */
function stateOf(current: Settings): AppState | null {
  if (current.accounts.length <= 1) return appState;
  const id = accountOf(current).id;
  return accountsState?.accounts.find((entry) => entry.id === id)?.state ?? null;
}

/** What the settings window shows of a refresh state (which source Auto used, whether anything
 *  is set up yet, the plan signed in to): only a change of these redraws it. */
function shownOf(state: AppState | null | undefined): string | null {
  return state == null ? null : JSON.stringify([state.lastAutoSource, state.notConfigured === null, state.snapshot?.plan ?? null]);
}

function context(current: Settings): SettingsContext {
  const forAccount = forAccountOf(current);
  return {
    api,
    locale,
    settings: current,
    account: accountOf(current),
    forAccount,
    accountRequest: forAccount.account === undefined ? undefined : { account: forAccount.account },
    secrets,
    state: stateOf(current),
    reports,
    deviceLogin,
    manualToken,
    errors,
    update(patch, fieldId) {
      // Shown at once, so a redraw while the app saves never flips the control back; a refusal
      // restores what the app has.
      settings = mergeSettingsPatch(settings ?? current, patch);
      void api.updateSettings(patch).then(async (result) => {
        if (!result.ok) {
          const saved = await api.getSettings();
          if (saved.ok) settings = saved.value;
          return showError(fieldId, result.error);
        }
        errors.delete(fieldId);
        settings = result.value;
        render();
        announce(t(locale, 'settings.saved'));
      });
    },
    run(fieldId, action) {
      errors.delete(fieldId);
      action().then(
        () => render(),
        (error: unknown) => {
          if (!(error instanceof ActionFailure)) return showError(fieldId, INTERNAL_ERROR);
          if (typeof error.shown === 'string') showMessage(fieldId, error.shown);
          else showError(fieldId, error.shown);
        },
      );
    },
    setError: showMessage,
    setDeviceLogin(next) {
      deviceLogin = next;
      render();
    },
    setManualToken(result) {
      manualToken = result;
      render();
    },
    setReports(next) {
      reports = next;
      render();
    },
  };
}

function showError(fieldId: string, error: ErrorView): void {
  showMessage(fieldId, errorText(locale, error));
}

function showMessage(fieldId: string, message: string | null): void {
  if (message === null) errors.delete(fieldId);
  else errors.set(fieldId, message);
  render();
}

function renderTabs(): void {
  const tabs: { id: SettingsPane; label: string; paths: readonly string[] }[] = [
    { id: 'general', label: t(locale, 'settings.tab.general'), paths: GEAR },
    { id: 'kimi', label: t(locale, 'settings.tab.providers'), paths: STACK },
    { id: 'usage', label: t(locale, 'settings.tab.usage'), paths: BARS },
  ];
  byId('tabs').replaceChildren(
    ...tabs.map((tab) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: 'tab',
          id: `tab-${tab.id}`,
          'aria-selected': String(pane === tab.id),
          'aria-controls': 'content',
          tabindex: pane === tab.id ? 0 : -1,
          onclick: () => selectPane(tab.id),
        },
        icon(tab.paths, 'icon tab-icon'),
        h('span', {}, tab.label),
      ),
    ),
  );
}

function selectPane(next: SettingsPane): void {
  pane = next;
  history.replaceState(null, '', `#${next}`);
  render();
  byId(`tab-${next}`).focus();
}

/** Set while the pane is being drawn; a render asked for meanwhile is done right after. */
let drawing = false;
let drawAgain = false;

/** Draws the window again from the state above. Replacing the pane removes the focused field,
 *  and Chromium fires that field's 'change' as it goes: the commit it starts (an error shown,
 *  a setting saved) asks for a render in the middle of this one. Drawn inside, it would be
 *  overwritten by the outer draw's older content and the error lost; so it waits its turn. */
function render(): void {
  if (drawing) {
    drawAgain = true;
    return;
  }
  drawing = true;
  try {
    do {
      drawAgain = false;
      draw();
    } while (drawAgain);
  } finally {
    drawing = false;
  }
}

function draw(): void {
  if (settings === null) return;
  locale = pageLocale(settings);
  document.title = t(locale, 'settings.title');
  byId('window-title').textContent = t(locale, 'settings.title');
  const focusedId = document.activeElement?.id ?? '';
  const drafts = new Map([...document.querySelectorAll<HTMLInputElement>('input[data-draft]')].map((input) => [input.id, input.value]));
  renderTabs();
  const content = byId('content');
  content.setAttribute('aria-labelledby', `tab-${pane}`);
  const ctx = context(settings);
  content.replaceChildren(
    pane === 'general'
      ? h(
          'div',
          { class: 'pane' },
          // The tab's name as the pane's heading, so the groups' h3 sit under an h2 as in the Kimi pane.
          h('h2', { class: 'sr-only' }, t(locale, 'settings.tab.general')),
          ...generalPane(ctx, clearingHistory, (on) => {
            clearingHistory = on;
            render();
            // Opening the confirmation puts focus on its safe choice; leaving it, back on the button.
            document.getElementById(on ? 'history-cancel' : 'history-clear')?.focus();
          }),
        )
      : pane === 'usage'
        ? usagePane(ctx)
        : providersPane(ctx),
  );
  for (const [id, value] of drafts) {
    const input = document.getElementById(id);
    // Keep what the user is typing (and a refused value they may want to fix) across redraws.
    const keep = input instanceof HTMLInputElement && (input.type === 'password' || id === focusedId || errors.has(id));
    if (keep) input.value = value;
  }
  if (focusedId !== '') document.getElementById(focusedId)?.focus();
}

const accountsUi: AccountsUi = {
  get adding() {
    return addingAccount;
  },
  get removing() {
    return removingAccount;
  },
  choose(accountId) {
    if (accountId === chosenAccount && !addingAccount) return;
    chosenAccount = accountId;
    addingAccount = false;
    removingAccount = false;
    // The controls now act on another account: its secrets, and none of the last one's notes.
    deviceLogin = { phase: 'idle' };
    manualToken = null;
    errors.clear();
    render();
    void loadSecrets();
  },
  setAdding(on) {
    addingAccount = on;
    removingAccount = false;
    if (!on) errors.delete('new-account-name');
    render();
    // The form opens on its name; leaving it, focus goes back to the list.
    document.getElementById(on ? 'new-account-name' : itemId(accountOf(settings!).id))?.focus();
  },
  setRemoving(on) {
    removingAccount = on;
    render();
    // Opening the confirmation puts focus on its safe choice; leaving it, back on the button.
    document.getElementById(on ? 'account-remove-cancel' : 'account-remove')?.focus();
  },
  async changed(accountId) {
    const saved = await api.getSettings();
    if (saved.ok) settings = saved.value;
    chosenAccount = accountId;
    render();
    if (settings !== null) document.getElementById(itemId(accountOf(settings).id))?.focus();
    await loadSecrets();
  },
};

/** The chosen account's secrets (which exist, never their values). */
async function loadSecrets(): Promise<void> {
  if (settings === null) return;
  const { account } = forAccountOf(settings);
  const result = await api.getSecrets(account === undefined ? undefined : { account });
  if (result.ok) secrets = result.value;
  render();
}

function providersPane(ctx: SettingsContext): HTMLElement {
  return h(
    'div',
    { class: 'providers' },
    h('nav', { class: 'sidebar', 'aria-label': t(locale, 'accounts.title') }, h('div', { class: 'account-list' }, ...accountList(ctx, accountsUi))),
    h(
      'div',
      { class: 'pane detail' },
      ...(addingAccount
        ? newAccountPane(ctx, accountsUi)
        : [
            h('div', { class: 'detail-header' }, h('span', { class: 'provider-mark large', 'aria-hidden': 'true' }, 'K'), h('div', {}, h('h2', {}, ctx.account.name), h('p', { class: 'row-help' }, t(locale, 'kimi.enabled.help')))),
            ...kimiPane(ctx),
            removeGroup(ctx, accountsUi),
          ]),
    ),
  );
}

function onKeyDown(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  if (target?.getAttribute('role') !== 'tab' || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
  event.preventDefault();
  const order: readonly SettingsPane[] = ['general', 'kimi', 'usage'];
  const step = event.key === 'ArrowRight' ? 1 : order.length - 1;
  selectPane(order[(order.indexOf(pane) + step) % order.length] ?? 'general');
}

async function start(): Promise<void> {
  api.on('settings', (next) => {
    settings = next;
    render();
  });
  api.on('secrets', (next) => {
    // With several accounts the event may be another account's: the chosen one's is asked for.
    if (settings !== null && settings.accounts.length > 1) return void loadSecrets();
    secrets = next;
    render();
  });
  api.on('accounts', (next) => {
    // As with `state`: what the pane shows of the chosen account's state, or the list's length.
    const before = settings === null ? null : JSON.stringify([shownOf(stateOf(settings)), accountsState?.accounts.length]);
    accountsState = next;
    if (settings !== null && JSON.stringify([shownOf(stateOf(settings)), next.accounts.length]) !== before) render();
  });
  api.on('state', (next) => {
    const redraw = shownOf(next) !== shownOf(appState);
    appState = next;
    if (redraw) render();
  });
  api.on('deviceLogin', (event) => {
    if (event.status === 'waiting') return;
    deviceLogin = { phase: 'idle' };
    if (event.error === null) errors.delete('account');
    else errors.set('account', errorText(locale, event.error));
    render();
  });
  document.addEventListener('keydown', onKeyDown);
  const [settingsResult, secretsResult, stateResult, reportsResult, accountsResult] = await Promise.all([
    api.getSettings(),
    api.getSecrets(),
    api.getState(),
    api.getCookieReports(),
    api.getAccounts(),
  ]);
  if (accountsResult.ok) accountsState = accountsResult.value;
  if (secretsResult.ok) secrets = secretsResult.value;
  if (stateResult.ok) appState = stateResult.value;
  if (reportsResult.ok) reports = reportsResult.value;
  if (settingsResult.ok) settings = settingsResult.value;
  render();
}

void start();
