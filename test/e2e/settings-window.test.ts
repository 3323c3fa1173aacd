// The settings window as a whole, in Chromium against the real app core: axe finds nothing
// serious in light or dark, signed in or out; the title is shown once; the tabs and the sidebar
// stay in view while the pane scrolls; nothing scrolls sideways at the narrowest window; one
// main landmark, headings in order; a destructive confirmation looks it and Escape cancels it.
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations } from './axe.js';
import type { Preview } from './harness.js';
import { openPage, pageProblems, screenshotPath, usePreviewRig } from './harness.js';

const rig = usePreviewRig();
let preview: Preview | null = null;

/** The settings window's smallest size (shell/settings-window.ts). */
const MIN_WIDTH = 560;
const MIN_HEIGHT = 480;

async function open(hash: string, options: { colorScheme?: 'light' | 'dark'; locale?: string; width?: number; height?: number } = {}): Promise<Page> {
  const { page } = await openPage(rig.browser, `${preview!.url}settings.html${hash}`, { width: 720, height: 900, ...options });
  await page.locator('.group').first().waitFor();
  return page;
}

/** Every heading level in document order; the page's structure as a screen reader lists it. */
function headingLevels(page: Page): Promise<number[]> {
  return page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((headings) => headings.map((heading) => Number(heading.tagName.slice(1))));
}

async function expectSoundStructure(page: Page): Promise<void> {
  expect(await page.getByRole('main').count()).toBe(1);
  const levels = await headingLevels(page);
  expect(levels[0]).toBe(1);
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  // No level is skipped on the way down.
  levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe('settings window', () => {
  test.each([
    ['en-US', 'light'],
    ['en-US', 'dark'],
    ['zh-CN', 'light'],
    ['zh-CN', 'dark'],
  ] as const)('signed out (%s, %s): opens on signing in; axe finds nothing serious; structure sound', async (locale, colorScheme) => {
    preview = await rig.startPreview({ signedOut: true });
    await expect.poll(() => preview!.app.core.controller.getState().notConfigured).toEqual({ found: [] });
    // No hash: what the window shows when it opens from the welcome or the menu.
    const page = await open('', { colorScheme, locale });
    await page.locator('#more-options').waitFor();
    expect(await page.locator('#tab-kimi').getAttribute('aria-selected')).toBe('true');
    await expectSoundStructure(page);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`settings-signed-out-${locale === 'en-US' ? 'en' : 'zh'}-${colorScheme}`), fullPage: true });
    // Everything folded under "More options" passes too.
    await page.locator('#more-options > summary').click();
    await page.locator('#kimi-advanced').waitFor();
    await expectNoSeriousAxeViolations(page);
    await expectSoundStructure(page);
    expect(pageProblems(page)).toEqual([]);
  });

  test.each(['light', 'dark'] as const)('signed in, %s: both panes pass axe, with the structure sound', async (colorScheme) => {
    preview = await rig.startPreview();
    await expect.poll(() => preview!.app.core.controller.getState().snapshot).not.toBeNull();
    for (const hash of ['#kimi', '#general']) {
      const page = await open(hash, { colorScheme });
      await expectSoundStructure(page);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: screenshotPath(`settings-signed-in-${hash.slice(1)}-${colorScheme}`), fullPage: true });
      await page.context().close();
    }
  });

  test('the title is shown once (the title bar has it); tabs and sidebar stay in view while the pane scrolls', async () => {
    preview = await rig.startPreview();
    const page = await open('#kimi', { width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(await page.title()).toBe('KimiBar Settings');
    // Only the heading for screen readers carries it, clipped away.
    expect(await page.getByText('KimiBar Settings').count()).toBe(1);
    const heading = page.getByRole('heading', { level: 1, name: 'KimiBar Settings' });
    expect(await heading.evaluate((element) => getComputedStyle(element).clip)).toBe('rect(0px, 0px, 0px, 0px)');

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const toolbar = await page.locator('.toolbar').boundingBox();
    const tabs = await page.getByRole('tablist').boundingBox();
    const sidebar = await page.locator('.provider-item').boundingBox();
    expect(toolbar?.y).toBe(0);
    expect(tabs!.y + tabs!.height).toBeLessThanOrEqual(toolbar!.height);
    expect(sidebar?.y).toBeGreaterThanOrEqual(toolbar!.height - 1);
    expect(sidebar?.y).toBeLessThan(MIN_HEIGHT / 2);
    // And the tab bar is what is hit there, not the pane scrolled under it.
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[role="tablist"]') !== null, { x: (tabs!.x + tabs!.width / 2), y: tabs!.y + tabs!.height / 2 });
    expect(hit).toBe(true);
  });

  test('nothing scrolls sideways at the narrowest window, on either pane, signed in or out, in en and zh', async () => {
    preview = await rig.startPreview({ signedOut: true });
    await expect.poll(() => preview!.app.core.controller.getState().notConfigured).not.toBeNull();
    for (const locale of ['en-US', 'zh-CN']) {
      const page = await open('#kimi', { width: MIN_WIDTH, height: MIN_HEIGHT, locale });
      await page.locator('#more-options > summary').click();
      await expectNoSidewaysScroll(page);
      await page.getByRole('button', { name: locale === 'en-US' ? 'Sign in with Kimi Code…' : '使用 Kimi Code 登录…' }).click();
      await page.locator('#device-code').waitFor();
      await expectNoSidewaysScroll(page);
      await page.locator('#device-login-cancel').click();
      await page.locator('#tab-general').click();
      await page.locator('#general-history').waitFor();
      await expectNoSidewaysScroll(page);
      await page.context().close();
    }
    await preview.app.core.invoke.setApiKey({ apiKey: 'sk-kimi-narrow-0123456789abcdef' });
    const page = await open('#kimi', { width: MIN_WIDTH, height: MIN_HEIGHT });
    await page.locator('#kimi-advanced').waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath('settings-narrow'), fullPage: true });
  });

  test('a destructive confirmation looks destructive, focuses Cancel, and Escape cancels it', async () => {
    preview = await rig.startPreview();
    const page = await open('#general');
    const clear = page.getByRole('button', { name: 'Clear history…' });
    await clear.click();
    const confirm = page.getByRole('group', { name: 'Delete all usage history?' });
    await confirm.waitFor();
    const remove = confirm.getByRole('button', { name: 'Delete History' });
    expect(await remove.evaluate((button) => [getComputedStyle(button).backgroundColor, getComputedStyle(button).color])).toEqual(['rgb(196, 22, 28)', 'rgb(255, 255, 255)']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('history-cancel');
    await page.locator('#general-history').screenshot({ path: screenshotPath('settings-clear-history-confirm') });

    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('history-clear');
    expect(await page.getByRole('button', { name: 'Delete History' }).count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });
});
