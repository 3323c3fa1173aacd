// axe-core in the page under test: the rules a screen-reader or low-vision user meets first.
// Only "serious" and "critical" findings fail a test; each is listed with the elements it hit,
// so a failure says what to fix.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'vitest';

// Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') refuses the
// inline script page.addScriptTag would add, and must stay as strict as it ships.
const AXE_SOURCE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

/** `within`: a selector to check only that part (the rest belongs to another test). */
export async function seriousAxeViolations(page: Page, within?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: Document | string, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(selector ?? document, { resultTypes: ['violations'] })).violations;
  }, within ?? null);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

export async function expectNoSeriousAxeViolations(page: Page, within?: string): Promise<void> {
  expect(await seriousAxeViolations(page, within)).toEqual([]);
}
