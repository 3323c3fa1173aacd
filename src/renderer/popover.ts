// The popover: header, one card per usage window, the "Updated …" line, the error banner and
// the menu. State arrives from the app as events; the countdowns follow the app's ticks.
// With several accounts the cards are the selected account's, under its heading, and every
// other enabled account is a compact row above or below it (popover-accounts.ts).
import type { AccountsState, AppState } from '../shared/app-state.js';
import { isLimitReached, staleAgeText } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { errorText, t } from '../shared/i18n/index.js';
import type { HistoryPoint, KimiBarApi } from '../shared/ipc.js';
import type { Settings } from '../shared/settings.js';
import { isStale } from '../shared/staleness.js';
import type { ErrorView, UsageWindow, WindowId } from '../shared/usage.js';
import type { AccountRowView } from './account-row-view.js';
import { describeAccountRow } from './account-row-view.js';
import { runErrorAction } from './actions.js';
import { kimibar } from './api.js';
import { chartDays } from './chart-geometry.js';
import { announce, byId, h, icon, isMac, shortcutLabel } from './dom.js';
import { chartPlaceholder, historyChart } from './history-chart.js';
import { mountLocalStats } from './local-stats.js';
import { pageLocale } from './locale.js';
import { accountBlock, accountRowId, EXPANDED_PANEL_ID, showAccountBlocks, updateRowTimes } from './popover-accounts.js';
import { watchPopoverFit } from './popover-fit.js';
import { focusFirstAction, installMenuKeys } from './popover-keys.js';
import type { ExtraUsageView, WindowView } from './usage-view.js';
import { bannerText, describeExtraUsage, describeWindow, parallelFact, sourceText, updatedText } from './usage-view.js';
import { createWelcome } from './welcome.js';

const WARNING_ICON = ['M8 2.2 14.3 13.3H1.7Z', 'M8 6.4v3.3', 'M8 11.5v.1'];

const api: KimiBarApi = kimibar();
let state: AppState | null = null;
/** Every enabled account; null until the app says (and then one account looks as it always did). */
let accounts: AccountsState | null = null;
/** A row pressed whose selection the app has not confirmed yet: until it has, the app's news
 *  about the account selected before does not take its place back. */
let pendingSelection: string | null = null;
let settings: Settings | null = null;
let locale: Locale = pageLocale(null);
/** The app's time, from its countdown ticks (so a demo time-lapse or a test clock shows). */
let nowMs = Date.now();
/** Each window's recent history, for its chart; empty until loaded or when history is off. */
let history: ReadonlyMap<WindowId, readonly HistoryPoint[]> = new Map();
/** The popover is on screen. The window lives on hidden between clicks and keeps getting
 *  state, but only a popover someone looks at asks for history. */
let visible = false;
/** The account and snapshot the history was last asked for, so only a new one asks again. */
let historyAskedFor: string | null = null;
let historyRequest = 0;
/** The account and snapshot whose history has come back (charts or not): until then charts
 *  keep their boxes. */
let historyLoadedFor: string | null = null;
/** The account `history` belongs to. */
let historyAccount: string | null = null;

/** Nothing set up yet: the welcome and its ways in, in place of the cards. */
const welcome = createWelcome(api, () => renderWindows());

const menuItems = {
  refresh: menuButton('refresh', () => void refresh()),
  dashboard: menuButton('dashboard', () => void api.openExternal({ target: 'usage-dashboard' })),
  settings: menuButton('settings', () => void api.openSettings({ pane: 'kimi' })),
  quit: menuButton('quit', () => void api.quit()),
};

function menuButton(id: string, onClick: () => void): HTMLButtonElement {
  return h('button', { class: 'menu-item', id: `menu-${id}`, type: 'button', onclick: onClick });
}

function renderMenu(): void {
  const label = (button: HTMLButtonElement, text: string, shortcut: string | null): void => {
    // The name is the command alone; the shortcut is announced from aria-keyshortcuts.
    button.replaceChildren(h('span', {}, text), shortcut === null ? '' : h('kbd', { 'aria-hidden': 'true' }, shortcut));
    if (shortcut === null) button.removeAttribute('aria-keyshortcuts');
    else button.setAttribute('aria-keyshortcuts', shortcut.replace('⌘', 'Meta+').replace('Ctrl+', 'Control+'));
  };
  const refreshing = state?.refreshing ?? false;
  label(menuItems.refresh, t(locale, refreshing ? 'menu.refreshing' : 'menu.refresh'), shortcutLabel('R'));
  menuItems.refresh.disabled = refreshing;
  label(menuItems.dashboard, t(locale, 'menu.dashboard'), null);
  label(menuItems.settings, t(locale, 'menu.settings'), shortcutLabel(','));
  label(menuItems.quit, t(locale, 'menu.quit'), shortcutLabel('Q'));
}

