// Settings → Providers: the Kimi accounts. The sidebar lists them (name, how each signs in, on
// or off) with the list's own buttons below, as a macOS source list has them: add, remove, move
// up and down. Choosing an account makes every Kimi control in the pane act on it. Adding asks
// for a name and a way to sign in; removing asks first, in red, with Cancel focused.
import { MAX_ACCOUNTS, accountNameKey, isValidAccountName } from '../shared/accounts.js';
import { t } from '../shared/i18n/index.js';
import { USAGE_SOURCE_MODES } from '../shared/usage-source-modes.js';
import type { UsageSourceMode } from '../shared/settings.js';
import { announce, h, icon } from './dom.js';
import { ActionFailure, type SettingsContext } from './settings-context.js';
import { button, buttons, destructiveButton, group, row, selectInput, textInput } from './settings-controls.js';
import { parseThresholds } from './thresholds.js';

const PLUS = ['M8 3.5v9', 'M3.5 8h9'];
const MINUS = ['M3.5 8h9'];
const UP = ['M4 9.8 8 5.8l4 4'];
const DOWN = ['M4 6.2l4 4 4-4'];

/** What the accounts part of the window keeps between redraws, and how it changes it. */
export interface AccountsUi {
  /** The "New account" form is shown in place of an account's settings. */
  readonly adding: boolean;
  /** The removal of the chosen account waits for its confirmation. */
  readonly removing: boolean;
  choose(accountId: string): void;
  setAdding(on: boolean): void;
  setRemoving(on: boolean): void;
  /** The list changed in the app: settings are read again and `accountId` (or the selected
   *  account) is chosen. */
  changed(accountId: string | null): Promise<void>;
}

export function itemId(accountId: string): string {
  return `account-item-${accountId}`;
}

/** The list in the sidebar and its buttons. */
export function accountList(ctx: SettingsContext, ui: AccountsUi): HTMLElement[] {
  const { locale, settings } = ctx;
  const accounts = settings.accounts;
  const index = accounts.findIndex((account) => account.id === ctx.account.id);
  const items = accounts.map((account) => {
    const chosen = account.id === ctx.account.id && !ui.adding;
    return h(
      'button',
      {
        type: 'button',
        class: chosen ? 'provider-item selected' : 'provider-item',
        id: itemId(account.id),
        'aria-current': chosen ? 'true' : null,
        onclick: () => ui.choose(account.id),
      },
      h('span', { class: 'provider-mark', 'aria-hidden': 'true' }, 'K'),
      h('span', { class: 'provider-text' }, h('span', { class: 'provider-name' }, account.name), h('span', { class: 'provider-source' }, t(locale, `kimi.usageSource.${account.usageSource}`))),
      h('span', { class: account.enabled ? 'provider-state on' : 'provider-state' }, t(locale, account.enabled ? 'settings.on' : 'settings.off')),
    );
  });
  const name = ctx.account.name;
  const move = (to: number): void =>
    ctx.run('accounts', async () => {
      const result = await ctx.api.moveAccount({ account: ctx.account.id, index: to });
      if (!result.ok) throw new ActionFailure(result.error);
      await ui.changed(ctx.account.id);
      announce(t(locale, 'accounts.moved', { name, n: to + 1 }));
    });
  const tool = (id: string, label: string, paths: readonly string[], disabled: boolean, onClick: () => void): HTMLButtonElement =>
    h('button', { type: 'button', class: 'list-tool', id, 'aria-label': label, title: label, disabled, onclick: onClick }, icon(paths));
  return [
    h('div', { class: 'account-items' }, ...items),
    h(
      'div',
      { class: 'list-tools' },
      tool('account-add', t(locale, 'accounts.addLabel'), PLUS, accounts.length >= MAX_ACCOUNTS, () => ui.setAdding(true)),
      // The only account can be neither removed nor moved: those buttons come with a second.
      ...(accounts.length <= 1
        ? []
        : [
            tool('account-remove-start', t(locale, 'accounts.removeLabel', { name }), MINUS, ui.adding, () => ui.setRemoving(true)),
            tool('account-up', t(locale, 'accounts.moveUp', { name }), UP, index <= 0 || ui.adding, () => move(index - 1)),
            tool('account-down', t(locale, 'accounts.moveDown', { name }), DOWN, index === accounts.length - 1 || ui.adding, () => move(index + 1)),
          ]),
    ),
    ...(accounts.length >= MAX_ACCOUNTS ? [h('p', { class: 'list-note' }, t(locale, 'accounts.full', { n: MAX_ACCOUNTS }))] : []),
    ...(ctx.errors.has('accounts') ? [h('p', { class: 'row-error', role: 'alert' }, ctx.errors.get('accounts') ?? '')] : []),
  ];
}

/** The refusal of a name before it is sent: the app checks the same rule again. */
function nameProblem(ctx: SettingsContext, name: string, exceptId: string | null): string | null {
  if (!isValidAccountName(name)) return t(ctx.locale, 'accounts.name.invalid');
  const key = accountNameKey(name);
  const taken = ctx.settings.accounts.some((account) => account.id !== exceptId && accountNameKey(account.name) === key);
  return taken ? t(ctx.locale, 'accounts.name.taken') : null;
}

