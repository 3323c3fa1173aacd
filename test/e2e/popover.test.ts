// The popover in Chromium against the app through the preview bridge: what it shows, how it
// ticks, how a failed refresh looks and what its buttons and shortcuts do.
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Preview } from './harness.js';
import { buildRenderer, launchChromium, openPage, pageProblems, startPreview } from './harness.js';

let build: ReturnType<typeof buildRenderer>;
let browser: Browser;
let preview: Preview | null = null;

beforeAll(async () => {
  build = buildRenderer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  build?.remove();
});

afterEach(async () => {
  await preview?.close();
  preview = null;
});

async function openPopover(options: { speed?: number; locale?: string; manualCadence?: boolean } = {}): Promise<Page> {
  preview = await startPreview(build.dir, { speed: options.speed });
  if (options.manualCadence) await preview.backend.invoke.updateSettings({ general: { refreshCadence: 'manual', refreshOnOpen: false } });
  const { page } = await openPage(browser, `${preview.server.url}popover.html`, { locale: options.locale });
  await page.locator('.card').first().waitFor();
  return page;
}

const cardText = (page: Page, id: string, part: string): Promise<string> => page.locator(`[data-window="${id}"] ${part}`).innerText();

describe('popover', () => {
  test('shows the snapshot: plan, source, one card per window in display order with its numbers', async () => {
    const page = await openPopover();
    const state = await preview!.backend.invoke.getState(undefined);
    const snapshot = state.snapshot!;
    expect(await page.locator('.card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-window')))).toEqual(['5h', 'weekly', 'monthly-total']);
    expect(await page.locator('#plan').innerText()).toBe('Moderato');
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');

    const [fiveHour, weekly, monthly] = snapshot.windows;
    expect(await cardText(page, '5h', '.count')).toBe(`Rate: ${fiveHour!.used}/${fiveHour!.limit} per 5 hours`);
    expect(await cardText(page, '5h', '.percent')).toBe(`${Math.round(100 - fiveHour!.usedPercent)}% left`);
    expect(await cardText(page, 'weekly', '.count')).toBe(`${weekly!.used}/${weekly!.limit} requests`);
    expect(await cardText(page, 'monthly-total', '.count')).toBe(`${Math.round(monthly!.usedPercent)}% used`);
    expect(await cardText(page, '5h', '.reset')).toMatch(/^Resets in \d+h \d+m$/);
    expect(await cardText(page, 'weekly', '.pace')).toMatch(/(On pace|\d+% in (reserve|deficit)) · (Lasts until reset|Runs out in .+)$/);
    expect(await page.locator('[data-window="5h"] [role="progressbar"]').getAttribute('aria-valuenow')).toBe(String(Math.round(100 - fiveHour!.usedPercent)));
    expect(await page.locator('#updated').innerText()).toBe('Updated just now');
    expect(pageProblems(page)).toEqual([]);
  });

  test('the countdown follows the app’s ticks every second', async () => {
    // Two demo minutes pass per real second, so the minute-rounded countdown visibly moves;
    // with manual cadence no refresh redraws the cards, only the ticks can move it.
    const page = await openPopover({ speed: 120, manualCadence: true });
    const updatedAt = (await preview!.backend.invoke.getState(undefined)).lastSuccessAt;
    const first = await cardText(page, '5h', '.reset');
    await expect.poll(() => cardText(page, '5h', '.reset'), { timeout: 10_000 }).not.toBe(first);
    const second = await cardText(page, '5h', '.reset');
    await expect.poll(() => cardText(page, '5h', '.reset'), { timeout: 10_000 }).not.toBe(second);
    await expect.poll(() => page.locator('#updated').innerText(), { timeout: 10_000 }).toMatch(/^Updated \d+ min ago$/);
    expect((await preview!.backend.invoke.getState(undefined)).lastSuccessAt).toBe(updatedAt);
  });

  test('a failed refresh keeps the numbers, marks them stale and offers the fix', async () => {
    const page = await openPopover();
    const before = await cardText(page, 'weekly', '.count');
    await preview!.backend.invoke.clearApiKey(undefined);
    const banner = page.locator('#banner');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.locator('.banner-message').innerText()).toBe('Kimi auth token is missing');
    expect(await cardText(page, 'weekly', '.count')).toBe(before);
    expect(await page.locator('#windows').getAttribute('class')).toContain('stale');
    expect(await page.locator('.stale-badge').innerText()).toMatch(/stale/i);

    await page.getByRole('button', { name: 'Open Settings' }).click();
    await expect.poll(() => preview!.settingsOpened).toEqual(['kimi']);

    // The fix works: with a key again the banner goes and the numbers are fresh.
    await preview!.backend.invoke.setApiKey({ apiKey: 'sk-kimi-demo' });
    await banner.waitFor({ state: 'hidden' });
    expect(await page.locator('.stale-badge').count()).toBe(0);
  });

  test('first run: signed out, the banner says why, and an API key saved in settings brings the numbers', async () => {
    preview = await startPreview(build.dir, { signedOut: true });
    const { page } = await openPage(browser, `${preview.server.url}popover.html`);
    await page.getByText('Not signed in', { exact: true }).waitFor();
    expect(await page.locator('#banner .banner-message').innerText()).toBe('Kimi auth token is missing');
    expect(await page.getByRole('button', { name: 'Open Settings' }).count()).toBe(1);
    expect(await page.locator('.card').count()).toBe(0);

    const settings = await openPage(browser, `${preview.server.url}settings.html`, { width: 720, height: 900 });
    await settings.page.getByLabel('API key', { exact: true }).fill('sk-kimi-first-run');
    await settings.page.getByLabel('API key', { exact: true }).press('Enter');
    await page.locator('.card').first().waitFor();
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');
  });

  test('Refresh by button and by shortcut announces the result; the menu opens links by id', async () => {
    const page = await openPopover();
    await page.getByRole('button', { name: /^Refresh/ }).click();
    await expect.poll(() => page.locator('#live').innerText()).toBe('Usage updated');
    await page.locator('#live').evaluate((live) => (live.textContent = ''));
    await page.keyboard.press('Control+r');
    await expect.poll(() => page.locator('#live').innerText()).toBe('Usage updated');
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
    expect(await cardText(page, '5h', '.percent')).toMatch(/^剩余 \d+%$/);
    expect(await cardText(page, '5h', '.reset')).toMatch(/后重置$/);
    expect(await page.locator('#menu-refresh span').innerText()).toBe('刷新');
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API 密钥');

    await preview!.backend.invoke.updateSettings({ general: { language: 'en' } });
    await expect.poll(() => page.locator('#menu-refresh span').innerText()).toBe('Refresh');
    expect(await cardText(page, '5h', 'h2')).toBe('5-hour');
  });
});
