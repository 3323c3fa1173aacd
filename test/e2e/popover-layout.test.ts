// The popover's shape in Chromium against the real core and fake-kimi: the height it asks its
// window for (and that it grows and shrinks with the content), the fade that says "more below",
// old numbers dimmed with their age under a fast fake clock, the card's largest text, the
// opaque panel and the font stacks.
import { statSync } from 'node:fs';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import type { Preview } from './harness.js';
import { openPage, pageProblems, screenshotPath, usePreviewRig } from './harness.js';

/** The panel as people see it, into artifacts/screenshots/<name>.png. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1);
  const path = screenshotPath(name);
  await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
  expect(statSync(path).size).toBeGreaterThan(10_000);
}

const rig = usePreviewRig();
let preview: Preview | null = null;

/** The panel's height with every card shown in full, as the page measures what it needs. */
const contentHeight = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const panel = document.getElementById('panel')!;
    const windows = document.getElementById('windows')!;
    return Math.ceil(panel.getBoundingClientRect().height + windows.scrollHeight - windows.clientHeight);
  });

describe('the popover’s height', () => {
  test('asks for the height of its content, which grows with the charts and shrinks without them', async () => {
    preview = await rig.startPreview();
    const heights = preview.popoverHeights;
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('figure[data-chart]').nth(1).waitFor();
    await expect.poll(async () => heights.at(-1) === (await contentHeight(page))).toBe(true);
    const withCharts = heights.at(-1)!;
    // Header, two cards with charts, the menu: more than a menu, less than a screen.
    expect(withCharts).toBeGreaterThan(360);
    expect(withCharts).toBeLessThan(800);

    await preview.app.core.invoke.updateSettings({ general: { keepHistory: false } });
    await expect.poll(() => page.locator('.chart').count()).toBe(0);
    await expect.poll(() => heights.at(-1)).toBeLessThan(withCharts - 80);
    expect(heights.at(-1)).toBe(await contentHeight(page));

    await preview.app.core.invoke.updateSettings({ general: { keepHistory: true } });
    await expect.poll(() => heights.at(-1)).toBe(withCharts);
    expect(pageProblems(page)).toEqual([]);
  });

  test('sized as asked there is no empty band; on a short screen the cards scroll and the cut edge fades', async () => {
    preview = await rig.startPreview();
    const heights = preview.popoverHeights;
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('figure[data-chart]').nth(1).waitFor();
    await expect.poll(async () => heights.at(-1) === (await contentHeight(page))).toBe(true);
    const asked = heights.at(-1)!;

    // The window the shell would make: the panel fills it to the last pixel, nothing scrolls.
    await page.setViewportSize({ width: 360, height: asked });
    await expect.poll(() => page.locator('#panel').evaluate((panel) => Math.round(panel.getBoundingClientRect().bottom))).toBe(asked);
    expect(await page.locator('#windows').getAttribute('class')).not.toMatch(/more-(below|above)/);

    // A screen too short for it: the cards scroll, the bottom edge fades, the menu stays.
    await page.setViewportSize({ width: 360, height: asked - 150 });
    await expect.poll(() => page.locator('#windows').getAttribute('class')).toContain('more-below');
    expect(await page.locator('#windows').evaluate((el) => getComputedStyle(el).maskImage)).toMatch(/gradient/);
    expect(await page.locator('#menu-quit').isVisible()).toBe(true);
    await page.locator('#windows').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => page.locator('#windows').getAttribute('class')).toMatch(/more-above(?!.*more-below)/);
    // What it asks for does not change with the window it got.
    expect(heights.at(-1)).toBe(asked);
  });
});

/** The 5-hour bar's opacity, found and read in one turn of the page: at 300× the cards redraw
 *  several times a second, so an element found first and read later may be gone by then. */
function fillOpacity(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fill = document.querySelector('[data-window="5h"] .fill');
    return fill === null ? 'missing' : getComputedStyle(fill).opacity;
  });
}

