// The popover as it opens, over the preview bridge in Chromium against `npm run demo`'s app
// (the real core over the simulated Kimi service, a week of history for the charts): how much
// the layout jumps while it fills in (cumulative layout shift, from the browser's own
// layout-shift entries) and how long until the numbers are on screen (time-to-numbers, from
// navigation start to the first card's "… left" being drawn and shown). With one account and
// with ten (`npm run demo -- --accounts 10`: nine compact rows around the expanded one, one of
// them in error), where time-to-rows is until every row shows its numbers or its error.
// Prints figures, asserts nothing. Run: node scripts/bench.mjs bench/popover.bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { browserShellPorts } from '../src/main/preview/browser-shell.js';
import { createDemoRuntime } from '../src/main/preview/demo/demo-runtime.js';
import { startPreviewApp } from '../src/main/preview/preview-app.js';

const RUNS = 12;
const root = process.cwd();

interface OpenFigures {
  readonly cls: number;
  readonly timeToNumbersMs: number;
  readonly timeToRowsMs: number;
}

/** Installed before the page's own scripts: sums layout shifts and notes when numbers show. */
function observeOpening(): void {
  const figures = { cls: 0, numbersAt: -1, rowsAt: -1 };
  (window as unknown as { __open: typeof figures }).__open = figures;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!entry.hadRecentInput) figures.cls += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const check = (): void => {
    if (figures.rowsAt >= 0) return;
    const percent = document.querySelector('.card .percent');
    const panel = document.getElementById('panel');
    if (percent === null || percent.textContent === '' || panel === null || getComputedStyle(panel).visibility !== 'visible') return;
    // Every other account's row has its numbers or its error (with one account there are none).
    const rows = [...document.querySelectorAll('.account-row[aria-expanded="false"]')];
    const rowsDrawn = rows.every((row) => row.querySelector('.row-figure, .row-status') !== null);
    // The frame that paints them.
    requestAnimationFrame(() => {
      const at = performance.now();
      if (figures.numbersAt < 0) figures.numbersAt = at;
      if (rowsDrawn && figures.rowsAt < 0) figures.rowsAt = at;
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

function summary(values: readonly number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(digits)}  p90 ${at(0.9).toFixed(digits)}  max ${sorted.at(-1)!.toFixed(digits)}`;
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'kimibar-bench-popover-'));
  execFileSync(process.execPath, [join(root, 'scripts/build-renderer.mjs'), '--out', out], { stdio: 'pipe' });
  try {
    for (const accounts of [1, 10]) await measure(out, accounts);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function measure(out: string, accounts: number): Promise<void> {
  const demo = await createDemoRuntime({ speed: 1, signedOut: false, accounts });
  const app = await startPreviewApp({
    runtime: demo.runtime,
    shell: browserShellPorts({ openUrl: async () => undefined, quit: () => undefined, log: () => undefined }),
    rendererDir: join(out, 'renderer'),
    previewDir: join(out, 'preview', 'public'),
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    // The first refresh fills the app's state; the popover then opens onto numbers, as in the app.
    await app.core.invoke.refresh(undefined);
    const byScheme = new Map<string, OpenFigures[]>();
    for (const colorScheme of ['light', 'dark'] as const) {
      const runs: OpenFigures[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ colorScheme, viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
        const page = await context.newPage();
        await page.addInitScript(observeOpening);
        await page.goto(`${app.server.url}popover.html`);
        await page.waitForFunction(() => (window as unknown as { __open: { numbersAt: number; rowsAt: number } }).__open.rowsAt >= 0);
        // The charts come after the numbers; the jump, if any, is when they land.
        await page.locator('figure[data-chart]').first().waitFor();
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const figures = await page.evaluate(() => (window as unknown as { __open: { cls: number; numbersAt: number; rowsAt: number } }).__open);
        if (accounts > 1 && (await page.locator('.account-row').count()) !== accounts) throw new Error(`expected ${accounts} account rows`);
        runs.push({ cls: figures.cls, timeToNumbersMs: figures.numbersAt, timeToRowsMs: figures.rowsAt });
        await context.close();
      }
      byScheme.set(colorScheme, runs);
    }
    console.log(`popover opening over the preview bridge, ${accounts} account${accounts === 1 ? '' : 's'}, ${RUNS} opens per scheme (Chromium, demo app, charts on)`);
    for (const [scheme, runs] of byScheme) {
      console.log(`  ${scheme.padEnd(5)} CLS              ${summary(runs.map((r) => r.cls), 4)}`);
      console.log(`  ${scheme.padEnd(5)} time-to-numbers  ${summary(runs.map((r) => r.timeToNumbersMs), 0)} ms`);
      if (accounts > 1) console.log(`  ${scheme.padEnd(5)} time-to-rows     ${summary(runs.map((r) => r.timeToRowsMs), 0)} ms`);
    }
  } finally {
    await browser.close();
    await app.close();
    demo.remove();
  }
}

await main();