function render(): void {
  // The banner and the empty state are drawn anew; a button of theirs that had focus keeps it.
  const focused = document.activeElement?.id ?? '';
  // …with its focus ring only if it had one (a keyboard user's focus, not the opening's).
  const ring = document.activeElement?.matches(':focus-visible') ?? false;
  locale = pageLocale(settings);
  byId('provider').textContent = t(locale, 'popover.provider');
  byId('windows').setAttribute('aria-label', t(locale, 'popover.usage'));
  const snapshot = state?.snapshot ?? null;
  const plan = byId('plan');
  plan.hidden = snapshot?.plan == null;
  plan.textContent = snapshot?.plan ?? '';
  byId('source').textContent = snapshot === null ? '' : sourceText(locale, snapshot.source);
  const parallel = byId('parallel');
  parallel.textContent = parallelFact(locale, snapshot?.parallelLimit) ?? '';
  parallel.hidden = parallel.textContent === '';
  renderBanner(state?.lastError ?? null);
  renderWindows();
  renderUpdated();
  renderMenu();
  if (focused !== '' && document.activeElement === document.body) {
    document.getElementById(focused)?.focus({ preventScroll: true, focusVisible: ring } as FocusOptions);
  }
}

function renderBanner(error: ErrorView | null): void {
  const banner = byId('banner');
  banner.hidden = error === null;
  // A spent quota is the plan's state, not an error to fix: its own line and no button.
  banner.classList.toggle('limit-reached', isLimitReached(error));
  if (error === null) return banner.replaceChildren();
  const action = error.action;
  banner.replaceChildren(
    icon(WARNING_ICON, 'icon banner-icon'),
    h('p', { class: 'banner-message' }, bannerText(locale, error, state?.snapshot ?? null, nowMs)),
    ...(action === null
      ? []
      : [h('button', { class: 'button', type: 'button', id: 'banner-action', onclick: () => void runErrorAction(api, action) }, t(locale, `action.${action}`))]),
  );
}

/** The numbers are old: the last refresh failed, or none came for twice the refresh interval. */
function numbersAreOld(): boolean {
  return isStale(state?.snapshot ?? null, settings?.general.refreshCadence ?? 'adaptive', nowMs);
}

/** Several accounts are shown: then each has a heading, and cards sit a level below it. */
function severalAccounts(): AccountsState | null {
  return accounts !== null && accounts.accounts.length > 1 ? accounts : null;
}

function renderWindows(): void {
  const container = byId('windows');
  const focusedChart = document.activeElement?.closest('[data-chart]')?.getAttribute('data-chart') ?? null;
  const focusedRow = document.activeElement?.matches('.account-row') ? document.activeElement.id : undefined;
  const rowRing = document.activeElement?.matches(':focus-visible') ?? false;
  const stale = numbersAreOld();
  const several = severalAccounts();
  container.classList.toggle('accounts', several !== null);
  if (several === null) {
    container.classList.toggle('stale', stale);
    container.replaceChildren(...cardsContent(stale, 2));
  } else {
    container.classList.remove('stale');
    const rows = rowContext();
    showAccountBlocks(
      container,
      several.accounts.map((account) => {
        const expanded = account.id === several.selectedAccount;
        return accountBlock({
          view: describeAccountRow(account, rows),
          expanded,
          content: expanded ? cardsContent(stale, 3) : [],
          stale,
          onSelect: (id) => void selectAccount(id),
        });
      }),
    );
  }
  if (focusedChart !== null) container.querySelector<HTMLElement>(`[data-chart="${focusedChart}"]`)?.focus();
  // An account's heading keeps focus (and its ring, if it had one) when the rows are redrawn.
  if (focusedRow !== undefined && document.activeElement === document.body) {
    document.getElementById(focusedRow)?.focus({ preventScroll: true, focusVisible: rowRing } as FocusOptions);
  }
}

/** What the expanded account shows: its cards, or its welcome or empty state. `level`: the
 *  cards' heading level (2 alone, 3 under an account's heading). */
