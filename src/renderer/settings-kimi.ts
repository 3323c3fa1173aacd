// Settings → Providers → Kimi: every Kimi setting, grouped as the user thinks of them —
// what to show, how KimiBar signs in (account, API key, web session) and the advanced URL.
//
// While nothing is set up, the one question is how to sign in: the pane opens on the two
// recommended ways (Kimi account, API key) and folds the rest — usage source, web session,
// browser import, API address — under "More options", four groups a new user need not read
// first. Once signed in, every group is shown, the usage source first.
import { checkApiKey } from '../shared/api-key.js';
import { formatDuration } from '../shared/format/index.js';
import { USAGE_SOURCE_MODES } from '../shared/usage-source-modes.js';
import { t } from '../shared/i18n/index.js';
import type { ImportReport } from '../shared/ipc.js';
import type { CookieSource, Region } from '../shared/settings.js';
import { deviceLoginView } from './device-login-view.js';
import { nameRow, thresholdsRow } from './settings-accounts.js';
import { announce, h } from './dom.js';
import { ActionFailure, type SettingsContext } from './settings-context.js';
import { button, buttons, clearField, group, row, secretInput, selectInput, switchInput, textInput } from './settings-controls.js';

export function kimiPane(ctx: SettingsContext): HTMLElement[] {
  const more = [webSession(ctx), ...(ctx.account.cookieSource === 'automatic' ? [browserImport(ctx)] : []), advanced(ctx)];
  if (ctx.state?.notConfigured == null) return [general(ctx), account(ctx), apiKey(ctx), ...more];
  return [
    account(ctx),
    apiKey(ctx),
    h(
      'details',
      { class: 'more-options', id: 'more-options' },
      h('summary', {}, h('span', { class: 'more-title' }, t(ctx.locale, 'settings.more')), h('span', { class: 'row-help' }, t(ctx.locale, 'settings.more.help'))),
      general(ctx),
      ...more,
    ),
  ];
}

function general(ctx: SettingsContext): HTMLElement {
  const { locale, settings } = ctx;
  const regions: Region[] = ['kimi.com', 'kimi.ai'];
  const lastAuto = ctx.state?.lastAutoSource ?? ctx.account.lastAutoSource;
  const autoHelp = ctx.account.usageSource !== 'auto' ? null : lastAuto === null ? t(locale, 'kimi.autoUsed.none') : t(locale, 'kimi.autoUsed', { source: t(locale, `source.${lastAuto}`) });
  const several = settings.accounts.length > 1;
  return group('kimi-general', null, [
    nameRow(ctx),
    row({
      label: t(locale, several ? 'accounts.enabled' : 'kimi.enabled'),
      for: 'kimi-enabled',
      help: several ? t(locale, 'accounts.enabled.help') : null,
      control: switchInput('kimi-enabled', ctx.account.enabled, (enabled) => ctx.update({ ...ctx.forAccount, kimi: { enabled } }, 'kimi-enabled')),
    }),
    thresholdsRow(ctx),
    row({
      label: t(locale, 'kimi.region'),
      for: 'kimi-region',
      control: selectInput('kimi-region', regions.map((value) => ({ value, label: t(locale, `kimi.region.${value}`) })), ctx.account.region, (region) => ctx.update({ ...ctx.forAccount, kimi: { region } }, 'kimi-region')),
    }),
    row({
      label: t(locale, 'kimi.usageSource'),
      for: 'kimi-usage-source',
      help: autoHelp,
      error: ctx.errors.get('kimi-usage-source') ?? null,
      control: selectInput('kimi-usage-source', USAGE_SOURCE_MODES.map((value) => ({ value, label: t(locale, `kimi.usageSource.${value}`) })), ctx.account.usageSource, (usageSource) =>
        ctx.update({ ...ctx.forAccount, kimi: { usageSource } }, 'kimi-usage-source'),
      ),
    }),
  ], ctx.secrets?.keychain === 'session-only' ? t(locale, 'kimi.keychain.sessionOnly') : null);
}

