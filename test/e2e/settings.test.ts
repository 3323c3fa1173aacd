// The settings window in Chromium: every change round-trips through the app (what is shown is
// what the app saved), refusals show at the field, and secrets only ever come back as states.
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Preview } from './harness.js';
import { buildRenderer, launchChromium, openPage, pageProblems, startPreview } from './harness.js';

let build: ReturnType<typeof buildRenderer>;
let browser: Browser;
let preview: Preview | null = null;

beforeAll(async () => {
  build = buildRenderer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  build?.remove();
});

afterEach(async () => {
  await preview?.close();
  preview = null;
});

async function openSettings(hash = '', locale?: string): Promise<Page> {
  preview = await startPreview(build.dir);
  const { page } = await openPage(browser, `${preview.server.url}settings.html${hash}`, { width: 720, height: 900, locale });
  await page.locator('.group').first().waitFor();
  return page;
}

const saved = () => preview!.backend.invoke.getSettings(undefined);
const secrets = () => preview!.backend.invoke.getSecrets(undefined);

describe('settings → General', () => {
  test('switches, menus and the thresholds field round-trip through the app', async () => {
    const page = await openSettings('#general');
    await page.getByRole('switch', { name: 'Show usage as used' }).click();
    await expect.poll(async () => (await saved()).general.showUsageAsUsed).toBe(true);
    await expect.poll(() => page.getByRole('switch', { name: 'Show usage as used' }).isChecked()).toBe(true);

    await page.getByLabel('Refresh cadence').selectOption('5m');
    await page.getByLabel('Menu-bar text').selectOption('countdown');
    // Both requests are in flight at once; each is a patch, so neither undoes the other.
    await expect.poll(async () => (await saved()).general.menuBarText).toBe('countdown');
    expect((await saved()).general.refreshCadence).toBe('5m');

    const thresholds = page.getByLabel('Thresholds (% left)');
    await thresholds.fill('50, 120');
    await thresholds.press('Tab');
    await page.locator('#thresholds-error').waitFor();
    expect(await thresholds.getAttribute('aria-invalid')).toBe('true');
    expect((await saved()).general.notifications.thresholds).toEqual([50, 20]);
    await thresholds.fill('10, 40');
    await thresholds.press('Tab');
    await expect.poll(async () => (await saved()).general.notifications.thresholds).toEqual([40, 10]);
    await expect.poll(() => page.locator('#thresholds-error').count()).toBe(0);
    await expect.poll(() => thresholds.inputValue()).toBe('40, 10');

    await page.getByRole('switch', { name: 'When a limit is used up' }).click();
    await expect.poll(async () => (await saved()).general.notifications.depleted).toBe(false);
    expect(pageProblems(page)).toEqual([]);
  });

  test('a change made elsewhere (another window, the CLI) shows up live', async () => {
    const page = await openSettings('#general');
    await preview!.backend.invoke.updateSettings({ general: { launchAtLogin: true } });
    await expect.poll(() => page.getByRole('switch', { name: 'Launch at login' }).isChecked()).toBe(true);
  });

  test('the language setting switches the window to Simplified Chinese', async () => {
    const page = await openSettings('#general');
    await page.getByLabel('Language').focus();
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.locator('#tab-general').innerText()).toBe('通用');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('switch', { name: '登录时启动' }).count()).toBe(1);
    expect(await page.locator('#language').evaluate((el) => el === document.activeElement)).toBe(true);
  });

  test('clearing history asks first', async () => {
    const page = await openSettings('#general');
    await preview!.backend.invoke.refresh(undefined);
    expect((await preview!.backend.invoke.getHistory({ days: 1 })).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await preview!.backend.invoke.getHistory({ days: 1 })).length).toBe(0);
    await expect.poll(() => page.locator('#live').innerText()).toBe('History cleared');
  });

  test('tabs work by keyboard', async () => {
    const page = await openSettings('#general');
    await page.locator('#tab-general').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-kimi').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-kimi');
    await page.getByRole('switch', { name: 'Show Kimi usage' }).waitFor();
  });
});