function cardsContent(stale: boolean, level: 2 | 3): HTMLElement[] {
  const snapshot = state?.snapshot ?? null;
  if (state === null) return [emptyState(t(locale, 'popover.loading'), null, level)];
  if (state.notConfigured !== null) return [welcome.view(locale, state.notConfigured)];
  if (snapshot === null) {
    if (state.signedOut) return [emptyState(t(locale, 'popover.signedOut.title'), t(locale, 'popover.signedOut.body'), level)];
    return [emptyState(t(locale, state.refreshing ? 'popover.loading' : 'popover.noData'), null, level)];
  }
  if (snapshot.windows.length === 0) return [emptyState(t(locale, 'popover.noWindows'), null, level)];
  const showUsed = settings?.general.showUsageAsUsed ?? false;
  const extra = describeExtraUsage(locale, snapshot.extraUsage);
  const staleNote = stale ? staleAgeText(locale, snapshot.updatedAt, nowMs) : null;
  return [
    ...snapshot.windows.map((window) => card(describeWindow(locale, window, nowMs, showUsed, stale), chartFor(window, stale), staleNote, level)),
    ...(extra === null ? [] : [extraCard(extra, level)]),
  ];
}

/** The account whose cards are shown ('' before the app has named it). */
function currentAccount(): string {
  return accounts?.selectedAccount ?? settings?.selectedAccount ?? '';
}

function historyKey(): string {
  return `${currentAccount()}|${state?.snapshot?.updatedAt ?? ''}`;
}

function rowContext(): Parameters<typeof describeAccountRow>[1] {
  return { locale, nowMs, showUsed: settings?.general.showUsageAsUsed ?? false, cadence: settings?.general.refreshCadence ?? 'adaptive' };
}

/** The element whose `stale` class dims the cards: the popover's list, or the expanded account. */
function cardsBox(): HTMLElement | null {
  return severalAccounts() === null ? byId('windows') : document.getElementById(EXPANDED_PANEL_ID);
}

/** Expands another account: drawn at once from the state the app already sent for it, then
 *  made the selected account (the tray and the settings follow). Focus stays on its heading. */
async function selectAccount(accountId: string): Promise<void> {
  const several = severalAccounts();
  const chosen = several?.accounts.find((account) => account.id === accountId);
  if (several === null || chosen === undefined) return;
  const previous = { accounts: several, state };
  pendingSelection = accountId;
  accounts = { ...several, selectedAccount: accountId };
  state = chosen.state;
  render();
  document.getElementById(accountRowId(accountId))?.focus();
  void loadHistory(false);
  const result = await api.selectAccount({ account: accountId });
  if (pendingSelection === accountId) pendingSelection = null;
  if (result.ok) {
    // The app's own view of it now, in case news of the one before came meanwhile.
    const fresh = await api.getState();
    if (fresh.ok && pendingSelection === null) setState(fresh.value);
    return;
  }
  // Refused (the account was removed meanwhile): back to what the app has.
  accounts = previous.accounts;
  state = previous.state;
  render();
  announce(t(locale, 'accounts.selectFailed', { message: errorText(locale, result.error) }));
}

function setAccounts(next: AccountsState): void {
  accounts = pendingSelection === null ? next : { ...next, selectedAccount: pendingSelection };
  render();
  void loadHistory(false);
}

function chartsOn(): boolean {
  return settings?.general.keepHistory ?? false;
}

function chartFor(window: UsageWindow, stale: boolean): HTMLElement | null {
  const snapshot = state?.snapshot ?? null;
  if (snapshot === null || !chartsOn()) return null;
  // Another account's history is never drawn under this one's cards.
  const points = historyAccount === currentAccount() ? history.get(window.id) : undefined;
  // Not loaded yet: its box is kept, so the card does not grow (and push the menu) when it comes.
  if (points === undefined) return historyLoadedFor === historyKey() ? null : chartPlaceholder(locale, window);
  const showUsed = settings?.general.showUsageAsUsed ?? false;
  return historyChart({
    locale,
    title: t(locale, `window.${window.id}`),
    // Old numbers project nothing: the chart draws no run-out line from them.
    window: stale ? { ...window, pace: null } : window,
    points,
    updatedAt: Date.parse(snapshot.updatedAt),
    nowMs,
    showUsed,
    level: describeWindow(locale, window, nowMs, showUsed).level,
  });
}

/** Asks for each window's history once per snapshot while the popover is open, and again
 *  when it opens. */