function account(ctx: SettingsContext): HTMLElement {
  const { locale, api } = ctx;
  const signedIn = ctx.secrets?.account.signedIn ?? false;
  const login = ctx.deviceLogin;
  const error = ctx.errors.get('account') ?? null;
  const rows: HTMLElement[] = [];
  if (login.phase === 'waiting') {
    const cancel = (): void => ctx.run('account', async () => void (await api.cancelDeviceLogin()));
    rows.push(h('div', { class: 'row wide' }, deviceLoginView({ api, locale, start: login.start, onCancel: cancel })));
  } else {
    const action = signedIn
      ? button(t(locale, 'account.signOut'), () => ctx.run('account', async () => void (await ctx.api.signOut(ctx.accountRequest))), { id: 'account-sign-out' })
      : button(t(locale, 'account.signIn'), () => ctx.run('account', () => startDeviceLogin(ctx)), { id: 'account-sign-in', primary: true });
    rows.push(row({ label: signedIn ? signedInText(ctx) : t(locale, 'account.notSignedIn'), help: t(locale, 'account.help'), control: action, error }));
  }
  return group('kimi-account', t(locale, 'account.title'), rows);
}

/** Which account: Kimi's device login yields no name or e-mail, so the plan the numbers came
 *  with is what tells this account apart; before the first numbers, just "signed in". */
function signedInText(ctx: SettingsContext): string {
  const snapshot = ctx.state?.snapshot ?? null;
  const plan = snapshot?.source.kind === 'kimi-account' && !snapshot.stale ? snapshot.plan : null;
  return plan ? t(ctx.locale, 'account.signedInPlan', { plan }) : t(ctx.locale, 'account.signedIn');
}

async function startDeviceLogin(ctx: SettingsContext): Promise<void> {
  const result = await ctx.api.startDeviceLogin(ctx.accountRequest);
  if (!result.ok) throw new ActionFailure(result.error);
  ctx.setDeviceLogin({ phase: 'waiting', start: result.value });
}

function apiKey(ctx: SettingsContext): HTMLElement {
  const { locale, api } = ctx;
  const secrets = ctx.secrets;
  const isSet = secrets?.apiKey === 'set';
  const masked = secrets?.apiKeyMasked ?? null;
  const sessionOnly = secrets?.keychain === 'session-only';
  const status = isSet
    ? masked === null
      ? t(locale, sessionOnly ? 'apiKey.setSession' : 'apiKey.set')
      : t(locale, sessionOnly ? 'apiKey.setSessionMasked' : 'apiKey.setMasked', { key: masked })
    : secrets?.environment.apiKey
      ? t(locale, 'apiKey.fromEnv')
      : t(locale, 'apiKey.notSet');
  const input = secretInput('api-key', t(locale, 'apiKey.placeholder'), (value) => save(value));
  // The form is checked here, by the one rule the app checks again (shared/api-key.ts), so a
  // malformed key is named before anything is sent.
  const problem = (value: string): string | null => {
    const check = checkApiKey(value);
    return check.ok ? null : t(locale, check.problem === 'empty' ? 'apiKey.empty' : 'apiKey.invalid');
  };
  input.addEventListener('change', () => {
    // Only a change of verdict redraws: the change event fires as the field loses focus, which a
    // press on Save does first, and a redraw then would replace the button under the pointer and
    // lose the click.
    const verdict = input.value === '' ? null : problem(input.value);
    if (input.value !== '' && verdict !== (ctx.errors.get('api-key') ?? null)) ctx.setError('api-key', verdict);
  });
  const save = (value: string): void =>
    ctx.run('api-key', async () => {
      const refused = problem(value);
      if (refused !== null) throw new ActionFailure(refused);
      const result = await ctx.api.setApiKey({ apiKey: value, ...ctx.forAccount });
      if (!result.ok) throw new ActionFailure(result.error.code === 'invalid-request' ? t(locale, 'apiKey.invalid') : result.error);
      clearField('api-key');
      announce(t(locale, sessionOnly ? 'apiKey.setSessionMasked' : 'apiKey.setMasked', { key: result.value.masked }));
    });
  const error = ctx.errors.get('api-key') ?? null;
  // The row ties its help and error to its control, here the box around the field: the field
  // itself must carry them for a screen reader.
  input.setAttribute('aria-describedby', error === null ? 'api-key-help' : 'api-key-help api-key-error');
  if (error !== null) input.setAttribute('aria-invalid', 'true');
  return group('kimi-api-key', t(locale, 'apiKey.title'), [
    row({
      label: t(locale, 'apiKey.label'),
      for: 'api-key',
      help: status,
      error,
      wide: true,
      control: h(
        'div',
        { class: 'field-with-buttons' },
        input,
        buttons(
          button(t(locale, 'apiKey.save'), () => save(input.value), { id: 'api-key-save', primary: true }),
          isSet ? button(t(locale, 'apiKey.remove'), () => ctx.run('api-key', async () => void (await ctx.api.clearApiKey(ctx.accountRequest))), { id: 'api-key-remove' }) : null,
        ),
      ),
    }),
    row({
      label: '',
      help: t(locale, 'apiKey.help'),
      control: h('button', { type: 'button', class: 'link-button', id: 'api-docs', onclick: () => void api.openExternal({ target: 'api-docs' }) }, t(locale, 'apiKey.docs')),
    }),
  ]);
}

