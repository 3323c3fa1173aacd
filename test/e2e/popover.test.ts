// The popover in Chromium against the real app core through the preview bridge, with
// test/fake-kimi as the Kimi service: what it shows, how it ticks, how a refused key looks and
// what its buttons and shortcuts do.
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { renderUsage } from '../../src/main/cli/render-usage.js';
import { trayTitle, trayTooltip } from '../../src/main/core/tray-icon/index.js';
import { statSync } from 'node:fs';
import type { UsageSnapshot } from '../../src/shared/usage.js';
import { BOOSTER_WALLET, CODE_API_USAGE_PERCENT } from '../fake-kimi/index.js';
import { QUOTA_403 } from '../fixtures/kimi/forbidden-403.js';
import type { Preview } from './harness.js';
import { API_KEY, codeApiReply, openPage, pageProblems, screenshotPath, usePreviewRig } from './harness.js';

const rig = usePreviewRig();
let preview: Preview | null = null;

const invoke = () => preview!.app.core.invoke;

async function openPopover(options: { speed?: number; locale?: string; manualCadence?: boolean } = {}): Promise<Page> {
  preview = await rig.startPreview({ speed: options.speed });
  if (options.manualCadence) await invoke().updateSettings({ general: { refreshCadence: 'manual', refreshOnOpen: false } });
  const { page } = await openPage(rig.browser, `${preview.url}popover.html`, { locale: options.locale });
  await page.locator('.card').first().waitFor();
  return page;
}

const cardText = (page: Page, id: string, part: string): Promise<string> => page.locator(`[data-window="${id}"] ${part}`).innerText();