async function loadHistory(force: boolean): Promise<void> {
  if (!visible) return;
  const snapshot = state?.snapshot ?? null;
  const key = snapshot === null || !chartsOn() ? null : historyKey();
  if (key === historyAskedFor && !force) return;
  historyAskedFor = key;
  const request = ++historyRequest;
  if (snapshot === null || key === null) {
    history = new Map();
    return;
  }
  // History is per account: the charts under an account's cards draw its own rows.
  const account = currentAccount();
  const forAccount = account === '' ? {} : { account };
  const replies = await Promise.all(
    snapshot.windows.map(async (window) => [window.id, await api.getHistory({ days: chartDays(window.id), windowId: window.id, ...forAccount })] as const),
  );
  if (request !== historyRequest) return;
  // A window whose history cannot be read simply has no chart.
  history = new Map(replies.flatMap(([id, reply]) => (reply.ok ? [[id, reply.value] as const] : [])));
  historyAccount = account;
  historyLoadedFor = key;
  renderWindows();
}

function emptyState(title: string, body: string | null, level: 2 | 3 = 2): HTMLElement {
  // The error banner, when shown, already carries the way out.
  const bannerAction = state?.lastError?.action ?? null;
  const signIn = body === null || bannerAction !== null ? null : h('button', { class: 'button primary', type: 'button', onclick: () => void api.openSettings({ pane: 'kimi' }) }, t(locale, 'action.open-settings'));
  return h('div', { class: 'empty' }, h(`h${level}`, {}, title), body === null ? null : h('p', {}, body), signIn);
}

/** A window's card. What is left and when it resets come first and largest; the count, the
 *  pace (or, for old numbers, their age) and the chart follow. */
function card(view: WindowView, chart: HTMLElement | null, staleNote: string | null, level: 2 | 3): HTMLElement {
  const fill = h('div', { class: `fill ${view.level}` });
  fill.style.width = `${view.fillPercent}%`;
  const headingId = `title-${view.id}`;
  return h(
    'article',
    { class: 'card', 'data-window': view.id, 'aria-labelledby': headingId },
    h(`h${level}`, { id: headingId }, view.title),
    h('p', { class: 'headline' }, h('span', { class: 'percent' }, view.percentText), h('span', { class: 'reset' }, view.resetText ?? '')),
    h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': view.percentValue, 'aria-valuetext': view.percentText, 'aria-labelledby': headingId }, fill),
    h('div', { class: 'card-meta' }, h('span', { class: 'count' }, view.countText ?? '')),
    staleNote !== null
      ? h('p', { class: 'stale-note' }, staleNote)
      : view.paceText === null
        ? null
        : h('p', { class: `pace ${view.paceTone ?? ''}` }, view.paceText),
    chart,
  );
}

/** Extra usage: what is left of the bought balance, and this month's spend against its cap. */
function extraCard(view: ExtraUsageView, level: 2 | 3): HTMLElement {
  const fill = h('div', { class: 'fill extra' });
  fill.style.width = `${view.fillPercent}%`;
  return h(
    'article',
    { class: 'card', 'data-extra': '', 'aria-labelledby': 'title-extra' },
    h(`h${level}`, { id: 'title-extra' }, view.title),
    h('p', { class: 'headline' }, h('span', { class: 'percent' }, view.left)),
    h('div', { class: 'bar', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(view.fillPercent), 'aria-valuetext': view.valueText, 'aria-labelledby': 'title-extra' }, fill),
    h('div', { class: 'card-meta' }, h('span', { class: 'bought' }, view.bought), h('span', { class: 'month' }, view.month ?? '')),
  );
}

function renderUpdated(): void {
  const line = byId('updated');
  const snapshot = state?.snapshot ?? null;
  const paused = state?.paused ?? null;
  // The welcome has no numbers to date.
  if (state?.notConfigured != null) return line.replaceChildren();
  const parts: (Node | string)[] = [snapshot === null ? t(locale, 'updated.never') : updatedText(locale, snapshot.updatedAt, nowMs)];
  if (paused !== null) parts.push(` · ${t(locale, paused === 'asleep' ? 'popover.paused.asleep' : 'popover.paused.offline')}`);
  line.replaceChildren(...parts);
}