function webSession(ctx: SettingsContext): HTMLElement {
  const { locale } = ctx;
  const sources: CookieSource[] = ['automatic', 'manual', 'off'];
  const radios = h(
    'fieldset',
    { class: 'radio-list', id: 'cookie-source' },
    h('legend', { class: 'row-label' }, t(locale, 'cookie.source')),
    ...sources.map((value) => {
      const radio = h('input', { type: 'radio', name: 'cookie-source', value, id: `cookie-source-${value}`, onchange: () => ctx.update({ ...ctx.forAccount, kimi: { cookieSource: value } }, 'cookie-source') });
      radio.checked = ctx.account.cookieSource === value;
      return h(
        'label',
        { class: 'radio-row', for: `cookie-source-${value}` },
        radio,
        h('span', { class: 'radio-text' }, h('span', {}, t(locale, `cookie.${value}`)), h('span', { class: 'row-help' }, t(locale, `cookie.${value}.help`))),
      );
    }),
  );
  const webSignedIn = ctx.secrets?.webSession.signedIn ?? false;
  const rows: (HTMLElement | null)[] = [
    h('div', { class: 'row wide' }, radios),
    ctx.account.cookieSource === 'manual' ? manualToken(ctx) : null,
    row({
      label: t(locale, webSignedIn ? 'web.signedIn' : 'web.notSignedIn'),
      error: ctx.errors.get('web') ?? null,
      control: webSignedIn
        ? button(t(locale, 'account.signOut'), () => ctx.run('web', async () => void (await ctx.api.signOut(ctx.accountRequest))), { id: 'web-sign-out' })
        : button(t(locale, 'web.signIn'), () => ctx.run('web', async () => void (await ctx.api.signInWeb(ctx.accountRequest))), { id: 'web-sign-in' }),
    }),
  ];
  return group('kimi-web', t(locale, 'cookie.title'), rows, t(locale, 'cookie.note'));
}

