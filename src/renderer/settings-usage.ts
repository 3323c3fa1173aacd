// Settings → Usage: what Kimi Code spent on this computer, from its own session logs, per
// project and per model for today, 7 or 30 days, and the switch that stops KimiBar reading
// them. The pane keeps its element and the last answer between redraws of the window, and
// asks the app again when the period changes, the switch turns on, or the answer is old.
import { tokenExact, tokenText } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { LocalStatsRow, LocalStatsView } from '../shared/local-stats.js';
import { STATS_PERIODS, type StatsPeriod } from '../shared/stats-choices.js';
import { h } from './dom.js';
import type { SettingsContext } from './settings-context.js';
import { group, row, switchInput } from './settings-controls.js';

/** An answer older than this is asked for again at the next redraw. */
const FRESH_MS = 30_000;

type Loaded = { readonly phase: 'idle' } | { readonly phase: 'loading' } | { readonly phase: 'failed' } | { readonly phase: 'ready'; readonly view: LocalStatsView; readonly at: number };

const pane = h('div', { class: 'pane', id: 'usage-pane', 'aria-labelledby': 'usage-title' });
let period: StatsPeriod = 7;
let loaded: Loaded = { phase: 'idle' };
let lastContext: SettingsContext | null = null;

export function usagePane(ctx: SettingsContext): HTMLElement {
  lastContext = ctx;
  const enabled = ctx.settings.general.localStats;
  const stale = loaded.phase === 'idle' || (loaded.phase === 'ready' && (loaded.view.days !== period || Date.now() - loaded.at > FRESH_MS || !loaded.view.enabled));
  if (enabled && stale) void load(ctx);
  paint(ctx);
  return pane;
}

async function load(ctx: SettingsContext): Promise<void> {
  loaded = { phase: 'loading' };
  const asked = period;
  const reply = await ctx.api.getLocalStats({ days: asked });
  if (asked !== period) return;
  loaded = reply.ok ? { phase: 'ready', view: reply.value, at: Date.now() } : { phase: 'failed' };
  if (lastContext !== null) paint(lastContext);
}

function paint(ctx: SettingsContext): void {
  const { locale, settings } = ctx;
  const enabled = settings.general.localStats;
  const toggle = row({
    label: t(locale, 'usage.enabled'),
    for: 'local-stats-enabled',
    help: t(locale, enabled ? 'usage.enabled.help' : 'usage.off'),
    error: ctx.errors.get('local-stats-enabled') ?? null,
    control: switchInput('local-stats-enabled', enabled, (localStats) => {
      if (localStats) loaded = { phase: 'idle' };
      ctx.update({ general: { localStats } }, 'local-stats-enabled');
    }),
  });
  const periods = row({ label: t(locale, 'usage.period'), control: periodPicker(ctx) });
  pane.replaceChildren(
    h('h2', { class: 'usage-title', id: 'usage-title' }, t(locale, 'usage.title')),
    group('usage-source', null, enabled ? [toggle, periods] : [toggle]),
    ...(enabled ? tables(locale) : []),
  );
}

function periodPicker(ctx: SettingsContext): HTMLElement {
  const { locale } = ctx;
  return h(
    'div',
    { class: 'usage-periods', role: 'group', 'aria-label': t(locale, 'usage.period') },
    ...STATS_PERIODS.map((days) =>
      h(
        'button',
        {
          type: 'button',
          id: `usage-period-${days}`,
          'aria-pressed': String(days === period),
          onclick: () => {
            if (days === period) return;
            period = days;
            loaded = { phase: 'idle' };
            usagePane(ctx);
            document.getElementById(`usage-period-${days}`)?.focus();
          },
        },
        t(locale, `usage.period.${days}`),
      ),
    ),
  );
}

function tables(locale: Locale): HTMLElement[] {
  if (loaded.phase !== 'ready') {
    const text = loaded.phase === 'failed' ? t(locale, 'usage.failed') : t(locale, 'usage.loading');
    return [note(text, loaded.phase === 'failed' ? 'alert' : 'status')];
  }
  const { view } = loaded;
  if (view.files === 0) return [note(t(locale, 'usage.noLogs'), 'status')];
  if (view.byModel.length === 0) return [note(t(locale, 'usage.empty'), 'status')];
  return [
    group('usage-projects', null, [table(locale, 'usage-by-project', t(locale, 'usage.byProject'), t(locale, 'usage.col.project'), view.byProject)]),
    group('usage-models', null, [table(locale, 'usage-by-model', t(locale, 'usage.byModel'), t(locale, 'usage.col.model'), view.byModel)]),
    ...(view.otherRows > 0 ? [note(t(locale, 'usage.more', { n: view.otherRows }), null)] : []),
  ];
}

function note(text: string, role: 'status' | 'alert' | null): HTMLElement {
  return h('p', { class: 'usage-note', role }, text);
}

const COLUMNS = ['input', 'output', 'cacheRead', 'cacheCreation', 'requests', 'total'] as const;

function table(locale: Locale, id: string, caption: string, keyTitle: string, rows: readonly LocalStatsRow[]): HTMLElement {
  const head = h('tr', {}, h('th', { scope: 'col' }, keyTitle), ...COLUMNS.map((column) => h('th', { scope: 'col' }, t(locale, `usage.col.${column}`))));
  const body = rows.map((entry) => {
    const name = entry.key === '' ? t(locale, 'stats.unknownModel') : entry.key;
    return h(
      'tr',
      {},
      h('th', { scope: 'row', title: name }, projectName(name)),
      ...COLUMNS.map((column) => {
        const value = entry[column];
        // Requests are counted one by one; tokens run to millions and read better compact.
        return h('td', { title: tokenExact(locale, value) }, column === 'requests' ? tokenExact(locale, value) : tokenText(locale, value));
      }),
    );
  });
  // A narrow window scrolls a wide table sideways inside its box: the box takes focus so the
  // keyboard can scroll it too, and is named by the table's caption.
  return h('div', { class: 'usage-table-wrap', role: 'region', tabindex: '0', 'aria-label': caption }, h('table', { class: 'usage-table', id }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body)));
}

/** A long working directory shows its last two folders; the full path is in the tooltip. */
function projectName(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  return parts.length > 2 && path.length > 32 ? `…/${parts.slice(-2).join('/')}` : path;
}