/** The chosen account's name, renamed where it is shown. */
export function nameRow(ctx: SettingsContext): HTMLElement {
  const { locale } = ctx;
  return row({
    label: t(locale, 'accounts.name'),
    for: 'account-name',
    help: t(locale, 'accounts.name.help'),
    error: ctx.errors.get('account-name') ?? null,
    control: textInput('account-name', ctx.account.name, t(locale, 'accounts.name.placeholder'), (value) => {
      if (value === ctx.account.name) return ctx.setError('account-name', null);
      const problem = nameProblem(ctx, value, ctx.account.id);
      if (problem !== null) return ctx.setError('account-name', problem);
      ctx.update({ ...ctx.forAccount, kimi: { name: value } }, 'account-name');
    }),
  });
}

/** The chosen account's own warning thresholds; empty: the list in General. Only asked with
 *  several accounts (one account has the General list alone). */
export function thresholdsRow(ctx: SettingsContext): HTMLElement | null {
  const { locale, settings } = ctx;
  if (settings.accounts.length <= 1) return null;
  const general = settings.general.notifications.thresholds.join(', ');
  return row({
    label: t(locale, 'accounts.thresholds'),
    for: 'account-thresholds',
    help: t(locale, 'accounts.thresholds.help', { general: general === '' ? '—' : general }),
    error: ctx.errors.get('account-thresholds') ?? null,
    control: textInput('account-thresholds', ctx.account.thresholds?.join(', ') ?? '', general, (text) => {
      if (text === '') return ctx.update({ ...ctx.forAccount, kimi: { thresholds: null } }, 'account-thresholds');
      const thresholds = parseThresholds(text);
      if (thresholds === null) return ctx.setError('account-thresholds', t(locale, 'notifications.thresholds.invalid'));
      ctx.update({ ...ctx.forAccount, kimi: { thresholds } }, 'account-thresholds');
    }),
  });
}

/** In place of an account's settings while one is being added. */
export function newAccountPane(ctx: SettingsContext, ui: AccountsUi): HTMLElement[] {
  const { locale } = ctx;
  const name = textInput('new-account-name', '', t(locale, 'accounts.name.placeholder'), () => undefined);
  let source: UsageSourceMode = 'auto';
  const sourceSelect = selectInput('new-account-source', USAGE_SOURCE_MODES.map((value) => ({ value, label: t(locale, `kimi.usageSource.${value}`) })), source, (value) => {
    source = value;
  });
  const add = (): void =>
    ctx.run('new-account-name', async () => {
      const value = name.value.trim();
      const problem = nameProblem(ctx, value, null);
      if (problem !== null) throw new ActionFailure(problem);
      const result = await ctx.api.addAccount({ name: value, usageSource: source });
      if (!result.ok) throw new ActionFailure(result.error);
      ui.setAdding(false);
      await ui.changed(result.value.id);
      announce(t(locale, 'accounts.added', { name: result.value.name }));
    });
  name.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') add();
  });
  const form = h(
    'div',
    {
      class: 'new-account',
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key !== 'Escape') return;
        event.preventDefault();
        ui.setAdding(false);
      },
    },
    group('new-account', null, [
      row({ label: t(locale, 'accounts.name'), for: 'new-account-name', help: t(locale, 'accounts.name.help'), error: ctx.errors.get('new-account-name') ?? null, control: name }),
      row({ label: t(locale, 'accounts.source'), for: 'new-account-source', control: sourceSelect }),
      row({
        label: '',
        control: buttons(button(t(locale, 'accounts.cancel'), () => ui.setAdding(false), { id: 'new-account-cancel' }), button(t(locale, 'accounts.create'), add, { id: 'new-account-add', primary: true })),
      }),
    ]),
  );
  return [
    h('div', { class: 'detail-header' }, h('span', { class: 'provider-mark large', 'aria-hidden': 'true' }, 'K'), h('div', {}, h('h2', {}, t(locale, 'accounts.new.title')), h('p', { class: 'row-help' }, t(locale, 'accounts.new.help')))),
    form,
  ];
}

/** "Remove Account…", and its confirmation; not shown for the only account. */
export function removeGroup(ctx: SettingsContext, ui: AccountsUi): HTMLElement | null {
  const { locale, settings } = ctx;
  if (settings.accounts.length <= 1) return null;
  const name = ctx.account.name;
  const confirm = h(
    'div',
    {
      class: 'confirm',
      role: 'group',
      'aria-label': t(locale, 'accounts.remove.confirm', { name }),
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key !== 'Escape') return;
        event.preventDefault();
        ui.setRemoving(false);
      },
    },
    h('span', {}, t(locale, 'accounts.remove.confirm', { name })),
    buttons(
      button(t(locale, 'accounts.cancel'), () => ui.setRemoving(false), { id: 'account-remove-cancel' }),
      destructiveButton(t(locale, 'accounts.remove.confirmYes'), () =>
        ctx.run('account-remove', async () => {
          const result = await ctx.api.removeAccount({ account: ctx.account.id });
          if (!result.ok) throw new ActionFailure(result.error);
          ui.setRemoving(false);
          await ui.changed(null);
          announce(t(locale, 'accounts.removed', { name }));
        }), 'account-remove-confirm'),
    ),
  );
  return group('account-remove-group', null, [
    row({
      label: '',
      help: t(locale, 'accounts.remove.help'),
      error: ctx.errors.get('account-remove') ?? null,
      control: ui.removing ? confirm : button(t(locale, 'accounts.remove'), () => ui.setRemoving(true), { id: 'account-remove' }),
    }),
  ]);
}
