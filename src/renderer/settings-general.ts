// Settings → General: refresh cadence, app behaviour, language, notifications and history.
import { t } from '../shared/i18n/index.js';
import type { Language, MenuBarText, RefreshCadence, TrayAccount } from '../shared/settings.js';
import { announce, h } from './dom.js';
import { ActionFailure, type SettingsContext } from './settings-context.js';
import { button, buttons, destructiveButton, group, row, selectInput, switchInput, textInput } from './settings-controls.js';
import { parseThresholds } from './thresholds.js';

const CADENCES: readonly RefreshCadence[] = ['manual', '1m', '2m', '5m', '15m', '30m', 'adaptive'];
const MENU_BAR_TEXTS: readonly MenuBarText[] = ['off', '5h', 'weekly', 'countdown'];
const LANGUAGES: readonly Language[] = ['system', 'en', 'zh-CN'];
const TRAY_ACCOUNTS: readonly TrayAccount[] = ['selected', 'most-constrained'];

export function generalPane(ctx: SettingsContext, clearing: boolean, setClearing: (on: boolean) => void): HTMLElement[] {
  return [refresh(ctx), app(ctx), notifications(ctx), history(ctx, clearing, setClearing), support(ctx)];
}

function refresh(ctx: SettingsContext): HTMLElement {
  const { locale, settings } = ctx;
  const cadence = settings.general.refreshCadence;
  return group('general-refresh', t(locale, 'general.refreshSection'), [
    row({
      label: t(locale, 'general.cadence'),
      for: 'refresh-cadence',
      help: cadence === 'adaptive' ? t(locale, 'general.cadence.adaptive.help') : null,
      control: selectInput('refresh-cadence', CADENCES.map((value) => ({ value, label: t(locale, `general.cadence.${value}`) })), cadence, (refreshCadence) =>
        ctx.update({ general: { refreshCadence } }, 'refresh-cadence'),
      ),
    }),
    toggle(ctx, 'refresh-on-open', t(locale, 'general.refreshOnOpen'), null, settings.general.refreshOnOpen, (refreshOnOpen) => ({ general: { refreshOnOpen } })),
  ]);
}

function app(ctx: SettingsContext): HTMLElement {
  const { locale, settings } = ctx;
  const g = settings.general;
  return group('general-app', t(locale, 'general.appSection'), [
    toggle(ctx, 'launch-at-login', t(locale, 'general.launchAtLogin'), null, g.launchAtLogin, (launchAtLogin) => ({ general: { launchAtLogin } })),
    row({
      label: t(locale, 'general.menuBarText'),
      for: 'menu-bar-text',
      control: selectInput('menu-bar-text', MENU_BAR_TEXTS.map((value) => ({ value, label: t(locale, `general.menuBarText.${value}`) })), g.menuBarText, (menuBarText) =>
        ctx.update({ general: { menuBarText } }, 'menu-bar-text'),
      ),
    }),
    // Which account the menu bar draws: a question only once there are several.
    settings.accounts.length > 1
      ? row({
          label: t(locale, 'general.trayAccount'),
          for: 'tray-account',
          control: selectInput('tray-account', TRAY_ACCOUNTS.map((value) => ({ value, label: t(locale, `general.trayAccount.${value}`) })), g.trayAccount, (trayAccount) =>
            ctx.update({ general: { trayAccount } }, 'tray-account'),
          ),
        })
      : null,
    toggle(ctx, 'show-usage-as-used', t(locale, 'general.showUsageAsUsed'), t(locale, 'general.showUsageAsUsed.help'), g.showUsageAsUsed, (showUsageAsUsed) => ({ general: { showUsageAsUsed } })),
    toggle(ctx, 'colored-icon', t(locale, 'general.coloredIcon'), t(locale, 'general.coloredIcon.help'), g.coloredIcon, (coloredIcon) => ({ general: { coloredIcon } })),
    row({
      label: t(locale, 'general.language'),
      for: 'language',
      control: selectInput('language', LANGUAGES.map((value) => ({ value, label: t(locale, `general.language.${value}`) })), g.language, (language) => ctx.update({ general: { language } }, 'language')),
    }),
  ]);
}

