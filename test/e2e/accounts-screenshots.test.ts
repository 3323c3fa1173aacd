// Screenshots of several accounts over the real core and fake-kimi — the popover with two and
// with ten accounts (one of them in error), light and dark, English and Chinese, and the
// settings window's account list — written to artifacts/screenshots/ for people to look at.
// Each checks that its scheme and language took effect and that every row is drawn.
import { statSync } from 'node:fs';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import type { Preview, PreviewAccount } from './harness.js';
import { openPage, pageProblems, screenshotPath, usePreviewRig } from './harness.js';

const rig = usePreviewRig();
const SCHEMES = ['light', 'dark'] as const;
const NAMES = ['Work', 'Personal', 'Team key', 'Heavy weeks', 'Side project', 'Client — long name for a row', 'Lab', 'Backup', 'Weekend'];
const ZH_NAMES = ['工作', '个人', '团队密钥', '高峰周', '副业项目', '客户 — 很长的账户名称', '实验室', '备用', '周末'];

function accounts(count: number, names: readonly string[]): PreviewAccount[] {
  return names.slice(0, count).map((name, index) => ({
    name,
    apiKey: `sk-kimi-e2e-shot-${index}-0123456789abcdef`,
    // The third extra account's key is refused: its row says so.
    usage: index === 2 ? { status: 401, body: { code: 'unauthenticated' } } : { fiveHourUsed: (index * 53 + 20) % 200, weeklyUsed: (index * 331 + 300) % 2048 },
  }));
}

async function lightness(page: Page, selector: string, property: 'color' | 'backgroundColor'): Promise<number> {
  const color = await page.locator(selector).first().evaluate((el, name) => getComputedStyle(el)[name], property);
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (r + g + b) / 3;
}

async function shootPopover(preview: Preview, name: string, rows: number, colorScheme: 'light' | 'dark', locale: string): Promise<Page> {
  // Tall enough for ten: the shot shows the whole list as the shell would size the window.
  const { page } = await openPage(rig.browser, `${preview.url}popover.html`, { colorScheme, locale, height: 1000 });
  await page.locator('.card').first().waitFor();
  await expect.poll(() => page.locator('.account-row').count()).toBe(rows);
  await expect.poll(() => page.locator('.account-row[aria-expanded="false"]:not(:has(.row-figure, .row-status))').count()).toBe(0);
  // The bars' width transitions have ended (a CSS transition leaves the list when it does);
  // then no pointer over a row.
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition)));
  await page.mouse.move(1, 1);
  const path = screenshotPath(name);
  await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
  expect(statSync(path).size).toBeGreaterThan(10_000);
  expect((await lightness(page, '#panel', 'backgroundColor')) < 128).toBe(colorScheme === 'dark');
  expect(pageProblems(page)).toEqual([]);
  return page;
}

describe('screenshots with several accounts', () => {
  test.each([2, 10])('the popover with %i accounts, light and dark, English and Chinese', async (count) => {
    for (const [locale, names, suffix] of [
      ['en-US', NAMES, ''],
      ['zh-CN', ZH_NAMES, '-zh-CN'],
    ] as const) {
      const preview = await rig.startPreview({ accounts: accounts(count - 1, names) });
      await preview.app.core.invoke.refresh(undefined);
      for (const colorScheme of SCHEMES) {
        const page = await shootPopover(preview, `popover-accounts-${count}${suffix}-${colorScheme}`, count, colorScheme, locale);
        if (locale === 'zh-CN') expect(await page.locator('#menu-quit span').innerText()).toBe('退出 KimiBar');
        if (count === 10) expect(await page.locator('.row-status.error').first().innerText()).toBe(locale === 'zh-CN' ? '密钥被拒绝' : 'Key rejected');
      }
    }
  });

  test.each(SCHEMES)('the settings window’s account list, %s', async (colorScheme) => {
    const preview = await rig.startPreview({ accounts: accounts(2, NAMES) });
    const { page } = await openPage(rig.browser, `${preview.url}settings.html`, { colorScheme, width: 720, height: 900 });
    await page.locator('.provider-item').nth(2).waitFor();
    const path = screenshotPath(`settings-accounts-${colorScheme}`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    expect(statSync(path).size).toBeGreaterThan(10_000);
    expect((await lightness(page, 'body', 'backgroundColor')) < 128).toBe(colorScheme === 'dark');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.locator('#new-account-name').waitFor();
    const form = screenshotPath(`settings-accounts-new-${colorScheme}`);
    await page.screenshot({ path: form, fullPage: true, animations: 'disabled' });
    expect(statSync(form).size).toBeGreaterThan(10_000);
    // General: which account the menu bar shows, a question only with several.
    const { page: general } = await openPage(rig.browser, `${preview.url}settings.html#general`, { colorScheme, width: 720, height: 900 });
    await general.getByLabel('Menu bar shows').waitFor();
    const generalPath = screenshotPath(`settings-accounts-general-${colorScheme}`);
    await general.screenshot({ path: generalPath, fullPage: true, animations: 'disabled' });
    expect(statSync(generalPath).size).toBeGreaterThan(10_000);
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(general)).toEqual([]);
  });
});
