// The popover's history charts in Chromium against the real app core through the preview
// bridge, over a week of history seeded into the app's own history database: drawn, reset
// marks where the periods turned, the projection when pace says the 5-hour window runs out,
// the read-out by pointer and keyboard, the settings that change them, and screenshots in
// light and dark (artifacts/screenshots/charts-*.png).
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HISTORY_MAX_POINTS } from '../../src/shared/ipc.js';
import { FIRST_ACCOUNT_ID } from '../../src/shared/accounts.js';
import type { UsageSnapshot } from '../../src/shared/usage.js';
import type { Preview } from './harness.js';
import { buildRenderer, codeApiReply, launchChromium, openPage, pageProblems, screenshotPath, startPreview } from './harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** What test/e2e/harness.ts makes the fake Kimi report: 139/200 resetting in 3 h 30 m, 214/2048 in 4 days. */
const FIVE_HOUR = { used: 139, limit: 200, resetsIn: 3 * HOUR + 30 * MINUTE };
const WEEKLY = { used: 214, limit: 2048, resetsIn: 4 * DAY };
const STEP = 15 * MINUTE;

let build: ReturnType<typeof buildRenderer>;
let browser: Browser;
let preview: Preview;
/** The 5-hour resets the seeded day went through, and the weekly one. */
let fiveHourResets: number[];
let weeklyReset: number;

beforeAll(async () => {
  build = buildRenderer();
  browser = await launchChromium();
  preview = await startPreview(build.dir);
  await preview.app.core.invoke.updateSettings({ general: { refreshCadence: 'manual', refreshOnOpen: false } });
  const seeded = seedHistory(preview);
  fiveHourResets = seeded.fiveHourResets;
  weeklyReset = seeded.weeklyReset;
});

afterAll(async () => {
  await preview?.close();
  await browser?.close();
  build?.remove();
});

/** Busy from 08:00 to 20:00 UTC, idle at night: a week that looks like someone's week. */
function working(at: number): boolean {
  const hour = new Date(at).getUTCHours();
  return hour >= 8 && hour < 20;
}

/**
 * Writes a week of refreshes, every 15 minutes, into the history database the app reads,
 * ending just before now at the numbers the fake Kimi reports, so the app's own refresh
 * continues the line. 5-hour periods alternate between light use and running out.
 */
function seedHistory({ runtime, clock }: Preview): { fiveHourResets: number[]; weeklyReset: number } {
  const now = clock.now();
  const fiveHourEnd = now + FIVE_HOUR.resetsIn;
  const weeklyEnd = now + WEEKLY.resetsIn;
  const previousWeeklyEnd = weeklyEnd - 7 * DAY;
  const store = runtime.history();
  const busyness = [0.35, 1.4, 0.6, 0.15, 0.9, 1.1, 0.5];
  const resets = new Set<number>();
  const weeklyWork = { before: 0, current: 0 };
  let periodWork = { end: 0, ms: 0 };
  for (let at = now - 7 * DAY - STEP; at < now - 2 * MINUTE; at += STEP) {
    const periodsLeft = Math.floor((fiveHourEnd - at) / (5 * HOUR));
    const periodEnd = fiveHourEnd - periodsLeft * 5 * HOUR;
    const periodStart = periodEnd - 5 * HOUR;
    if (periodEnd < now) resets.add(periodEnd);
    if (periodWork.end !== periodEnd) periodWork = { end: periodEnd, ms: 0 };
    if (working(at)) periodWork.ms += STEP;
    const fiveHourPercent =
      periodsLeft === 0
        ? ((at - periodStart) / (now - periodStart)) * (FIVE_HOUR.used / FIVE_HOUR.limit) * 100
        : Math.min(100, (periodWork.ms / (5 * HOUR)) * 100 * (busyness[periodsLeft % busyness.length] ?? 1));
    const currentWeek = at >= previousWeeklyEnd;
    if (working(at)) weeklyWork[currentWeek ? 'current' : 'before'] += STEP;
    const weeklyPercent = currentWeek
      ? (weeklyWork.current / (3 * 12 * HOUR)) * (WEEKLY.used / WEEKLY.limit) * 100
      : 38 + (weeklyWork.before / (4 * 12 * HOUR)) * 40;
    store.record(snapshotAt(at, [
      { id: '5h', percent: fiveHourPercent, limit: FIVE_HOUR.limit, resetsAt: periodEnd, minutes: 300 },
      { id: 'weekly', percent: Math.min(weeklyPercent, currentWeek ? (WEEKLY.used / WEEKLY.limit) * 100 : 100), limit: WEEKLY.limit, resetsAt: currentWeek ? weeklyEnd : previousWeeklyEnd, minutes: 10_080 },
    ]), FIRST_ACCOUNT_ID);
  }
  return { fiveHourResets: [...resets].filter((at) => at > now - DAY).sort(), weeklyReset: previousWeeklyEnd };
}

