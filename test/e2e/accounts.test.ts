// Several accounts in Chromium against the real core and fake-kimi, each account with its own
// API key in the real keyring and its own numbers from the fake server: the popover lists every
// enabled account (the selected one expanded, the others compact rows), a row expands by mouse
// and by keyboard, an account in error says so on its row, ten accounts stay a short list that
// scrolls inside the popover, and axe-core finds nothing serious. Then the settings window:
// the list, add, rename, move, remove (confirmed), a key saved for the chosen account, and which
// account the menu bar shows.
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations } from './axe.js';
import type { Preview, PreviewAccount } from './harness.js';
import { keyringLookup, openPage, pageProblems, readSettingsFile, usePreviewRig } from './harness.js';

const rig = usePreviewRig();

/** The first account ("Kimi") answers 139/200 and 214/2048 used: 31% and 90% left. */
const WORK: PreviewAccount = { name: 'Work', apiKey: 'sk-kimi-e2e-work-0123456789abcdef', usage: { fiveHourUsed: 20, weeklyUsed: 1024 } };

function extraAccounts(count: number): PreviewAccount[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Account ${index + 2}`,
    apiKey: `sk-kimi-e2e-extra-${index}-0123456789abcdef`,
    usage: { fiveHourUsed: (index * 37) % 200, weeklyUsed: (index * 211) % 2048 },
  }));
}

const selectedAccount = async (preview: Preview): Promise<string> => (await preview.app.core.invoke.getSettings(undefined)).selectedAccount;
const focusedId = (page: Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);

async function accountIds(preview: Preview): Promise<Map<string, string>> {
  const settings = await preview.app.core.invoke.getSettings(undefined);
  return new Map(settings.accounts.map((account) => [account.name, account.id]));
}

/** Opens the popover once every account's row has its numbers (or its error). */
async function openPopover(preview: Preview, options: { colorScheme?: 'light' | 'dark'; locale?: string; height?: number } = {}): Promise<Page> {
  await preview.app.core.invoke.refresh(undefined);
  const { page } = await openPage(rig.browser, `${preview.url}popover.html`, options);
  await page.locator('.card').first().waitFor();
  return page;
}

describe('the popover with two accounts', () => {
  test('the selected account expanded as with one, the other a row with its own numbers; a click expands it', async () => {
    const preview = await rig.startPreview({ accounts: [WORK] });
    const ids = await accountIds(preview);
    const page = await openPopover(preview);
    const kimi = page.locator(`#account-row-${ids.get('Kimi')}`);
    const work = page.locator(`#account-row-${ids.get('Work')}`);
    expect(await kimi.getAttribute('aria-expanded')).toBe('true');
    expect(await work.getAttribute('aria-expanded')).toBe('false');
    // The expanded account: today's cards, under its heading.
    expect(await page.locator('#account-panel [data-window="5h"] .percent').innerText()).toBe('31% left');
    expect(await page.locator('#account-panel [data-window="weekly"] .percent').innerText()).toBe('90% left');
    // The other: its own numbers, in a row, with a name in whole words.
    await expect.poll(() => work.locator('.row-figure-value').allInnerTexts()).toEqual(['90%', '50%']);
    // Short forms for the eye; the name is the account's, the description says the rest in words.
    expect(await page.getByRole('button', { name: 'Work', exact: true }).getAttribute('id')).toBe(`account-row-${ids.get('Work')}`);
    expect(await work.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent)).toMatch(/^5-hour 90% left, Weekly 50% left, Resets in \d+h \d+m$/);

    await work.click();
    await expect.poll(() => page.locator('#account-panel [data-window="5h"] .percent').innerText()).toBe('90% left');
    expect(await work.getAttribute('aria-expanded')).toBe('true');
    expect(await kimi.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => kimi.locator('.row-figure-value').allInnerTexts()).toEqual(['31%', '90%']);
    // The app made it the selected account: the tray and the settings file follow.
    await expect.poll(() => selectedAccount(preview)).toBe(ids.get('Work'));
    expect(pageProblems(page)).toEqual([]);
  });

  test('keyboard only: the rows are in the arrow order, Enter and Space expand, focus stays on the account', async () => {
    const preview = await rig.startPreview({ accounts: [WORK] });
    const ids = await accountIds(preview);
    const page = await openPopover(preview);
    const kimiRow = `account-row-${ids.get('Kimi')}`;
    const workRow = `account-row-${ids.get('Work')}`;
    await expect.poll(() => page.locator('.account-row').count()).toBe(2);
    // Home: the first action, the first account's heading; the arrows go on to the next row.
    await page.keyboard.press('Home');
    expect(await focusedId(page)).toBe(kimiRow);
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe(workRow);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`#${workRow}`).getAttribute('aria-expanded')).toBe('true');
    expect(await focusedId(page)).toBe(workRow);
    await page.keyboard.press('ArrowUp');
    expect(await focusedId(page)).toBe(kimiRow);
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator(`#${kimiRow}`).getAttribute('aria-expanded')).toBe('true');
    expect(await focusedId(page)).toBe(kimiRow);
    await expect.poll(() => selectedAccount(preview)).toBe(ids.get('Kimi'));
    // The expanded heading is an accordion's: it cannot collapse, and says so.
    expect(await page.locator(`#${kimiRow}`).getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator(`#${kimiRow}`).getAttribute('aria-controls')).toBe('account-panel');
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.popoverCloses).toEqual(['close']);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page: shown } = await openPage(rig.browser, `${preview.url}popover.html`, { colorScheme });
      await shown.locator('.account-row').nth(1).waitFor();
      await expectNoSeriousAxeViolations(shown);
    }
  });

  test('a Space pressed on a row while new numbers redraw the rows still expands it', async () => {
    const preview = await rig.startPreview({ accounts: [WORK] });
    const ids = await accountIds(preview);
    const page = await openPopover(preview);
    const work = page.locator(`#account-row-${ids.get('Work')}`);
    await expect.poll(() => work.locator('.row-figure-value').allInnerTexts()).toEqual(['90%', '50%']);
    await work.focus();
    await page.keyboard.down(' ');
    await work.evaluate((row) => ((window as { drawnBefore?: Element }).drawnBefore = row.querySelector('.row-figure')!));
    await preview.app.core.invoke.refresh(undefined);
    await expect.poll(() => work.evaluate((row) => row.querySelector('.row-figure') !== (window as { drawnBefore?: Element }).drawnBefore)).toBe(true);
    await page.keyboard.up(' ');
    await expect.poll(() => work.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedId(page)).toBe(`account-row-${ids.get('Work')}`);
    await expect.poll(() => selectedAccount(preview)).toBe(ids.get('Work'));
  });

  test('an account in error says so on its row, and the others keep their numbers', async () => {
    const rejected: PreviewAccount = { name: 'Old key', apiKey: 'sk-kimi-e2e-old-0123456789abcdef', usage: { status: 401, body: { code: 'unauthenticated' } } };
    const preview = await rig.startPreview({ accounts: [WORK, rejected] });
    const ids = await accountIds(preview);
    const page = await openPopover(preview);
    const row = page.locator(`#account-row-${ids.get('Old key')}`);
    await expect.poll(() => row.locator('.row-status.error').innerText()).toBe('Key rejected');
    expect(await row.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Key rejected');
    expect(await page.locator(`#account-row-${ids.get('Work')} .row-figure-value`).allInnerTexts()).toEqual(['90%', '50%']);
    expect(await page.locator('#account-panel [data-window="5h"] .percent').innerText()).toBe('31% left');
    // Its own banner is for when it is the one expanded.
    expect(await page.locator('#banner').isHidden()).toBe(true);
    await row.click();
    await expect.poll(() => page.locator('#banner .banner-message').innerText()).toMatch(/^Kimi Code API key is invalid or expired/);
    await expectNoSeriousAxeViolations(page);
  });

  test('one account: no rows and no account heading, the cards as they always were', async () => {
    const preview = await rig.startPreview();
    const page = await openPopover(preview);
    expect(await page.locator('.account-row').count()).toBe(0);
    expect(await page.locator('.card h2').count()).toBe(2);
    expect(await page.locator('#windows').getAttribute('class')).not.toContain('accounts');
  });
});

