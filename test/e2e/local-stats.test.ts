// Local usage in Chromium over the real app core: the synthetic Kimi Code and kimi-cli logs
// (test/fixtures/kimi-code-sessions, moved to today) in the app's home, read by the real stats
// reader into the real history file. The popover's "Today" line and week, Settings → Usage,
// the off switch — screenshots light and dark in artifacts/screenshots, and axe on each.
import { readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { copyFixturesForToday } from '../core/stats/support.js';
import type { Preview } from './harness.js';
import { openPage, pageProblems, readSettingsFile, screenshotPath, usePreviewRig } from './harness.js';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
/** The first read of the logs and a busy two-core machine: wait for the answer, generously. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 100 });

const rig = usePreviewRig();
let preview: Preview | null = null;

/** A preview whose home holds Kimi Code's (~/.kimi-code) and kimi-cli's (~/.kimi) logs. */
async function previewWithLogs(): Promise<Preview> {
  preview = await rig.startPreview();
  copyFixturesForToday(join(preview.home, 'fixture'));
  renameSync(join(preview.home, 'fixture', 'kimi-code'), join(preview.home, '.kimi-code'));
  renameSync(join(preview.home, 'fixture', 'kimi'), join(preview.home, '.kimi'));
  return preview;
}

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the pages' CSP rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async (context) => {
    type Violation = { id: string; nodes: { target: string[]; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(context);
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} ${node.target.join(' ')}: ${node.failureSummary ?? ''}`));
  }, selector);
}

describe('the popover’s Today line and week', () => {
  test.each(['light', 'dark'] as const)('%s', async (colorScheme) => {
    const app = await previewWithLogs();
    const { page } = await openPage(rig.browser, `${app.url}popover.html`, { colorScheme, height: 640 });
    const today = page.locator('#local-stats-today');
    await poll(() => today.textContent()).toBe('34.6K tokens · kimi-for-coding');
    // Hand count: today 34,550 tokens; the week's other days 150, 905 and 5,800.
    await expect(today.getAttribute('title')).resolves.toBe('34,550');
    const week = await page.locator('.local-stats-week').getAttribute('aria-label');
    expect(week).toMatch(/^Kimi Code tokens, last 7 days: .*: 150 tokens, .*: 0 tokens, .*: 0 tokens, .*: 0 tokens, .*: 905 tokens, .*: 5\.8K tokens, .*: 34\.6K tokens$/);
    await page.locator('.card').first().waitFor();
    const path = screenshotPath(`local-stats-popover-${colorScheme}`);
    await page.locator('#panel').screenshot({ path, omitBackground: true, animations: 'disabled' });
    expect(pageProblems(page)).toEqual([]);
    expect(await axeViolations(page, '#local-stats')).toEqual([]);
  });

  test('Chinese: the same numbers in 万 units', async () => {
    const app = await previewWithLogs();
    const { page } = await openPage(rig.browser, `${app.url}popover.html`, { locale: 'zh-CN' });
    await poll(() => page.locator('#local-stats-today').textContent()).toBe('3.5万 tokens · kimi-for-coding');
    await expect(page.locator('#local-stats-title').textContent()).resolves.toBe('今天');
  });

  test('hidden when this computer has no Kimi Code logs', async () => {
    preview = await rig.startPreview();
    const { page } = await openPage(rig.browser, `${preview.url}popover.html`);
    await page.locator('.card').first().waitFor();
    // The app answered (files: 0) before the section decided to stay hidden.
    await poll(async () => (await preview!.app.core.invoke.getLocalStats({ days: 7 })).files).toBe(0);
    await expect(page.locator('#local-stats').isHidden()).resolves.toBe(true);
  });
});

describe('Settings → Usage', () => {
  test.each(['light', 'dark'] as const)('per project and per model, %s', async (colorScheme) => {
    const app = await previewWithLogs();
    const { page } = await openPage(rig.browser, `${app.url}settings.html#usage`, { colorScheme, width: 720, height: 900 });
    const projects = page.locator('#usage-by-project tbody tr');
    await poll(() => projects.count()).toBe(3);
    // Last 7 days, biggest first: the hand count of test/core/stats.
    expect(await projects.locator('th').allTextContents()).toEqual(['/home/dev/kimibar', '/home/dev/legacy-app', '/home/dev/notes']);
    expect(await projects.first().locator('td').last().getAttribute('title')).toBe('40,350');
    const models = page.locator('#usage-by-model tbody tr');
    expect(await models.locator('th').allTextContents()).toEqual(['kimi-for-coding', 'kimi-k2-turbo', 'model not recorded']);
    expect(await models.first().locator('td').allTextContents()).toEqual(['7.4K', '1.5K', '29K', '100', '5', '38K']);
    const path = screenshotPath(`settings-usage-${colorScheme}`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    // Before axe, which may trip the page's CSP in the console itself.
    expect(pageProblems(page)).toEqual([]);
    expect(await axeViolations(page, '#usage-pane')).toEqual([]);
  });

  test('the periods: today only, then 30 days', async () => {
    const app = await previewWithLogs();
    const { page } = await openPage(rig.browser, `${app.url}settings.html#usage`, { width: 720, height: 900 });
    const projects = page.locator('#usage-by-project tbody tr th');
    await poll(() => projects.count()).toBe(3);
    await page.locator('#usage-period-1').click();
    await poll(() => projects.allTextContents()).toEqual(['/home/dev/kimibar']);
    await expect(page.locator('#usage-period-1').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('#usage-period-30').click();
    await poll(() => projects.count()).toBe(3);
  });

  test('the off switch: saved, nothing shown, nothing read', async () => {
    const app = await previewWithLogs();
    const { page } = await openPage(rig.browser, `${app.url}settings.html#usage`, { width: 720, height: 900 });
    await poll(() => page.locator('#usage-by-project tbody tr').count()).toBe(3);
    await page.locator('#local-stats-enabled').click();
    await poll(() => readSettingsFile(app).general.localStats).toBe(false);
    await expect(page.locator('#usage-by-project').count()).resolves.toBe(0);
    const view = await app.app.core.invoke.getLocalStats({ days: 7 });
    expect(view).toMatchObject({ enabled: false, files: 0, byModel: [], byProject: [] });
  });
});
