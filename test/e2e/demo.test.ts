// `npm run demo` is a product feature: the same core over the simulated Kimi service must show
// moving numbers with a week of history behind them, without touching the user's files.
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildRenderer, launchChromium, openPage, pageProblems, screenshotPath, startDemoPreview } from './harness.js';

let build: ReturnType<typeof buildRenderer>;
let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemoPreview>>;

beforeAll(async () => {
  build = buildRenderer();
  browser = await launchChromium();
  demo = await startDemoPreview(build.dir);
});

afterAll(async () => {
  await demo?.close();
  await browser?.close();
  build?.remove();
});

describe('demo', () => {
  test('the popover shows the simulated plan through the real parser, with seven days of history for the charts', async () => {
    const { page } = await openPage(browser, `${demo.app.server.url}popover.html`);
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card[data-window]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-window')))).toEqual(['5h', 'weekly', 'monthly-total']);
    expect(await page.locator('#source').innerText()).toBe('Kimi Code API key');
    expect(await page.locator('#parallel').innerText()).toBe('Up to 30 parallel requests');
    expect(await page.locator('[data-extra] .percent').innerText()).toBe('$32.60 left');
    expect(await page.locator('[data-window="5h"] .count').innerText()).toMatch(/^Rate: \d+\/200 per 5 hours$/);
    expect(await page.locator('[data-window="weekly"] .count').innerText()).toMatch(/^\d+\/2048 requests$/);

    const history = await demo.app.core.invoke.getHistory({ days: 7, windowId: '5h' });
    const spanDays = (Date.parse(history.at(-1)!.at) - Date.parse(history[0]!.at)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(6.9);
    // Several five-hour periods, each ending in a reset.
    expect(new Set(history.map((point) => point.resetsAt)).size).toBeGreaterThan(30);
    // Let the bars finish their width transition, then keep a picture for review.
    await page.waitForTimeout(400);
    await page.locator('#panel').screenshot({ path: screenshotPath('demo-popover-light'), omitBackground: true, animations: 'disabled' });
    expect(pageProblems(page)).toEqual([]);
  });

  test('device login against the simulated service ends signed in', async () => {
    const { page } = await openPage(browser, `${demo.app.server.url}settings.html`, { width: 720, height: 900 });
    await page.getByRole('button', { name: 'Sign in with Kimi Code…' }).click();
    expect(await page.locator('#device-code').innerText()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByText('Signed in with Kimi Code').waitFor({ timeout: 15_000 });
  });
});