describe('the popover with ten accounts', () => {
  test('compact rows of about 30 px, the expanded card as large as alone, the biggest number on screen, scrolling inside', async () => {
    const alone = await rig.startPreview();
    const single = await openPopover(alone);
    // Looked up and measured in one step: a card the popover has just drawn again (its chart
    // landed, an account's numbers came) is detached, and a detached element measures 0.
    const cardHeight = (page: Page) => page.evaluate(() => document.querySelector('[data-window="5h"]')!.getBoundingClientRect().height);
    const singleCard = await cardHeight(single);

    const preview = await rig.startPreview({ accounts: extraAccounts(9) });
    const page = await openPopover(preview, { height: 640 });
    await expect.poll(() => page.locator('.account-row').count()).toBe(10);
    await expect.poll(() => page.locator('.account-row .row-figure-value').count()).toBe(18);
    const rowHeights = await page.locator('.account-row[aria-expanded="false"]').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(rowHeights).toHaveLength(9);
    for (const height of rowHeights) {
      expect(height).toBeGreaterThanOrEqual(28);
      expect(height).toBeLessThanOrEqual(32);
    }
    expect(await cardHeight(page)).toBeCloseTo(singleCard, 0);
    // The expanded card's percent is still the largest text in the popover.
    const sizes = await page.evaluate(() => {
      const size = (element: Element) => parseFloat(getComputedStyle(element).fontSize);
      const percent = size(document.querySelector('#account-panel .percent')!);
      const others = [...document.querySelectorAll('#panel *')].filter((element) => !element.matches('.percent') && element.childElementCount === 0 && element.textContent !== '').map(size);
      return { percent, largestOther: Math.max(...others) };
    });
    expect(sizes.percent).toBeGreaterThan(sizes.largestOther);
    // It asks for its whole height; in a 640-px window it scrolls inside and the menu stays.
    await expect.poll(() => preview.popoverHeights.at(-1) ?? 0).toBeGreaterThan(640);
    await expect.poll(() => page.locator('#windows').getAttribute('class')).toContain('more-below');
    expect(await page.locator('#menu-quit').isVisible()).toBe(true);
    const last = page.locator('.account-row').last();
    await last.focus();
    await expect.poll(() => last.evaluate((row) => row.getBoundingClientRect().bottom <= document.getElementById('windows')!.getBoundingClientRect().bottom + 1)).toBe(true);
    await expectNoSeriousAxeViolations(page);
    expect(pageProblems(page)).toEqual([]);
  });
});