function manualToken(ctx: SettingsContext): HTMLElement {
  const { locale } = ctx;
  const saved = ctx.secrets?.manualToken ?? { state: 'not-set' as const, expiresAt: null };
  const input = secretInput('auth-token', t(locale, 'token.placeholder'), (value) => save(value));
  const save = (value: string): void =>
    ctx.run('auth-token', async () => {
      const result = await ctx.api.setManualToken({ input: value, ...ctx.forAccount });
      if (!result.ok) throw new ActionFailure(result.error);
      clearField('auth-token');
      ctx.setManualToken(result.value);
    });
  const status = saved.state === 'not-set' ? (ctx.secrets?.environment.authToken ? t(locale, 'token.fromEnv') : t(locale, 'token.notSet')) : tokenStatus(ctx, saved.expiresAt, saved.state === 'expired');
  const warning = ctx.manualToken?.warning ?? null;
  return row({
    label: t(locale, 'token.label'),
    for: 'auth-token',
    help: warning === null ? status : `${status} — ${t(locale, `token.warning.${warning}`)}`,
    error: ctx.errors.get('auth-token') ?? null,
    wide: true,
    control: h(
      'div',
      { class: 'field-with-buttons' },
      input,
      buttons(
        button(t(locale, 'token.save'), () => save(input.value), { id: 'auth-token-save', primary: true }),
        saved.state === 'not-set'
          ? null
          : button(t(locale, 'token.clear'), () => ctx.run('auth-token', async () => {
              await ctx.api.clearManualToken(ctx.accountRequest);
              ctx.setManualToken(null);
            }), { id: 'auth-token-clear' }),
      ),
    ),
  });
}

function tokenStatus(ctx: SettingsContext, expiresAt: string | null, expired: boolean): string {
  const { locale } = ctx;
  if (expired) return `${t(locale, 'token.set')} · ${t(locale, 'token.expired')}`;
  if (expiresAt === null) return `${t(locale, 'token.set')} · ${t(locale, 'token.noExpiry')}`;
  return `${t(locale, 'token.set')} · ${t(locale, 'token.expiresIn', { duration: formatDuration(locale, Date.parse(expiresAt) - Date.now()) })}`;
}

function browserImport(ctx: SettingsContext): HTMLElement {
  const { locale, api } = ctx;
  const needsAccess = ctx.reports.some((report) => report.status === 'needs-full-disk-access');
  const rows: HTMLElement[] =
    ctx.reports.length === 0 ? [row({ label: t(locale, 'import.none') })] : ctx.reports.map((report) => importRow(ctx, report));
  rows.push(
    row({
      label: '',
      error: ctx.errors.get('import') ?? null,
      control: buttons(
        needsAccess ? button(t(locale, 'import.grantFda'), () => void api.openExternal({ target: 'full-disk-access' }), { id: 'grant-fda' }) : null,
        button(t(locale, 'import.reimport'), () =>
          ctx.run('import', async () => {
            const result = await api.reimportCookies();
            if (!result.ok) throw new ActionFailure(result.error);
            ctx.setReports(result.value);
          }), { id: 'reimport' }),
      ),
    }),
  );
  return group('kimi-import', t(locale, 'import.title'), rows);
}

function importRow(ctx: SettingsContext, report: ImportReport): HTMLElement {
  const { locale } = ctx;
  const name = report.profile === null ? report.browserName : `${report.browserName} · ${report.profile}`;
  const expiry = report.expiresAt === null ? null : t(locale, 'import.expires', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(report.expiresAt)) });
  return row({
    label: name,
    help: [expiry, report.detail].filter((part) => part !== null).join(' · ') || null,
    control: h('span', { class: `status-pill ${report.status}` }, t(locale, `import.status.${report.status}`)),
  });
}

function advanced(ctx: SettingsContext): HTMLElement {
  const { locale } = ctx;
  return group('kimi-advanced', t(locale, 'advanced.title'), [
    row({
      label: t(locale, 'advanced.baseUrl'),
      for: 'api-base-url',
      help: t(locale, 'advanced.baseUrl.help'),
      error: ctx.errors.get('api-base-url') ?? null,
      wide: true,
      control: textInput('api-base-url', ctx.account.apiBaseUrl ?? '', t(locale, 'advanced.baseUrl.placeholder'), (value) =>
        ctx.update({ ...ctx.forAccount, kimi: { apiBaseUrl: value === '' ? null : value } }, 'api-base-url'),
      ),
    }),
  ]);
}
