// One snapshot, every surface: the tray's title and tooltip, the popover's cards, the CLI's
// text and the notifications must print the same numbers and words for it. Each snapshot
// comes from a Kimi response through the real mapping, as the app would see it.
import { describe, expect, test } from 'vitest';
import { renderUsage } from '../../../src/main/cli/render-usage.js';
import { notificationText } from '../../../src/main/core/app/notification-text.js';
import type { NotificationMemory } from '../../../src/main/core/app/notifications.js';
import { decideNotifications, EMPTY_NOTIFICATION_MEMORY } from '../../../src/main/core/app/notifications.js';
import { buildSnapshot, mapCodeApiUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import { trayTitle, trayTooltip } from '../../../src/main/core/tray-icon/index.js';
import { describeWindow } from '../../../src/renderer/usage-view.js';
import type { Locale } from '../../../src/shared/i18n/index.js';
import { formatDuration } from '../../../src/shared/format/index.js';
import { t } from '../../../src/shared/i18n/index.js';
import type { UsageSnapshot, WindowId } from '../../../src/shared/usage.js';
import { settings } from '../../core/app/fixtures.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const HOUR = 3_600_000;
const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();
const plain = { style: (_style: string, text: string) => text };

/** A Code API reply: the 5-hour row and the weekly quota as counts, plus ratio pools. */
function reply(fiveHour: [used: number, limit: number] | null, weekly: [used: number, limit: number] | null, pools: Record<string, number> = {}): unknown {
  const detail = ([used, limit]: [number, number], resetsInMs: number) => ({ limit: String(limit), used: String(used), resetTime: at(resetsInMs) });
  return {
    user: { userId: 'u-1', membership: { level: 'LEVEL_INTERMEDIATE' } },
    ...(weekly === null ? {} : { usage: detail(weekly, 4 * 24 * HOUR) }),
    limits: fiveHour === null ? [] : [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: detail(fiveHour, 2 * HOUR + 13 * 60_000) }],
    ...(Object.keys(pools).length === 0 ? {} : { usages: Object.fromEntries(Object.entries(pools).map(([name, ratio]) => [name, { used_ratio: ratio, reset_time: at(3 * 24 * HOUR) }])) }),
  };
}

function snapshotOf(body: unknown): UsageSnapshot {
  return buildSnapshot(mapCodeApiUsage(body), { kind: 'api-key', label: 'Kimi Code API key' }, NOW);
}

/** The snapshots, and the headline each window must read ("left" mode) on every surface. */
const CASES: readonly { name: string; snapshot: UsageSnapshot; left: Partial<Record<WindowId, string>> }[] = [
  { name: '99.6 % used', snapshot: snapshotOf(reply([996, 1000], [2040, 2048])), left: { '5h': '1% left', weekly: '1% left' } },
  { name: '0.4 % used', snapshot: snapshotOf(reply([4, 1000], [8, 2048])), left: { '5h': '99% left', weekly: '99% left' } },
  { name: 'exactly 100 % used', snapshot: snapshotOf(reply([200, 200], [2048, 2048])), left: { '5h': '0% left', weekly: '0% left' } },
  { name: 'over quota', snapshot: snapshotOf(reply([250, 200], [3000, 2048])), left: { '5h': '0% left', weekly: '0% left' } },
  { name: 'nothing used', snapshot: snapshotOf(reply([0, 200], [0, 2048])), left: { '5h': '100% left', weekly: '100% left' } },
  { name: 'the documented example, half a percent', snapshot: snapshotOf(reply([139, 200], [214, 2048])), left: { '5h': '31% left', weekly: '90% left' } },
  // Limits of 100 are percent units: "47% used", never "47/100 requests", on every surface.
  { name: 'percent units', snapshot: snapshotOf(reply([47, 100], [12, 100])), left: { '5h': '53% left', weekly: '88% left' } },
  {
    name: 'ratio pools',
    snapshot: snapshotOf(reply(null, null, { limit_5h: 0.996, limit_7d: 0.004, limit_month_total: 1, limit_month_code: 0.695 })),
    left: { '5h': '1% left', weekly: '99% left', 'monthly-total': '0% left', 'monthly-code': '31% left' },
  },
];