function notifications(ctx: SettingsContext): HTMLElement {
  const { locale, settings } = ctx;
  const n = settings.general.notifications;
  const thresholdsError = ctx.errors.get('thresholds') ?? null;
  return group('general-notifications', t(locale, 'notifications.title'), [
    toggle(ctx, 'threshold-warnings', t(locale, 'notifications.thresholdWarnings'), null, n.thresholdWarnings, (thresholdWarnings) => ({ general: { notifications: { thresholdWarnings } } })),
    n.thresholdWarnings
      ? row({
          label: t(locale, 'notifications.thresholds'),
          for: 'thresholds',
          help: t(locale, 'notifications.thresholds.help'),
          error: thresholdsError,
          control: textInput('thresholds', n.thresholds.join(', '), '50, 20', (text) => {
            const thresholds = parseThresholds(text);
            if (thresholds === null) return ctx.setError('thresholds', t(locale, 'notifications.thresholds.invalid'));
            ctx.update({ general: { notifications: { thresholds } } }, 'thresholds');
          }),
        })
      : null,
    toggle(ctx, 'notify-depleted', t(locale, 'notifications.depleted'), null, n.depleted, (depleted) => ({ general: { notifications: { depleted } } })),
    toggle(ctx, 'notify-restored', t(locale, 'notifications.restored'), null, n.restored, (restored) => ({ general: { notifications: { restored } } })),
    toggle(ctx, 'notify-pre-reset', t(locale, 'notifications.preResetReminder'), null, n.preResetReminder, (preResetReminder) => ({ general: { notifications: { preResetReminder } } })),
    toggle(ctx, 'notify-refresh-failing', t(locale, 'notifications.refreshFailing'), null, n.refreshFailing, (refreshFailing) => ({ general: { notifications: { refreshFailing } } })),
  ]);
}

function history(ctx: SettingsContext, clearing: boolean, setClearing: (on: boolean) => void): HTMLElement {
  const { locale, settings, api } = ctx;
  // A destructive confirmation looks it (a red button named by its verb) and Escape backs out,
  // as in a macOS alert; the safe choice, Cancel, is the one focused.
  const clear = clearing
    ? h(
        'div',
        {
          class: 'confirm',
          role: 'group',
          'aria-label': t(locale, 'history.confirm'),
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key !== 'Escape') return;
            event.preventDefault();
            setClearing(false);
          },
        },
        h('span', {}, t(locale, 'history.confirm')),
        buttons(
          button(t(locale, 'history.cancel'), () => setClearing(false), { id: 'history-cancel' }),
          destructiveButton(t(locale, 'history.confirmYes'), () =>
            ctx.run('history', async () => {
              const result = await api.clearHistory();
              if (!result.ok) throw new ActionFailure(result.error);
              setClearing(false);
              announce(t(locale, 'history.cleared'));
            }), 'history-confirm'),
        ),
      )
    : button(t(locale, 'history.clear'), () => setClearing(true), { id: 'history-clear' });
  return group('general-history', t(locale, 'history.title'), [
    toggle(ctx, 'keep-history', t(locale, 'history.keep'), null, settings.general.keepHistory, (keepHistory) => ({ general: { keepHistory } })),
    row({ label: '', error: ctx.errors.get('history') ?? null, control: clear }),
  ]);
}

/** A support bundle for bug reports; the app shows the file in Finder or the file manager. */
function support(ctx: SettingsContext): HTMLElement {
  const { locale, api } = ctx;
  const save = button(t(locale, 'support.saveDiagnostics'), () =>
    ctx.run('save-diagnostics', async () => {
      const result = await api.saveDiagnostics();
      if (!result.ok) throw new ActionFailure(result.error);
      announce(t(locale, 'support.saved', { path: result.value.path }));
    }), { id: 'save-diagnostics' });
  return group('general-support', t(locale, 'support.title'), [
    row({ label: '', help: t(locale, 'support.saveDiagnostics.help'), error: ctx.errors.get('save-diagnostics') ?? null, control: save }),
  ]);
}

function toggle(ctx: SettingsContext, id: string, label: string, help: string | null, value: boolean, patch: (checked: boolean) => Parameters<SettingsContext['update']>[0]): HTMLElement {
  return row({ label, for: id, help, error: ctx.errors.get(id) ?? null, control: switchInput(id, value, (checked) => ctx.update(patch(checked), id)) });
}