describe('old numbers look old', () => {
  test('under a fast fake clock the cards dim and say their age after twice the cadence; a refresh makes them fresh', async () => {
    // Five app minutes pass per real second; manual refreshes count as old after an hour.
    preview = await rig.startPreview({ speed: 300 });
    const invoke = preview.app.core.invoke;
    await invoke.updateSettings({ general: { refreshCadence: 'manual', refreshOnOpen: false } });
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('.card').first().waitFor();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const windows = page.locator('#windows');
    await expect.poll(() => windows.getAttribute('class')).not.toContain('stale');
    expect(await page.locator('[data-window="5h"] .pace').count()).toBe(1);
    expect(await page.locator('.chart-projection').count()).toBeGreaterThan(0);
    expect(await fillOpacity(page)).toBe('1');

    await expect.poll(() => windows.getAttribute('class'), { timeout: 40_000 }).toContain('stale');
    expect(await page.locator('[data-window="5h"] .stale-note').innerText()).toMatch(/^From 1 h ago$/);
    // Nothing is extrapolated from old numbers: no pace line, no run-out projection.
    expect(await page.locator('.pace').count()).toBe(0);
    expect(await page.locator('.chart-projection').count()).toBe(0);
    expect(Number(await fillOpacity(page))).toBeLessThan(1);
    // Old is not an error: no banner, and no shouted badge anywhere.
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.locator('#panel').innerText()).not.toMatch(/STALE/);
    // The numbers themselves stay.
    expect(await page.locator('[data-window="5h"] .percent').innerText()).toBe('31% left');
    await shoot(page, 'popover-stale-light');
    const dark = await openPage(rig.browser, `${preview.url}popover.html`, { colorScheme: 'dark' });
    await dark.page.locator('.stale-note').first().waitFor();
    await shoot(dark.page, 'popover-stale-dark');
    await dark.context.close();

    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect.poll(() => windows.getAttribute('class')).not.toContain('stale');
    expect(await page.locator('.stale-note').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });

  test('says it in Simplified Chinese', async () => {
    preview = await rig.startPreview();
    await preview.app.core.invoke.refresh(undefined);
    preview.kimi.on('usages', { status: 500, body: { error: 'down' } });
    await preview.app.core.invoke.refresh(undefined);
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`, { locale: 'zh-CN' });
    await page.locator('.stale-note').first().waitFor();
    expect(await page.locator('[data-window="5h"] .stale-note').innerText()).toBe('刚才的数据');
    await shoot(page, 'popover-stale-zh-CN');
  });
});

describe('the card and the panel', () => {
  test('what is left is the largest text of every card, when it resets the next; the panel is opaque', async () => {
    preview = await rig.startPreview();
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('.card').first().waitFor();
    const sizes = await page.locator('.card[data-window]').evaluateAll((cards) =>
      cards.map((card) => {
        const size = (selector: string) => parseFloat(getComputedStyle(card.querySelector(selector)!).fontSize);
        const others = [...card.querySelectorAll<HTMLElement>('h2, .count, .pace, .chart-caption span')].map((el) => parseFloat(getComputedStyle(el).fontSize));
        return { percent: size('.percent'), reset: size('.reset'), others: Math.max(...others) };
      }),
    );
    expect(sizes).toHaveLength(2);
    for (const { percent, reset, others } of sizes) {
      expect(percent).toBeGreaterThan(reset);
      expect(percent).toBeGreaterThan(others);
      expect(reset).toBeGreaterThanOrEqual(others);
    }
    // In a browser (as on Linux) nothing is behind the panel: it is fully opaque.
    const background = await page.locator('#panel').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toMatch(/^rgb\(/);
  });

  test.each([
    ['en-US', 'en'],
    ['zh-CN', 'zh-CN'],
  ])('fonts: the system UI font before any CJK face in English; Chinese faces only for Chinese (%s)', async (locale, lang) => {
    preview = await rig.startPreview();
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`, { locale });
    await page.locator('.card').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    // The header's title: drawn once, never replaced by a redraw of the cards.
    const family = await page.locator('#provider').evaluate((el) => getComputedStyle(el).fontFamily);
    const faces = family.split(',').map((face) => face.trim().replace(/"/g, ''));
    expect(faces[0]).toBe('system-ui');
    const cjk = faces.findIndex((face) => /PingFang|CJK|Han Sans|YaHei|Hiragino|WenQuanYi/.test(face));
    if (lang === 'en') expect(cjk).toBe(-1);
    else expect(cjk).toBeGreaterThan(faces.indexOf('system-ui'));
  });
});