describe('popover', () => {
  test('shows the server’s numbers: plan, source, the cards in display order, and each new reply in turn', async () => {
    const page = await openPopover();
    expect(await page.locator('.card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-window')))).toEqual(['5h', 'weekly']);
    expect(await page.locator('#plan').innerText()).toBe('Allegretto');
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');
    expect(await cardText(page, '5h', '.count')).toBe('Rate: 139/200 per 5 hours');
    expect(await cardText(page, '5h', '.percent')).toBe('31% left');
    expect(await cardText(page, 'weekly', '.count')).toBe('214/2048 requests');
    expect(await cardText(page, '5h', '.reset')).toMatch(/^Resets in 3h (29|30)m$/);
    expect(await cardText(page, 'weekly', '.pace')).toMatch(/(On pace|\d+% in (reserve|deficit)) · (Lasts until reset|Runs out in .+)$/);
    expect(await page.locator('[data-window="5h"] [role="progressbar"]').getAttribute('aria-valuenow')).toBe('31');
    expect(await page.locator('#updated').innerText()).toBe('Updated just now');
    // The key came from the keyring and went to the server as the bearer token.
    expect(preview!.kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);

    for (const [fiveHourUsed, weeklyUsed] of [[150, 260], [10, 300]] as const) {
      preview!.kimi.script('usages', codeApiReply({ fiveHourUsed, weeklyUsed }, Date.now()));
      await page.getByRole('button', { name: /^Refresh/ }).click();
      await expect.poll(() => cardText(page, '5h', '.count')).toBe(`Rate: ${fiveHourUsed}/200 per 5 hours`);
      expect(await cardText(page, 'weekly', '.count')).toBe(`${weeklyUsed}/2048 requests`);
      expect(await cardText(page, '5h', '.percent')).toBe(`${100 - Math.round(fiveHourUsed / 2)}% left`);
    }
    expect(pageProblems(page)).toEqual([]);
  });

  test('a nearly used-up and a barely used window read the same on the cards, the tray and the CLI', async () => {
    const page = await openPopover({ manualCadence: true });
    // 0.4 % of the 5-hour limit used, 99.6 % of the weekly quota.
    preview!.kimi.script('usages', codeApiReply({ fiveHourUsed: 4, fiveHourLimit: 1000, weeklyUsed: 2040 }, Date.now()));
    await page.getByRole('button', { name: /^Refresh/ }).click();
    await expect.poll(() => cardText(page, 'weekly', '.count')).toBe('2040/2048 requests');
    const snapshot = (await invoke().getState(undefined)).snapshot as UsageSnapshot;
    const now = preview!.clock.now();
    const cli = renderUsage(snapshot, new Date(now), { style: (_style, text) => text }).split('\n');

    for (const showUsageAsUsed of [false, true]) {
      if (showUsageAsUsed) {
        await invoke().updateSettings({ general: { showUsageAsUsed } });
        await expect.poll(() => cardText(page, 'weekly', '.percent')).toMatch(/used$/);
      }
      const cards = { '5h': await cardText(page, '5h', '.percent'), weekly: await cardText(page, 'weekly', '.percent') };
      expect(cards).toEqual(showUsageAsUsed ? { '5h': '1% used', weekly: '99% used' } : { '5h': '99% left', weekly: '1% left' });
      const tooltip = trayTooltip(snapshot, now, 'en', showUsageAsUsed).split('\n');
      for (const [index, id] of (['5h', 'weekly'] as const).entries()) {
        expect(tooltip[index]).toMatch(new RegExp(`^${await cardText(page, id, 'h2')}: ${cards[id]}( · |$)`));
        expect(`${trayTitle(snapshot, { menuBarText: id, showUsageAsUsed }, now)}`).toBe(/^\d+%/.exec(cards[id])?.[0]);
        expect(await page.locator(`[data-window="${id}"] [role="progressbar"]`).getAttribute('aria-valuenow')).toBe(/^\d+/.exec(cards[id])?.[0]);
      }
    }
    // The CLI always shows what is left, with the card's count text beside it.
    expect(cli.find((line) => line.startsWith('5-hour'))).toMatch(/ 99% left {2}Rate: 4\/1000 per 5 hours$/);
    expect(cli.find((line) => line.startsWith('Weekly'))).toMatch(/ 1% left {2}2040\/2048 requests$/);
    expect(await cardText(page, '5h', '.count')).toBe('Rate: 4/1000 per 5 hours');
    expect(pageProblems(page)).toEqual([]);
  });

  test('the countdown follows the app’s ticks every second', async () => {
    // Two app minutes pass per real second, so the minute-rounded countdown visibly moves;
    // with manual cadence no refresh redraws the cards, only the ticks can move it.
    const page = await openPopover({ speed: 120, manualCadence: true });
    const updatedAt = (await invoke().getState(undefined)).lastSuccessAt;
    const requests = preview!.kimi.requestsTo('usages').length;
    const first = await cardText(page, '5h', '.reset');
    await expect.poll(() => cardText(page, '5h', '.reset'), { timeout: 10_000 }).not.toBe(first);
    const second = await cardText(page, '5h', '.reset');
    await expect.poll(() => cardText(page, '5h', '.reset'), { timeout: 10_000 }).not.toBe(second);
    await expect.poll(() => page.locator('#updated').innerText(), { timeout: 10_000 }).toMatch(/^Updated \d+ min ago$/);
    expect((await invoke().getState(undefined)).lastSuccessAt).toBe(updatedAt);
    expect(preview!.kimi.requestsTo('usages').length).toBe(requests);
  });

  test('a 401 shows the key’s banner and its action, and keeps the numbers marked stale', async () => {
    const page = await openPopover();
    preview!.kimi.on('usages', { status: 401, body: { code: 'unauthenticated' } });
    await page.getByRole('button', { name: /^Refresh/ }).click();
    const banner = page.locator('#banner');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.locator('.banner-message').innerText()).toMatch(/^Kimi Code API key is invalid or expired/);
    expect(await cardText(page, 'weekly', '.count')).toBe('214/2048 requests');
    expect(await cardText(page, '5h', '.count')).toBe('Rate: 139/200 per 5 hours');
    expect(await page.locator('#windows').getAttribute('class')).toContain('stale');
    // Each card says how old its numbers are, in words, and forecasts nothing from them.
    expect(await page.locator('.stale-note').allInnerTexts()).toEqual(['From a moment ago', 'From a moment ago']);
    expect(await page.locator('.pace').count()).toBe(0);

    await banner.getByRole('button', { name: 'Open Settings' }).click();
    await expect.poll(() => preview!.settingsOpened).toEqual(['kimi']);

    // The server takes the key again: the banner goes and the numbers are fresh.
    preview!.kimi.on('usages', () => codeApiReply({ fiveHourUsed: 140, weeklyUsed: 215 }, Date.now()));
    await page.getByRole('button', { name: /^Refresh/ }).click();
    await banner.waitFor({ state: 'hidden' });
    expect(await page.locator('.stale-note').count()).toBe(0);
    expect(await page.locator('#windows').getAttribute('class')).not.toContain('stale');
    expect(await page.locator('.pace').count()).toBe(2);
    expect(await cardText(page, '5h', '.count')).toBe('Rate: 140/200 per 5 hours');
  });

  test('first run: signed out, a welcome and no error, and an API key saved in settings brings the numbers', async () => {
    preview = await rig.startPreview({ signedOut: true });
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.getByText('Welcome to KimiBar', { exact: true }).waitFor();
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add an API key' }).count()).toBe(1);
    expect(await page.locator('.card').count()).toBe(0);
    expect(preview.kimi.requestsTo('usages')).toEqual([]);

    const settings = await openPage(rig.browser, `${preview.url}settings.html`, { width: 720, height: 900 });
    await settings.page.getByLabel('API key', { exact: true }).fill('sk-kimi-first-run-0123');
    await settings.page.getByLabel('API key', { exact: true }).press('Enter');
    await page.locator('.card').first().waitFor();
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');
    expect(preview.kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe('Bearer sk-kimi-first-run-0123');
  });

  test('Refresh by button and by shortcut announces the result; the menu opens links by id', async () => {
    const page = await openPopover();
    await page.getByRole('button', { name: /^Refresh/ }).click();
    await expect.poll(() => page.locator('#live').innerText()).toBe('Usage updated');
    await page.locator('#live').evaluate((live) => (live.textContent = ''));
    const before = preview!.kimi.requestsTo('usages').length;
    await page.keyboard.press('Control+r');
    await expect.poll(() => page.locator('#live').innerText()).toBe('Usage updated');
    expect(preview!.kimi.requestsTo('usages').length).toBe(before + 1);
    expect(page.url()).toContain('popover.html');

    await page.getByRole('button', { name: 'Usage dashboard' }).click();
    await expect.poll(() => preview!.opened).toEqual(['https://www.kimi.com/code/console']);
    await page.keyboard.press('Control+,');
    await expect.poll(() => preview!.settingsOpened).toEqual(['kimi']);
  });

  test('is usable by keyboard: Tab reaches the menu with a visible focus ring', async () => {
    const page = await openPopover();
    await page.locator('#menu-refresh').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused).toBe('menu-dashboard');
    const background = await page.locator('#menu-dashboard').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
  });

  test('renders in Simplified Chinese when the OS says so, and the Language setting overrides it live', async () => {
    const page = await openPopover({ locale: 'zh-CN' });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await cardText(page, '5h', 'h2')).toBe('5 小时');
    expect(await cardText(page, '5h', '.percent')).toBe('剩余 31%');
    expect(await cardText(page, '5h', '.reset')).toMatch(/后重置$/);
    expect(await page.locator('#menu-refresh span').innerText()).toBe('刷新');
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API 密钥');

    await invoke().updateSettings({ general: { language: 'en' } });
    await expect.poll(() => page.locator('#menu-refresh span').innerText()).toBe('Refresh');
    expect(await cardText(page, '5h', 'h2')).toBe('5-hour');
  });
});

