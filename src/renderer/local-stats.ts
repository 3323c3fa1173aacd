// The popover's local-usage section: "Today: 34.6K tokens · kimi-for-coding" and a bar per day
// for the last seven days, from Kimi Code's own session logs (getLocalStats). It owns its part
// of the page: it asks when the popover is shown and after each refresh, at most every
// ASK_EVERY_MS, and hides itself when the setting is off or this computer has no logs.
import { dayText, tokenExact, tokenText, weekdayLetter } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { KimiBarApi } from '../shared/ipc.js';
import type { LocalStatsView } from '../shared/local-stats.js';
import type { Settings } from '../shared/settings.js';
import { h } from './dom.js';
import { pageLocale } from './locale.js';

/** Logs grow while Kimi Code works; a popover left open picks that up with the next refresh. */
const ASK_EVERY_MS = 15_000;

export function mountLocalStats(api: KimiBarApi, before: HTMLElement): void {
  const section = h('section', { class: 'local-stats', id: 'local-stats', 'aria-labelledby': 'local-stats-title', hidden: true });
  before.before(section);
  let settings: Settings | null = null;
  let view: LocalStatsView | null = null;
  let askedAt = Number.NEGATIVE_INFINITY;
  let asking = false;

  const paint = (): void => {
    const locale = pageLocale(settings);
    const shown = view !== null && view.enabled && view.files > 0 ? view : null;
    section.hidden = shown === null;
    section.replaceChildren(...(shown === null ? [] : content(locale, shown)));
  };

  const ask = async (force: boolean): Promise<void> => {
    if (document.visibilityState !== 'visible' || asking) return;
    if (!force && Date.now() - askedAt < ASK_EVERY_MS) return;
    if (settings !== null && !settings.general.localStats) {
      view = null;
      return paint();
    }
    asking = true;
    askedAt = Date.now();
    try {
      const reply = await api.getLocalStats({ days: 7 });
      // A failed read shows nothing rather than numbers that may be wrong.
      view = reply.ok ? reply.value : null;
    } finally {
      asking = false;
    }
    paint();
  };

  api.on('settings', (next) => {
    const turnedOn = next.general.localStats && settings?.general.localStats === false;
    settings = next;
    paint();
    void ask(turnedOn || !next.general.localStats);
  });
  api.on('state', () => void ask(false));
  document.addEventListener('visibilitychange', () => void ask(true));
  void api.getSettings().then((reply) => {
    if (reply.ok) settings = reply.value;
    void ask(true);
  });
}

function content(locale: Locale, view: LocalStatsView): HTMLElement[] {
  const today = view.todayTotals.total;
  const model = view.topModel === null ? null : view.topModel === '' ? t(locale, 'stats.unknownModel') : view.topModel;
  const line = today === 0 || model === null ? t(locale, 'stats.todayNone') : t(locale, 'stats.todayLine', { tokens: tokenText(locale, today), model });
  return [
    h(
      'div',
      { class: 'local-stats-head' },
      h('h2', { id: 'local-stats-title' }, t(locale, 'stats.today')),
      h('span', { class: 'local-stats-today', id: 'local-stats-today', title: today === 0 ? null : tokenExact(locale, today) }, line),
    ),
    weekChart(locale, view.week),
  ];
}

/** Seven bars scaled to the busiest day; the whole week is one image with a spoken summary. */
function weekChart(locale: Locale, week: LocalStatsView['week']): HTMLElement {
  const max = Math.max(1, ...week.map((day) => day.total));
  const said = week.map((day) => t(locale, 'stats.weekDay', { day: dayText(locale, day.day), tokens: tokenText(locale, day.total) })).join(', ');
  return h(
    'div',
    { class: 'local-stats-week', role: 'img', 'aria-label': `${t(locale, 'stats.week')}: ${said}` },
    ...week.map((day, index) => {
      const bar = h('span', { class: index === week.length - 1 ? 'local-stats-bar today' : 'local-stats-bar' });
      // A day with any use keeps a visible sliver, so it never reads as an empty day.
      bar.style.height = day.total === 0 ? '0' : `${Math.max(6, (day.total / max) * 100)}%`;
      return h(
        'span',
        { class: 'local-stats-day', title: t(locale, 'stats.weekDay', { day: dayText(locale, day.day), tokens: tokenExact(locale, day.total) }) },
        h('span', { class: 'local-stats-track' }, bar),
        h('span', { class: 'local-stats-label', 'aria-hidden': 'true' }, weekdayLetter(locale, day.day)),
      );
    }),
  );
}