/** Only the time-dependent texts change on a tick; focus and the rest stay put. */
function onTick(atMs: number): void {
  nowMs = atMs;
  updateAccountRows();
  const snapshot = state?.snapshot ?? null;
  if (snapshot === null) return;
  const stale = numbersAreOld();
  // Numbers that just grew old are drawn again: dimmed, with their age, without a forecast.
  if (stale !== (cardsBox()?.classList.contains('stale') ?? false)) {
    renderWindows();
    renderUpdated();
    return;
  }
  const showUsed = settings?.general.showUsageAsUsed ?? false;
  for (const window of snapshot.windows) {
    const element = document.querySelector(`[data-window="${window.id}"]`);
    if (element === null) continue;
    const view = describeWindow(locale, window, nowMs, showUsed, stale);
    const reset = element.querySelector('.reset');
    if (reset !== null) reset.textContent = view.resetText ?? '';
    const pace = element.querySelector('.pace');
    if (pace !== null && view.paceText !== null) pace.textContent = view.paceText;
    const note = element.querySelector('.stale-note');
    if (note !== null) note.textContent = staleAgeText(locale, snapshot.updatedAt, nowMs);
  }
  renderUpdated();
}

/** The collapsed rows' countdowns; a row whose numbers just grew old is drawn again. */
function updateAccountRows(): void {
  const several = severalAccounts();
  if (several === null) return;
  const rows = rowContext();
  for (const account of several.accounts) {
    const button = document.getElementById(accountRowId(account.id));
    if (button === null) continue;
    const view: AccountRowView = describeAccountRow(account, rows);
    if (view.stale !== button.classList.contains('stale')) return renderWindows();
    updateRowTimes(button, view);
  }
}

async function refresh(): Promise<void> {
  if (state?.refreshing) return;
  const result = await api.refresh();
  if (!result.ok) return announce(t(locale, 'announce.failed', { message: errorText(locale, result.error) }));
  setState(result.value);
  const error = result.value.lastError;
  if (error === null) return announce(t(locale, 'announce.refreshed'));
  const message = bannerText(locale, error, result.value.snapshot, nowMs);
  announce(isLimitReached(error) ? message : t(locale, 'announce.failed', { message }));
}

function setState(next: AppState): void {
  // The state of the account selected before a pressed row's selection lands is not shown.
  if (pendingSelection !== null) return;
  state = next;
  render();
  void loadHistory(false);
}

function onKeyDown(event: KeyboardEvent): void {
  if (!(event.metaKey || event.ctrlKey) || event.altKey) return;
  const commands: Readonly<Record<string, () => void>> = {
    r: () => void refresh(),
    ',': () => void api.openSettings({ pane: 'kimi' }),
    q: () => void api.quit(),
  };
  const command = commands[event.key.toLowerCase()];
  if (command === undefined) return;
  event.preventDefault();
  command();
}

function reportVisibility(): void {
  const wasVisible = visible;
  visible = document.visibilityState === 'visible';
  void api.setPopoverVisible({ visible });
  if (!visible) return;
  if (!wasVisible) focusFirstAction(byId('panel'));
  void loadHistory(true);
}

async function start(): Promise<void> {
  // Only the Mac app has the popover material behind the page; elsewhere the panel is opaque.
  document.documentElement.classList.toggle('vibrancy', isMac && document.querySelector('meta[name="kimibar-bridge"]') === null);
  byId('menu').append(menuItems.refresh, menuItems.dashboard, h('hr', { class: 'separator' }), menuItems.settings, menuItems.quit);
  // Local usage from Kimi Code's logs: a self-contained section above the "Updated" line.
  mountLocalStats(api, byId('updated'));
  api.on('state', setState);
  api.on('accounts', setAccounts);
  api.on('settings', (next) => {
    settings = next;
    render();
    void loadHistory(false);
  });
  api.on('deviceLogin', (event) => welcome.onDeviceLogin(event, locale));
  api.on('tick', (tick) => {
    if (tick.target === 'popover') onTick(Date.parse(tick.at));
  });
  document.addEventListener('keydown', onKeyDown);
  installMenuKeys(byId('panel'), () => void api.closePopover());
  document.addEventListener('visibilitychange', reportVisibility);
  render();
  const [stateResult, settingsResult, accountsResult] = await Promise.all([
    api.getState(),
    api.getSettings(),
    api.getAccounts(),
  ]);
  if (settingsResult.ok) settings = settingsResult.value;
  if (stateResult.ok) state = stateResult.value;
  if (accountsResult.ok) accounts = accountsResult.value;
  render();
  watchPopoverFit(byId('panel'), byId('windows'), (height) => void api.fitPopover({ height }));
  // Shown only now, with its numbers and in its final layout: nothing moves as it opens.
  document.body.classList.add('ready');
  reportVisibility();
}

void start();