/** The CLI's block for each window: its first line's percent and counts, its detail line. */
function cliBlocks(snapshot: UsageSnapshot): { percent: string; counts: string; details: string }[] {
  const lines = renderUsage(snapshot, NOW, plain).split('\n').slice(1, -1);
  const blocks: { percent: string; counts: string; details: string }[] = [];
  for (const line of lines) {
    const first = /^.+?\s[█░]+\s+(\d+% left) {2}(.*)$/.exec(line);
    if (first !== null) blocks.push({ percent: first[1]!, counts: first[2]!, details: '' });
    else blocks.at(-1)!.details = line.trim();
  }
  return blocks;
}

/** What a threshold notification says a window has left, after a reading with nothing used. */
function notifiedLeft(snapshot: UsageSnapshot, locale: Locale): Map<WindowId, string> {
  const rules = settings({ notifications: { thresholds: [50, 20] } }).general.notifications;
  const fresh = { ...snapshot, windows: snapshot.windows.map((window) => ({ ...window, usedPercent: 0, used: 0 })) };
  const baseline: NotificationMemory = decideNotifications(EMPTY_NOTIFICATION_MEMORY, { type: 'refreshed', snapshot: fresh }, NOW.getTime(), rules).memory;
  const { decisions } = decideNotifications(baseline, { type: 'refreshed', snapshot }, NOW.getTime(), rules);
  const titles = new Map<WindowId, string>();
  for (const decision of decisions) {
    if (decision.kind === 'threshold') titles.set(decision.windowId, notificationText(decision, locale, NOW.getTime()).title);
  }
  return titles;
}

describe.each(CASES)('$name: every surface prints the same numbers', ({ snapshot, left }) => {
  const nowMs = NOW.getTime();

  test('the popover reads the expected headline for every window', () => {
    expect(Object.fromEntries(snapshot.windows.map((window) => [window.id, describeWindow('en', window, nowMs, false).percentText]))).toEqual(left);
  });

  test.each(['en', 'zh-CN'] as const)('the tray title and tooltip say what the popover says (%s)', (locale) => {
    for (const showUsed of [false, true]) {
      const views = snapshot.windows.map((window) => describeWindow(locale, window, nowMs, showUsed));
      const tooltip = views.map((view) => {
        const line = t(locale, 'tray.tooltipLine', { window: view.title, share: view.percentText });
        return view.resetText === null ? line : `${line} · ${view.resetText}`;
      });
      expect(trayTooltip(snapshot, nowMs, locale, showUsed).split('\n')).toEqual(tooltip);
      // A window with nothing left turns any menu-bar text into the wait until the later of
      // the spent windows resets, in the popover's duration words.
      const spent = snapshot.windows.filter((w) => (w.id === '5h' || w.id === 'weekly') && describeWindow('en', w, nowMs, false).percentText === '0% left');
      const wait = Math.max(...spent.map((w) => Date.parse(w.resetsAt ?? '') - nowMs));
      for (const view of views.filter((v) => v.id === '5h' || v.id === 'weekly')) {
        const title = trayTitle(snapshot, { menuBarText: view.id as '5h' | 'weekly', showUsageAsUsed: showUsed }, nowMs, locale);
        expect(title).toBe(spent.length > 0 ? t(locale, 'tray.titleUsableIn', { duration: formatDuration(locale, wait) }) : `${/\d+/.exec(view.percentText)?.[0]}%`);
      }
    }
  });

  test('the CLI prints the popover’s percent, counts, reset, pace and forecast', () => {
    const views = snapshot.windows.map((window) => describeWindow('en', window, nowMs, false));
    expect(cliBlocks(snapshot)).toEqual(
      views.map((view) => ({
        percent: view.percentText,
        counts: view.countText ?? '',
        details: [view.resetText, view.paceText].filter((part) => part !== null).join(' · '),
      })),
    );
  });

  test.each(['en', 'zh-CN'] as const)('a threshold notification names the share the popover shows (%s)', (locale) => {
    const notified = notifiedLeft(snapshot, locale);
    // A watched window with some but at most half left has crossed the 50 % warning.
    const crossing = Object.entries(left).filter(([id, text]) => (id === '5h' || id === 'weekly') && /^([1-9]|[1-4]\d|50)% left$/.test(text));
    expect([...notified.keys()].sort()).toEqual(crossing.map(([id]) => id).sort());
    for (const [id, title] of notified) {
      const view = describeWindow(locale, snapshot.windows.find((window) => window.id === id)!, nowMs, false);
      expect(title).toBe(`${view.title}${locale === 'en' ? ': ' : '：'}${view.percentText}`);
    }
  });
});