describe('settings → accounts', () => {
  async function openSettings(preview: Preview, hash = ''): Promise<Page> {
    const { page } = await openPage(rig.browser, `${preview.url}settings.html${hash}`, { width: 720, height: 900 });
    await page.locator('.group').first().waitFor();
    return page;
  }

  test('add an account by name and sign-in, rename it, move it up, save its key, remove it after confirming', async () => {
    const preview = await rig.startPreview();
    const page = await openSettings(preview);
    await page.getByRole('button', { name: 'Add an account' }).click();
    expect(await focusedId(page)).toBe('new-account-name');
    // A name the app would refuse is named before anything is sent.
    await page.keyboard.type('kimi');
    await page.getByRole('button', { name: 'Add Account', exact: true }).click();
    await expect.poll(() => page.locator('#new-account-name-error').innerText()).toBe('Another account already has this name.');
    await page.getByLabel('Name', { exact: true }).fill('Work');
    await page.getByLabel('Signs in with').selectOption('api');
    await page.getByRole('button', { name: 'Add Account', exact: true }).click();
    await expect.poll(() => readSettingsFile(preview).accounts.map((account) => account.name)).toEqual(['Kimi', 'Work']);
    const workId = String(readSettingsFile(preview).accounts[1]?.id);
    expect(readSettingsFile(preview).accounts[1]).toMatchObject({ usageSource: 'api', enabled: true });
    // The new account is the one chosen: its controls act on it.
    await expect.poll(() => page.locator('.detail-header h2').innerText()).toBe('Work');
    expect(await page.locator(`#account-item-${workId}`).getAttribute('aria-current')).toBe('true');

    await page.getByLabel('API key', { exact: true }).fill('sk-kimi-e2e-settings-work-0123456789');
    // Pressed with the pointer straight from the field (its blur must not redraw Save away).
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => keyringLookup(preview.keyringService, `api-key@${workId}`)).toBe('sk-kimi-e2e-settings-work-0123456789');
    // …and not on the first account's item.
    expect(keyringLookup(preview.keyringService, 'api-key')).not.toBe('sk-kimi-e2e-settings-work-0123456789');

    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Work laptop');
    await name.press('Tab');
    await expect.poll(() => readSettingsFile(preview).accounts[1]?.name).toBe('Work laptop');

    await page.getByRole('button', { name: 'Move Work laptop up' }).click();
    await expect.poll(() => readSettingsFile(preview).accounts.map((account) => account.name)).toEqual(['Work laptop', 'Kimi']);

    await page.getByRole('switch', { name: 'Show this account' }).click();
    await expect.poll(() => readSettingsFile(preview).accounts[0]?.enabled).toBe(false);

    await page.getByRole('button', { name: 'Remove Account…' }).click();
    // The safe choice is focused; Escape backs out; the red button removes.
    expect(await focusedId(page)).toBe('account-remove-cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedId(page)).toBe('account-remove');
    await page.getByRole('button', { name: 'Remove Account…' }).click();
    const confirm = page.locator('#account-remove-confirm');
    expect(await confirm.evaluate((button) => getComputedStyle(button).backgroundColor)).toMatch(/rgb\((19[0-9]|2[0-9]{2}), /);
    await confirm.click();
    await expect.poll(() => readSettingsFile(preview).accounts.map((account) => account.name)).toEqual(['Kimi']);
    await expect.poll(() => keyringLookup(preview.keyringService, `api-key@${workId}`)).toBe('');
    await expect.poll(() => page.locator('.detail-header h2').innerText()).toBe('Kimi');
    await expectNoSeriousAxeViolations(page);
    expect(pageProblems(page)).toEqual([]);
  });

  test('choosing an account in the list shows its own state; General offers which account the menu bar shows', async () => {
    const preview = await rig.startPreview({ accounts: [WORK] });
    const ids = await accountIds(preview);
    const page = await openSettings(preview);
    await page.locator(`#account-item-${ids.get('Work')}`).click();
    await expect.poll(() => page.locator('.detail-header h2').innerText()).toBe('Work');
    await expect.poll(() => page.locator('#kimi-api-key .row-help').first().innerText()).toBe('Saved in the keychain (sk-kimi-…cdef)');
    expect(await page.getByLabel('Usage source').inputValue()).toBe('api');
    // Its own warning thresholds; emptied, the General list applies again.
    const thresholds = page.getByLabel('Warn below (% left)');
    await thresholds.fill('30, 101');
    await thresholds.press('Tab');
    await page.locator('#account-thresholds-error').waitFor();
    await thresholds.fill('10 30');
    await thresholds.press('Tab');
    await expect.poll(() => readSettingsFile(preview).accounts[1]?.thresholds).toEqual([30, 10]);
    expect(readSettingsFile(preview).accounts[0]?.thresholds ?? null).toBeNull();
    await thresholds.fill('');
    await thresholds.press('Tab');
    await expect.poll(() => readSettingsFile(preview).accounts[1]?.thresholds ?? null).toBeNull();
    await expectNoSeriousAxeViolations(page);

    const general = await openSettings(preview, '#general');
    await general.getByLabel('Menu bar shows').selectOption('most-constrained');
    await expect.poll(() => readSettingsFile(preview).general.trayAccount).toBe('most-constrained');
    await expectNoSeriousAxeViolations(general);
  });
});
