// Screenshots of the popover and the settings window over the real core and fake-kimi's
// numbers, light and dark (and Chinese, and with a refused key), written to
// artifacts/screenshots/ for people to look at. The test checks that each scheme really took
// effect, so a stylesheet that ignores dark mode fails here.
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Preview } from './harness.js';
import { buildRenderer, launchChromium, openPage, pageProblems, screenshotPath, startPreview } from './harness.js';

let build: ReturnType<typeof buildRenderer>;
let browser: Browser;
let preview: Preview;

beforeAll(async () => {
  build = buildRenderer();
  browser = await launchChromium();
  preview = await startPreview(build.dir);
});

afterAll(async () => {
  await preview?.close();
  await browser?.close();
  build?.remove();
});

const SCHEMES = ['light', 'dark'] as const;

/** Lightness (0–255) of a computed colour, alpha ignored. */
async function lightness(page: Page, selector: string, property: 'color' | 'backgroundColor'): Promise<number> {
  const color = await page.locator(selector).first().evaluate((el, name) => getComputedStyle(el)[name], property);
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (r + g + b) / 3;
}

async function shootPopover(name: string, options: { colorScheme: 'light' | 'dark'; locale?: string }): Promise<Page> {
  const { page } = await openPage(browser, `${preview.url}popover.html`, { ...options, height: 640 });
  await page.locator('.card').first().waitFor();
  // Let the bars finish their width transition.
  await page.waitForTimeout(400);
  const path = screenshotPath(name);
  await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
  expect(statSync(path).size).toBeGreaterThan(10_000);
  expect(pageProblems(page)).toEqual([]);
  return page;
}

async function shootSettings(name: string, hash: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const { page } = await openPage(browser, `${preview.url}settings.html${hash}`, { colorScheme, width: 720, height: 900 });
  await page.locator('.group').first().waitFor();
  const path = screenshotPath(name);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  expect(statSync(path).size).toBeGreaterThan(10_000);
  expect(pageProblems(page)).toEqual([]);
  return page;
}

describe('screenshots', () => {
  test.each(SCHEMES)('popover and settings, %s', async (colorScheme) => {
    const popover = await shootPopover(`popover-${colorScheme}`, { colorScheme });
    const kimi = await shootSettings(`settings-kimi-${colorScheme}`, '', colorScheme);
    const general = await shootSettings(`settings-general-${colorScheme}`, '#general', colorScheme);
    const dark = colorScheme === 'dark';
    expect((await lightness(popover, '#panel', 'backgroundColor')) < 128).toBe(dark);
    expect((await lightness(popover, '.card h2', 'color')) > 128).toBe(dark);
    expect((await lightness(kimi, 'body', 'backgroundColor')) < 128).toBe(dark);
    expect((await lightness(general, '.row-label', 'color')) > 128).toBe(dark);
  });

  test.each(SCHEMES)('popover in Simplified Chinese, %s', async (colorScheme) => {
    const page = await shootPopover(colorScheme === 'light' ? 'popover-zh-CN' : 'popover-zh-CN-dark', { colorScheme, locale: 'zh-CN' });
    expect(await page.locator('#menu-quit span').innerText()).toBe('退出 KimiBar');
    expect((await lightness(page, '#panel', 'backgroundColor')) < 128).toBe(colorScheme === 'dark');
  });

  test('popover after a failed refresh, light and dark', async () => {
    preview.kimi.on('usages', { status: 401, body: { code: 'unauthenticated' } });
    await preview.app.core.invoke.refresh(undefined);
    for (const colorScheme of SCHEMES) {
      const page = await shootPopover(`popover-error-${colorScheme}`, { colorScheme });
      expect(await page.locator('#banner .banner-message').innerText()).toMatch(/^Kimi Code API key is invalid or expired/);
      expect(await page.locator('.card').count()).toBe(2);
    }
    for (const colorScheme of SCHEMES) {
      const page = await shootPopover(`popover-error-zh-CN-${colorScheme}`, { colorScheme, locale: 'zh-CN' });
      expect(await page.locator('#banner .banner-message').innerText()).toMatch(/^Kimi Code API 密钥无效或已过期/);
    }
  });
});