describe('settings → Providers → Kimi', () => {
  test('the API key goes in, only "set / not set" comes out', async () => {
    const page = await openSettings();
    await page.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await secrets()).apiKey).toBe('not-set');
    await page.locator('#api-key-help').filter({ hasText: 'Not set' }).waitFor();

    await page.getByLabel('API key', { exact: true }).fill('has a space');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.locator('#api-key-error').filter({ hasText: 'does not look like an API key' }).waitFor();

    await page.getByLabel('API key', { exact: true }).fill('sk-kimi-e2e-abcdef');
    await page.getByLabel('API key', { exact: true }).press('Enter');
    await expect.poll(async () => (await secrets()).apiKey).toBe('set');
    await page.locator('#api-key-help').filter({ hasText: 'Saved in the keychain' }).waitFor();
    await expect.poll(() => page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain('sk-kimi-e2e-abcdef');
  });

  test('Manual cookie source shows the token field; a pasted cURL command is accepted with its expiry and warning', async () => {
    const page = await openSettings();
    expect(await page.locator('#auth-token').count()).toBe(0);
    await page.getByRole('radio', { name: /Manual/ }).check();
    await expect.poll(async () => (await saved()).kimi.cookieSource).toBe('manual');
    const exp = Math.floor(Date.now() / 1000) + 20 * 60;
    const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.c2ln`;
    await page.getByLabel('Auth token').fill(`curl 'https://www.kimi.com/apiv2/x' -H 'Cookie: a=b; kimi-auth=${token}'`);
    await page.locator('#auth-token-save').click();
    const help = page.locator('#auth-token-help');
    await help.filter({ hasText: /Token saved · Expires in (19|20)m/ }).waitFor();
    await expect.poll(() => help.innerText()).toContain('Tokens like this last under an hour');
    expect((await secrets()).manualToken.state).toBe('set');
    expect(await page.content()).not.toContain(token);

    await page.getByLabel('Auth token').fill('not a token');
    await page.locator('#auth-token-save').click();
    await page.locator('#auth-token-error').filter({ hasText: 'Kimi auth token is invalid or expired' }).waitFor();
  });

  test('device login shows the code, waits, then shows the signed-in state', async () => {
    const page = await openSettings();
    await page.getByRole('button', { name: 'Sign in with Kimi Code…' }).click();
    const code = page.locator('#device-code');
    await code.waitFor();
    expect(await code.innerText()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByText('Signed in with Kimi Code').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByText('Not signed in', { exact: true }).waitFor();
  });

  test('an insecure API base URL is refused at the field and not saved', async () => {
    const page = await openSettings();
    const field = page.getByLabel('API base URL');
    await field.fill('http://proxy.example');
    await field.press('Enter');
    await page.locator('#api-base-url-error').filter({ hasText: 'must use HTTPS' }).waitFor();
    expect(await field.inputValue()).toBe('http://proxy.example');
    expect((await saved()).kimi.apiBaseUrl).toBeNull();
  });

  test('usage source and per-browser import status', async () => {
    const page = await openSettings();
    await page.getByText('Auto used: Kimi Code API key').waitFor();
    await page.getByLabel('Usage source').selectOption('web');
    await expect.poll(async () => (await saved()).kimi.usageSource).toBe('web');
    await page.locator('#kimi-import').getByText('Needs Full Disk Access').waitFor();
    await page.getByRole('button', { name: 'Grant Full Disk Access…' }).click();
    await expect.poll(() => preview!.opened).toEqual(['x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles']);
    expect(pageProblems(page)).toEqual([]);
  });

  test('renders in Simplified Chinese', async () => {
    const page = await openSettings('', 'zh-CN');
    expect(await page.locator('#tab-kimi').innerText()).toBe('服务');
    await page.getByRole('switch', { name: '显示 Kimi 用量' }).waitFor();
    await page.getByText('自动模式使用了：Kimi Code API 密钥').waitFor();
  });
});
