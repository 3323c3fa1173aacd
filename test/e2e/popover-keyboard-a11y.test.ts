// The popover as a keyboard and screen-reader user meets it, in Chromium against the real core
// and fake-kimi: Mac-menu keys (Escape closes, arrows move, focus starts on the first action),
// names without shortcut text, and axe-core's audit — light and dark, with numbers, after an
// error and with a spent quota — failing on any serious or critical violation.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { QUOTA_403 } from '../fixtures/kimi/forbidden-403.js';
import type { Preview } from './harness.js';
import { codeApiReply, openPage, pageProblems, usePreviewRig } from './harness.js';

const AXE = readFileSync(join(resolve(import.meta.dirname, '../..'), 'node_modules/axe-core/axe.min.js'), 'utf8');

const rig = usePreviewRig();
let preview: Preview | null = null;

const focusedId = (page: Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the page's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
}

describe('popover keyboard', () => {
  test('focus starts on the first action; arrows, Home and End move through the menu; Escape asks the shell to close', async () => {
    preview = await rig.startPreview();
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('.card').first().waitFor();
    await expect.poll(() => focusedId(page)).toBe('menu-refresh');

    // The name is the command; the shortcut is in aria-keyshortcuts, not read twice.
    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    expect(await refresh.count()).toBe(1);
    expect(await refresh.getAttribute('aria-keyshortcuts')).toBe('Control+R');
    expect(await page.getByRole('button', { name: 'Settings…', exact: true }).getAttribute('aria-keyshortcuts')).toBe('Control+,');
    expect(await page.getByRole('button', { name: 'Usage dashboard', exact: true }).getAttribute('aria-keyshortcuts')).toBeNull();

    const order: (string | undefined)[] = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'Home', 'End']) {
      await page.keyboard.press(key);
      order.push(await focusedId(page));
    }
    expect(order).toEqual(['menu-dashboard', 'menu-settings', 'menu-quit', 'menu-refresh', 'menu-quit', 'menu-refresh', 'menu-quit']);
    expect(preview.popoverCloses).toEqual([]);

    await page.keyboard.press('Escape');
    await expect.poll(() => preview!.popoverCloses).toEqual(['close']);
    expect(pageProblems(page)).toEqual([]);
  });

  test('in a chart, Escape first clears the reading, then closes; the arrows leave the chart for the actions', async () => {
    preview = await rig.startPreview();
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    const chart = page.locator('figure[data-chart="5h"]');
    await chart.waitFor();
    await chart.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => chart.getAttribute('class')).toContain('reading');
    await page.keyboard.press('Escape');
    await expect.poll(() => chart.getAttribute('class')).not.toContain('reading');
    expect(preview.popoverCloses).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => preview!.popoverCloses).toEqual(['close']);

    await chart.focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('menu-refresh');
  });

  test('after an error, focus starts on the banner’s way out', async () => {
    preview = await rig.startPreview();
    await preview.app.core.invoke.refresh(undefined);
    preview.kimi.on('usages', { status: 401, body: { code: 'unauthenticated' } });
    await preview.app.core.invoke.refresh(undefined);
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('#banner').waitFor();
    await expect.poll(() => focusedId(page)).toBe('banner-action');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('menu-refresh');
  });
});

describe('axe-core on the popover', () => {
  const STATES = ['signed in', 'error', 'depleted'] as const;

  async function startIn(state: (typeof STATES)[number]): Promise<Preview> {
    const started = await rig.startPreview();
    const invoke = started.app.core.invoke;
    // Numbers first; an error or a spent quota then keeps them (old) under its banner.
    await invoke.refresh(undefined);
    if (state === 'error') started.kimi.on('usages', { status: 401, body: { code: 'unauthenticated' } });
    if (state === 'depleted') {
      // Every request of the week used, then Kimi refuses the next one with its quota answer.
      started.kimi.on('usages', () => codeApiReply({ fiveHourUsed: 120, weeklyUsed: 2048 }, started.clock.now()));
      await invoke.refresh(undefined);
      started.kimi.on('usages', { status: 403, body: QUOTA_403.weekly });
    }
    await invoke.refresh(undefined);
    return started;
  }

  test.each(STATES)('%s: no serious or critical violation, light and dark', async (state) => {
    preview = await startIn(state);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openPage(rig.browser, `${preview.url}popover.html`, { colorScheme });
      await page.locator('.card').first().waitFor();
      if (state !== 'signed in') await page.locator('#banner').waitFor();
      if (state === 'depleted') expect(await page.locator('[data-window="weekly"] .percent').innerText()).toBe('0% left');
      expect(await seriousViolations(page), `${state}, ${colorScheme}`).toEqual([]);
      // The selected menu row too: white on the accent fill.
      await page.locator('#menu-refresh').hover();
      expect(await seriousViolations(page), `${state}, ${colorScheme}, menu row selected`).toEqual([]);
      await context.close();
    }
  });
});