function snapshotAt(at: number, windows: { id: '5h' | 'weekly'; percent: number; limit: number; resetsAt: number; minutes: number }[]): UsageSnapshot {
  return {
    source: { kind: 'api-key', label: 'Kimi Code API key' },
    plan: 'Allegretto',
    updatedAt: new Date(at).toISOString(),
    stale: false,
    windows: windows.map((window) => ({
      id: window.id,
      title: window.id === '5h' ? '5-hour' : 'Weekly',
      usedPercent: window.percent,
      used: Math.round((window.percent / 100) * window.limit),
      limit: window.limit,
      resetsAt: new Date(window.resetsAt).toISOString(),
      windowMinutes: window.minutes,
      pace: null,
    })),
  };
}

async function openPopover(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const { page } = await openPage(browser, `${preview.url}popover.html`, { ...options, height: 760 });
  await page.locator('[data-chart="weekly"] .chart-line').first().waitFor();
  return page;
}

const chart = (page: Page, id: string) => page.locator(`[data-chart="${id}"]`);

async function resetTimes(page: Page, id: string, upcoming: boolean): Promise<number[]> {
  const selector = upcoming ? '.chart-reset.upcoming' : '.chart-reset:not(.upcoming)';
  return chart(page, id).locator(selector).evaluateAll((marks) => marks.map((mark) => Date.parse(mark.getAttribute('data-at') ?? '')));
}

/** Moves the pointer to a share (0–1) of the chart's width, halfway down. */
async function hover(page: Page, id: string, share: number): Promise<void> {
  const box = (await chart(page, id).locator('.chart-plot').boundingBox())!;
  await page.mouse.move(box.x + box.width * share, box.y + box.height / 2);
}

const caption = (page: Page, id: string) => chart(page, id).locator('.chart-caption').innerText();

