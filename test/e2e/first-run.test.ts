// The first minute, as a new user meets it: the popover with nothing set up welcomes (no error,
// no alert, nothing sent to Kimi), and each way in — device login, an API key, a Kimi Code CLI
// login found on the machine — ends with numbers. Real app core, real keyring, test/fake-kimi.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { DEVICE_USER_CODE } from '../fake-kimi/index.js';
import { expectNoSeriousAxeViolations } from './axe.js';
import type { Preview } from './harness.js';
import { keyringLookup, openPage, pageProblems, screenshotPath, usePreviewRig } from './harness.js';

const rig = usePreviewRig();
let preview: Preview | null = null;

const DEVICE_PAGE = `https://www.kimi.com/code/authorize_device?user_code=${DEVICE_USER_CODE}`;

async function openWelcome(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const { page } = await openPage(rig.browser, `${preview!.url}popover.html`, options);
  await page.locator('#welcome').waitFor();
  return page;
}

describe('first run', () => {
  test('signed out, the popover welcomes: what KimiBar shows and the ways in — no error, no alert, nothing sent', async () => {
    preview = await rig.startPreview({ signedOut: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await openWelcome({ colorScheme, locale });
        await expect.poll(() => page.locator('.welcome-title').innerText()).toBe(locale === 'en-US' ? 'Welcome to KimiBar' : '欢迎使用 KimiBar');
        expect(await page.getByRole('alert').count()).toBe(0);
        expect(await page.locator('#banner').isHidden()).toBe(true);
        expect(await page.locator('.card').count()).toBe(0);
        if (locale === 'en-US') {
          expect(await page.locator('.welcome-body').innerText()).toContain('5-hour limit and the weekly quota');
          const ways = page.getByRole('group', { name: 'Ways to sign in' });
          expect(await ways.getByRole('button').allInnerTexts()).toEqual(['Sign in with Kimi Code', 'Add an API key']);
          expect(await page.locator('#welcome-sign-in').getAttribute('class')).toContain('primary');
          // No CLI login on this machine: nothing to "Use".
          expect(await page.getByRole('button', { name: 'Use it' }).count()).toBe(0);
          expect(await page.locator('#updated').innerText()).toBe('');
        }
        // The welcome only: the menu and header below it are the popover's own tests.
        await expectNoSeriousAxeViolations(page, '#welcome');
        await page.screenshot({ path: screenshotPath(`welcome-${locale === 'en-US' ? 'en' : 'zh'}-${colorScheme}`), fullPage: true });
        expect(pageProblems(page)).toEqual([]);
        await page.context().close();
      }
    }
    expect(preview.kimi.requestsTo('usages')).toEqual([]);
    expect(preview.app.core.controller.getState()).toMatchObject({ lastError: null, signedOut: true, notConfigured: { found: [] } });
  });

  test('Sign in with Kimi Code: the code with Copy, its page as a link, Open browser again — then numbers, and settings name the account', async () => {
    preview = await rig.startPreview({ signedOut: true });
    preview.kimi.script('token', { status: 400, body: { error: 'authorization_pending' } });
    const page = await openWelcome();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.url });
    await page.getByRole('button', { name: 'Sign in with Kimi Code' }).click();

    const code = page.locator('#device-code');
    await code.waitFor();
    expect(await code.innerText()).toBe(DEVICE_USER_CODE);
    // One click selects the whole code.
    expect(await code.evaluate((element) => getComputedStyle(element).userSelect)).toBe('all');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(DEVICE_USER_CODE);
    await page.screenshot({ path: screenshotPath('welcome-device-login-light'), fullPage: true });

    // The browser opened once by itself; the link and "Open browser again" go through the app.
    await expect.poll(() => preview!.opened).toEqual([DEVICE_PAGE]);
    const link = page.getByRole('link', { name: 'www.kimi.com/code/authorize_device' });
    expect(await link.getAttribute('href')).toBe(DEVICE_PAGE);
    await link.click();
    await page.getByRole('button', { name: 'Open browser again' }).click();
    await expect.poll(() => preview!.opened).toEqual([DEVICE_PAGE, DEVICE_PAGE, DEVICE_PAGE]);
    expect(page.url()).toContain('popover.html');

    // Kimi confirms at the next poll: the welcome gives way to the numbers.
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('#welcome').count()).toBe(0);
    expect(await page.locator('#source').innerText()).toBe('Kimi account (signed in)');
    expect(await page.locator('#plan').innerText()).toBe('Allegretto');
    expect(keyringLookup(preview.keyringService, 'device-login')).toContain('device-access-1');
    expect(await page.content()).not.toContain('device-access-1');

    const settings = await openPage(rig.browser, `${preview.url}settings.html`, { width: 720, height: 900 });
    await settings.page.getByText('Signed in with Kimi Code · Allegretto').waitFor();
    expect(pageProblems(page)).toEqual([]);
  });

  test('Add an API key: settings open on signing in, the field checks the form, the key is named masked, and the numbers come', async () => {
    preview = await rig.startPreview({ signedOut: true });
    const popover = await openWelcome();
    await popover.getByRole('button', { name: 'Add an API key' }).click();
    await expect.poll(() => preview!.settingsOpened).toEqual(['kimi']);

    const { page } = await openPage(rig.browser, `${preview.url}settings.html#kimi`, { width: 720, height: 900 });
    await page.locator('.group').first().waitFor();
    // Signing in first; the rest is one closed "More options" away.
    expect(await page.locator('#content .group-title').evaluateAll((titles) => titles.filter((el) => el.checkVisibility()).map((el) => el.textContent))).toEqual(['Kimi account', 'Kimi Code API key']);
    expect(await page.locator('#more-options').getAttribute('open')).toBeNull();

    const field = page.getByLabel('API key', { exact: true });
    await field.fill('sk-kimi not a key');
    await field.press('Enter');
    await page.locator('#api-key-error').filter({ hasText: 'That does not look like an API key.' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#api-key-error').filter({ hasText: 'Enter an API key first.' }).waitFor();
    expect(keyringLookup(preview.keyringService, 'api-key')).toBe('');

    const key = 'sk-kimi-first-run-0123456789abcd';
    await field.fill(key);
    await field.press('Enter');
    await page.locator('#api-key-help').filter({ hasText: 'Saved in the keychain (sk-kimi-…abcd)' }).waitFor();
    await expect.poll(() => page.locator('#live').innerText()).toBe('Saved in the keychain (sk-kimi-…abcd)');
    expect(await page.locator('#api-key-error').count()).toBe(0);
    expect(keyringLookup(preview.keyringService, 'api-key')).toBe(key);
    expect(await page.content()).not.toContain('first-run-0123');

    await popover.locator('.card').first().waitFor();
    expect(await popover.locator('#welcome').count()).toBe(0);
    expect(preview.kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
    // Signed in now: every group is shown, the usage source first.
    await expect.poll(() => page.locator('#more-options').count()).toBe(0);
    expect(await page.locator('#kimi-usage-source').isVisible()).toBe(true);
  });

  test('Use it: a Kimi Code CLI login made after the first look is offered when the popover opens again, and brings the numbers', async () => {
    preview = await rig.startPreview({ signedOut: true, kimiHosts: true });
    const page = await openWelcome();
    expect(await page.getByRole('button', { name: 'Use it' }).count()).toBe(0);

    // `kimi login` meanwhile: the CLI's own file, in this user's home.
    const credentials = join(preview.home, '.kimi-code', 'credentials');
    mkdirSync(credentials, { recursive: true });
    writeFileSync(join(credentials, 'kimi-code.json'), JSON.stringify({ access_token: 'cli-access-e2e', refresh_token: 'cli-refresh', expires_at: Date.now() / 1000 + 3600 }));
    // The popover closes and opens again (what the shell reports as the window hides and shows).
    preview.app.core.controller.setPopoverVisible(false);
    preview.app.core.controller.setPopoverVisible(true);

    const useIt = page.getByRole('button', { name: 'Use it' });
    await useIt.waitFor();
    expect(await page.locator('.welcome-found').innerText()).toContain('Kimi Code CLI login found');
    expect(await useIt.getAttribute('aria-describedby')).toBe('found-kimi-cli');
    await page.screenshot({ path: screenshotPath('welcome-cli-found-light'), fullPage: true });
    await useIt.click();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('#source').innerText()).toBe('Kimi Code CLI');
    expect(preview.kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe('Bearer cli-access-e2e');
    expect(await page.content()).not.toContain('cli-access-e2e');
  });
});