/** The fake's percent-unit account (parallel limit, wallet), resetting 2 h and 4 days from `nowMs`. */
function percentAccountReply(nowMs: number, changes: Record<string, unknown> = {}) {
  const rateReset = new Date(nowMs + 2 * 3_600_000).toISOString();
  const weeklyReset = new Date(nowMs + 4 * 86_400_000).toISOString();
  const [rate] = CODE_API_USAGE_PERCENT.limits;
  return {
    body: {
      ...CODE_API_USAGE_PERCENT,
      usage: { ...CODE_API_USAGE_PERCENT.usage, resetTime: weeklyReset },
      limits: [{ ...rate, detail: { ...rate!.detail, resetTime: rateReset } }],
      usages: { limit_5h: { used_ratio: 0.1204, reset_time: rateReset }, limit_7d: { used_ratio: 0.4711, reset_time: weeklyReset } },
      ...changes,
    },
  };
}

describe('popover on a percent-unit account with extra usage', () => {
  async function openPercentAccount(options: { colorScheme?: 'light' | 'dark'; locale?: string; changes?: Record<string, unknown> } = {}): Promise<Page> {
    preview = await rig.startPreview();
    const clock = preview.clock;
    preview.kimi.on('usages', () => percentAccountReply(clock.now(), options.changes));
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`, { colorScheme: options.colorScheme, locale: options.locale });
    await page.locator('.card').first().waitFor();
    await page.getByRole('button', { name: /^(Refresh|刷新)/ }).click();
    await expect.poll(() => cardText(page, '5h', '.count')).toMatch(/%/);
    return page;
  }

  test('percent, never requests; the parallel limit beside the source; Extra usage after the windows', async () => {
    const page = await openPercentAccount();
    expect(await page.locator('#plan').innerText()).toBe('Moderato');
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');
    expect(await page.locator('#parallel').innerText()).toBe('Up to 20 parallel requests');
    expect(await cardText(page, '5h', '.percent')).toBe('88% left');
    expect(await cardText(page, '5h', '.count')).toBe('12% used');
    expect(await cardText(page, 'weekly', '.count')).toBe('47% used');
    expect(await page.locator('#windows').innerText()).not.toMatch(/requests|\/100|Rate:/);

    const extra = page.locator('[data-extra]');
    expect(await page.locator('#windows > .card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-window') ?? 'extra'))).toEqual(['5h', 'weekly', 'extra']);
    expect(await extra.locator('h2').innerText()).toBe('Extra usage');
    expect(await extra.locator('.percent').innerText()).toBe('$150.00 left');
    expect(await extra.locator('.bought').innerText()).toBe('of $200.00 bought');
    expect(await extra.locator('.month').innerText()).toBe('$12.50 of $50.00 this month');
    const meter = extra.getByRole('meter', { name: 'Extra usage' });
    expect(await meter.getAttribute('aria-valuenow')).toBe('75');
    expect(await meter.getAttribute('aria-valuetext')).toBe('$150.00 left, of $200.00 bought');
    expect(pageProblems(page)).toEqual([]);
  });

  test('in Simplified Chinese', async () => {
    const page = await openPercentAccount({ locale: 'zh-CN' });
    expect(await page.locator('#parallel').innerText()).toBe('最多 20 个并行请求');
    expect(await cardText(page, '5h', '.count')).toBe('已用 12%');
    expect(await page.locator('[data-extra] h2').innerText()).toBe('额外用量');
    expect(await page.locator('[data-extra] .percent').innerText()).toBe('剩余 $150.00');
    expect(await page.locator('[data-extra] .month').innerText()).toBe('本月已用 $12.50，上限 $50.00');
  });

  test('a turned-off wallet and no parallel limit: no Extra usage row, no fact after the source', async () => {
    const page = await openPercentAccount({ changes: { boosterWallet: { ...BOOSTER_WALLET, status: 'STATUS_DISABLED' }, parallel: {} } });
    expect(await page.locator('[data-extra]').count()).toBe(0);
    expect(await page.locator('#parallel').isHidden()).toBe(true);
    expect(await page.locator('.source').innerText()).toBe('Kimi Code API key');
  });

  test.each(['light', 'dark'] as const)('a spent weekly quota: the limit-reached banner above the stale cards, Extra usage and the parallel limit kept, %s', async (colorScheme) => {
    const page = await openPercentAccount({ colorScheme });
    await invoke().updateSettings({ general: { keepHistory: false } });
    await expect.poll(() => page.locator('.chart').count()).toBe(0);
    preview!.kimi.on('usages', { status: 403, body: QUOTA_403.weekly });
    await page.getByRole('button', { name: /^Refresh/ }).click();
    const banner = page.locator('#banner');
    await banner.waitFor();
    expect(await banner.locator('.banner-message').innerText()).toBe('Weekly limit reached · Resets in 4d');
    expect(await banner.getAttribute('class')).toContain('limit-reached');
    expect(await banner.locator('button').count()).toBe(0);
    expect(await page.locator('#windows').getAttribute('class')).toContain('stale');
    expect(await page.locator('#parallel').innerText()).toBe('Up to 20 parallel requests');
    expect(await page.locator('[data-extra] .percent').innerText()).toBe('$150.00 left');
    await page.mouse.move(1, 1);
    const path = screenshotPath(`popover-limit-reached-${colorScheme}`);
    await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
    expect(statSync(path).size).toBeGreaterThan(20_000);
    expect(pageProblems(page)).toEqual([]);
  });

  test.each(['light', 'dark'] as const)('screenshot, %s', async (colorScheme) => {
    const page = await openPercentAccount({ colorScheme });
    // Without history charts every card fits the popover's 640 points; the pointer rests off the menu.
    await invoke().updateSettings({ general: { keepHistory: false } });
    await expect.poll(() => page.locator('.chart').count()).toBe(0);
    await page.mouse.move(1, 1);
    const path = screenshotPath(`popover-extra-usage-${colorScheme}`);
    await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
    expect(statSync(path).size).toBeGreaterThan(20_000);
    const fill = await page.locator('[data-extra] .fill').evaluate((el) => getComputedStyle(el).backgroundColor);
    // The system blue of each scheme: money, not a traffic light.
    expect(fill).toBe(colorScheme === 'dark' ? 'rgb(10, 132, 255)' : 'rgb(0, 122, 255)');
    expect(pageProblems(page)).toEqual([]);
  });
});