describe('history charts', () => {
  test('one chart per window, each a line through the seeded week with the current point', async () => {
    const page = await openPopover();
    expect(await page.locator('.card').evaluateAll((cards) => cards.map((card) => card.querySelector('.chart')?.getAttribute('data-chart')))).toEqual(['5h', 'weekly']);
    for (const id of ['5h', 'weekly']) {
      const d = (await chart(page, id).locator('.chart-line').evaluateAll((paths) => paths.map((path) => path.getAttribute('d') ?? ''))).join('');
      expect((d.match(/L/g) ?? []).length).toBeGreaterThan(30);
      expect(await chart(page, id).locator('.chart-current').count()).toBe(1);
      expect(await chart(page, id).locator('.chart-area').count()).toBeGreaterThan(0);
    }
    expect(await chart(page, '5h').locator('.chart-range').innerText()).toBe('Last 24 hours');
    expect(await chart(page, 'weekly').locator('.chart-range').innerText()).toBe('Last 7 days');
    expect(pageProblems(page)).toEqual([]);
  });

  test('reset marks where each seeded period turned, and the coming 5-hour reset', async () => {
    const page = await openPopover();
    const fiveHour = await resetTimes(page, '5h', false);
    expect(fiveHour.length).toBeGreaterThanOrEqual(4);
    expect(fiveHour).toEqual(fiveHourResets.slice(-fiveHour.length));
    const [upcoming] = await resetTimes(page, '5h', true);
    expect(Math.abs(upcoming! - (preview.clock.now() + FIVE_HOUR.resetsIn))).toBeLessThan(5 * MINUTE);
    expect(await resetTimes(page, 'weekly', false)).toEqual([weeklyReset]);
    // Four days away is beyond what the weekly chart looks ahead.
    expect(await resetTimes(page, 'weekly', true)).toEqual([]);
  });

  test('the dashed projection shows where pace says the window runs out, and only there', async () => {
    const page = await openPopover();
    const state = await preview.app.core.invoke.getState(undefined);
    const [fiveHour, weekly] = state.snapshot!.windows;
    expect(fiveHour!.pace?.runsOutAt).not.toBeNull();
    expect(weekly!.pace?.runsOutAt ?? null).toBeNull();
    expect(await chart(page, '5h').locator('.chart-projection').count()).toBe(1);
    expect(await chart(page, 'weekly').locator('.chart-projection').count()).toBe(0);
    expect(await chart(page, '5h').getAttribute('aria-label')).toContain('Projected to run out before the reset.');
  });

  test('the pointer reads out time, percent and counts; leaving restores the range', async () => {
    const page = await openPopover();
    await hover(page, '5h', 0.99);
    expect(await caption(page, '5h')).toMatch(/^\d{1,2}:\d\d( [AP]M)?\n?31% left · 139\/200$/);
    expect(await chart(page, '5h').locator('.chart-cursor').getAttribute('visibility')).toBe('visible');
    await hover(page, '5h', 0.3);
    const earlier = await caption(page, '5h');
    expect(earlier).toMatch(/^\d{1,2}:\d\d( [AP]M)?\n?\d{1,3}% left · \d{1,3}\/200$/);
    await hover(page, 'weekly', 0.05);
    expect(await caption(page, 'weekly')).toMatch(/^[A-Z][a-z]{2} \d{1,2}:\d\d( [AP]M)?\n?\d{1,3}% left · \d{1,4}\/2048$/);
    await page.mouse.move(5, 5);
    expect(await caption(page, 'weekly')).toBe('Last 7 days');
    expect(await chart(page, 'weekly').locator('.chart-cursor').getAttribute('visibility')).toBe('hidden');
  });

  test('keyboard: the chart takes focus, arrow keys, Home and End step through the readings', async () => {
    const page = await openPopover();
    const fiveHour = chart(page, '5h');
    expect(await fiveHour.getAttribute('aria-label')).toMatch(/^5-hour usage\. Last 24 hours: now 31% left\. \d resets\./);
    await fiveHour.focus();
    await page.keyboard.press('End');
    const last = await caption(page, '5h');
    expect(last).toContain('31% left · 139/200');
    await page.keyboard.press('ArrowLeft');
    const before = await caption(page, '5h');
    expect(before).not.toBe(last);
    await page.keyboard.press('ArrowRight');
    expect(await caption(page, '5h')).toBe(last);
    await page.keyboard.press('Home');
    expect(await caption(page, '5h')).not.toBe(last);
    expect(await fiveHour.locator('.chart-caption').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('Escape');
    expect(await caption(page, '5h')).toBe('Last 24 hours');
  });

  test('"Show usage as used" flips the charts and their read-out; "Keep usage history" off removes them', async () => {
    const page = await openPopover();
    const leftY = await chart(page, '5h').locator('.chart-current').getAttribute('cy');
    await preview.app.core.invoke.updateSettings({ general: { showUsageAsUsed: true } });
    // 139/200 is 69.5 % used: 31 % left, and used is its complement, as on the card.
    await page.waitForFunction(() => document.querySelector('[data-chart="5h"]')?.getAttribute('aria-label')?.includes('69% used'));
    expect(await chart(page, '5h').locator('.chart-current').getAttribute('cy')).not.toBe(leftY);
    await hover(page, '5h', 0.99);
    expect(await caption(page, '5h')).toContain('69% used · 139/200');

    await preview.app.core.invoke.updateSettings({ general: { showUsageAsUsed: false, keepHistory: false } });
    await page.locator('.chart').first().waitFor({ state: 'detached' });
    expect(await page.locator('.card').count()).toBe(2);
    await preview.app.core.invoke.updateSettings({ general: { keepHistory: true } });
    await page.locator('[data-chart="weekly"] .chart-line').first().waitFor();
  });

  test('in Simplified Chinese', async () => {
    const page = await openPopover({ locale: 'zh-CN' });
    expect(await chart(page, '5h').locator('.chart-range').innerText()).toBe('最近 24 小时');
    expect(await chart(page, 'weekly').getAttribute('aria-label')).toMatch(/^每周用量。最近 7 天：当前剩余 90%。/);
  });

  test.each(['light', 'dark'] as const)('screenshot, %s', async (colorScheme) => {
    const page = await openPopover({ colorScheme });
    await page.waitForTimeout(400);
    await hover(page, 'weekly', 0.42);
    const path = screenshotPath(`charts-${colorScheme}`);
    await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
    expect(statSync(path).size).toBeGreaterThan(20_000);
    const line = await chart(page, 'weekly').locator('.chart-line').first().evaluate((path) => getComputedStyle(path).stroke);
    const readout = await chart(page, 'weekly').locator('.chart-readout').evaluate((el) => getComputedStyle(el).color);
    const lightness = (color: string): number => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    // The system green of each scheme, and text that stands out from the panel.
    expect(line).toBe(colorScheme === 'dark' ? 'rgb(48, 209, 88)' : 'rgb(40, 177, 76)');
    expect(lightness(readout) > 128).toBe(colorScheme === 'dark');
    expect(pageProblems(page)).toEqual([]);
  });
});

/** What the test page adds to `window`: the popover's visibility, and the size of every
 *  history reply it got (-1 while one is on its way). */
interface VisibilityProbe {
  historyReplies: number[];
  setVisibility(next: DocumentVisibilityState): void;
}

describe('history is asked for only while the popover is open', () => {
  test('hidden: no history query, even when new numbers arrive; shown: at most HISTORY_MAX_POINTS points per window', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 760 } });
    // The menu-bar window lives on hidden between clicks; a page in a tab is always visible,
    // so the page is told it is hidden, and every history request it makes is counted.
    await context.addInitScript(() => {
      let visibility: DocumentVisibilityState = 'hidden';
      Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => visibility });
      Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => visibility === 'hidden' });
      const historyReplies: number[] = [];
      const send = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.includes('/__bridge/invoke/getHistory')) return send(input, init);
        const index = historyReplies.push(-1) - 1;
        const response = await send(input, init);
        const reply = (await response.clone().json()) as { ok: boolean; value?: unknown[] };
        historyReplies[index] = reply.ok && Array.isArray(reply.value) ? reply.value.length : -2;
        return response;
      };
      const probe: VisibilityProbe = {
        historyReplies,
        setVisibility(next) {
          visibility = next;
          document.dispatchEvent(new Event('visibilitychange'));
        },
      };
      Object.assign(window, probe);
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const replies = () => page.evaluate(() => [...(window as unknown as VisibilityProbe).historyReplies]);
    const setVisibility = (next: DocumentVisibilityState) => page.evaluate((value) => (window as unknown as VisibilityProbe).setVisibility(value), next);
    const numbers = (fiveHourUsed: number) => preview.kimi.on('usages', () => codeApiReply({ fiveHourUsed, weeklyUsed: 214 }, preview.clock.now()));
    try {
      await page.goto(`${preview.url}popover.html`);
      await page.locator('[data-window="5h"] .percent').waitFor();

      // A refresh while hidden: the cards follow, nothing asks for history.
      numbers(150);
      await preview.app.core.invoke.refresh(undefined);
      await page.locator('[data-window="5h"] .percent', { hasText: '25% left' }).waitFor();
      expect(await replies()).toEqual([]);
      expect(await page.locator('.chart').count()).toBe(0);

      // Shown: each window's history once, thinned for the chart.
      await setVisibility('visible');
      // Attached, not visible: a flat stretch of line has no height to be seen by.
      await page.locator('[data-chart="weekly"] .chart-line').first().waitFor({ state: 'attached' });
      await page.locator('[data-chart="5h"] .chart-line').first().waitFor({ state: 'attached' });
      const sizes = await replies();
      expect(sizes).toHaveLength(2);
      for (const size of sizes) {
        expect(size).toBeGreaterThan(0);
        expect(size).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
      }

      // Hidden again: the next refresh asks for nothing more.
      await setVisibility('hidden');
      numbers(139);
      await preview.app.core.invoke.refresh(undefined);
      await page.locator('[data-window="5h"] .percent', { hasText: '31% left' }).waitFor();
      expect(await replies()).toEqual(sizes);
      expect(problems).toEqual([]);
    } finally {
      numbers(139);
      await context.close();
    }
  });
});
