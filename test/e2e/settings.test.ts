// The settings window in Chromium against the real app core: every change round-trips through
// the app and lands in the settings file, secrets go into the real keyring and only ever come
// back as states, and device login runs against test/fake-kimi.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, test } from 'vitest';
import { DEVICE_USER_CODE, fakeJwt } from '../fake-kimi/index.js';
import type { Preview } from './harness.js';
import { API_KEY, keyringLookup, openPage, pageProblems, readSettingsFile, recordBridgeTraffic, usePreviewRig } from './harness.js';

const rig = usePreviewRig();
let preview: Preview | null = null;

async function openSettings(hash = '', locale?: string): Promise<Page> {
  preview = await rig.startPreview();
  const { page } = await openPage(rig.browser, `${preview.url}settings.html${hash}`, { width: 720, height: 900, locale });
  await page.locator('.group').first().waitFor();
  return page;
}

const invoke = () => preview!.app.core.invoke;
const saved = () => invoke().getSettings(undefined);
const secrets = () => invoke().getSecrets(undefined);
const keyring = (account: string) => keyringLookup(preview!.keyringService, account);

describe('settings → General', () => {
  test('switches, menus and the thresholds field round-trip through the app into the settings file', async () => {
    const page = await openSettings('#general');
    await page.getByRole('switch', { name: 'Show usage as used' }).click();
    await expect.poll(async () => (await saved()).general.showUsageAsUsed).toBe(true);
    await expect.poll(() => page.getByRole('switch', { name: 'Show usage as used' }).isChecked()).toBe(true);

    await page.getByLabel('Refresh cadence').selectOption('5m');
    await page.getByLabel('Menu-bar text').selectOption('countdown');
    // Both requests are in flight at once; each is a patch, so neither undoes the other.
    await expect.poll(async () => (await saved()).general.menuBarText).toBe('countdown');
    expect((await saved()).general.refreshCadence).toBe('5m');
    expect(readSettingsFile(preview!).general).toMatchObject({ showUsageAsUsed: true, refreshCadence: '5m', menuBarText: 'countdown' });

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
    await invoke().updateSettings({ general: { launchAtLogin: true } });
    await expect.poll(() => page.getByRole('switch', { name: 'Launch at login' }).isChecked()).toBe(true);
  });

  test('what is typed while such a change redraws the window is still checked and saved when the field is left', async () => {
    const page = await openSettings('#general');
    const thresholds = page.getByLabel('Thresholds (% left)');
    /** Types into the field, has the app change another setting, waits for the window to redraw. */
    const typeThenRedraw = async (text: string, launchAtLogin: boolean) => {
      await thresholds.fill(text);
      await thresholds.evaluate((field) => ((window as { typedInto?: Element }).typedInto = field));
      await invoke().updateSettings({ general: { launchAtLogin } });
      await expect.poll(() => page.evaluate(() => document.getElementById('thresholds') !== (window as { typedInto?: Element }).typedInto)).toBe(true);
      expect(await thresholds.inputValue()).toBe(text);
    };
    await typeThenRedraw('50, 120', true);
    await thresholds.press('Tab');
    await page.locator('#thresholds-error').waitFor();
    expect((await saved()).general.notifications.thresholds).toEqual([50, 20]);
    await typeThenRedraw('10, 40', false);
    await thresholds.press('Tab');
    await expect.poll(async () => (await saved()).general.notifications.thresholds).toEqual([40, 10]);
    await expect.poll(() => page.locator('#thresholds-error').count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });

  test('the language setting switches the window to Simplified Chinese', async () => {
    const page = await openSettings('#general');
    await page.getByLabel('Language').focus();
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.locator('#tab-general').innerText()).toBe('通用');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('switch', { name: '登录时启动' }).count()).toBe(1);
    expect(await page.locator('#language').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(readSettingsFile(preview!).general.language).toBe('zh-CN');
  });

  test('clearing history asks first, then empties the real database', async () => {
    const page = await openSettings('#general');
    await invoke().refresh(undefined);
    expect((await invoke().getHistory({ days: 1 })).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await invoke().getHistory({ days: 1 })).length).toBe(0);
    await expect.poll(() => page.locator('#live').innerText()).toBe('History cleared');
  });

  test('Save diagnostics writes a support bundle without the API key and says where', async () => {
    const page = await openSettings('#general');
    await page.getByRole('button', { name: 'Save diagnostics…' }).click();
    await expect.poll(() => page.locator('#live').textContent()).toMatch(/^Diagnostics saved to \S+kimibar-diagnostics-\S+\.json$/);
    const path = ((await page.locator('#live').textContent()) ?? '').replace('Diagnostics saved to ', '');
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ kind: 'kimibar-diagnostics', app: { surface: 'preview' } });
    expect(text).not.toContain(API_KEY);
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
  test('an API key entered goes into the real keyring; the renderer never receives it', async () => {
    const page = await openSettings();
    const popover = await openPage(rig.browser, `${preview!.url}popover.html`);
    await popover.page.locator('.card').first().waitFor();
    const traffic = await recordBridgeTraffic(page, preview!.url);
    // Removed while the popover's own refresh may still run: the change is not lost in it.

    await page.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await secrets()).apiKey).toBe('not-set');
    expect(keyring('api-key')).toBe('');
    await page.locator('#api-key-help').filter({ hasText: 'Not set' }).waitFor();
    // The last credential gone, nothing is set up: the popover welcomes again (no error banner).
    await popover.page.locator('#welcome').waitFor();
    expect(await popover.page.locator('#banner').isHidden()).toBe(true);

    await page.getByLabel('API key', { exact: true }).fill('has a space');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.locator('#api-key-error').filter({ hasText: 'does not look like an API key' }).waitFor();

    const key = 'sk-kimi-e2e-entered-9f8e7d6c5b4a';
    await page.getByLabel('API key', { exact: true }).fill(key);
    await page.getByLabel('API key', { exact: true }).press('Enter');
    await page.locator('#api-key-help').filter({ hasText: 'Saved in the keychain' }).waitFor();
    expect(keyring('api-key')).toBe(key);
    await expect.poll(() => page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    // The refresh it caused used the new key, and the popover saw the result.
    await expect.poll(() => preview!.kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
    await popover.page.locator('#welcome').waitFor({ state: 'detached' });
    await popover.page.locator('.card').first().waitFor();
    // Named in the help as the app masked it: its prefix and last four, never more.
    await page.locator('#api-key-help').filter({ hasText: 'Saved in the keychain (sk-kimi-…5b4a)' }).waitFor();

    traffic.stop();
    const seen = [traffic.text(), await page.content(), await popover.page.content()].join('\n');
    expect(traffic.text()).toContain('event: secrets');
    expect(traffic.text()).toContain('"apiKey":"set"');
    expect(traffic.text()).toContain('{"ok":true,"value":{"set":true,"masked":"sk-kimi-…5b4a"}}');
    expect(seen).not.toContain(key);
    expect(seen).not.toContain(API_KEY);
    expect(pageProblems(page)).toEqual([]);
  });

  test('Cookie source lands in the settings file; a pasted cURL command’s token goes to the keyring with its expiry and warning', async () => {
    const page = await openSettings();
    expect(await page.locator('#auth-token').count()).toBe(0);
    await page.getByRole('radio', { name: /Manual/ }).check();
    await expect.poll(() => readSettingsFile(preview!).accounts[0]!.cookieSource).toBe('manual');
    const exp = Math.floor(Date.now() / 1000) + 20 * 60;
    const token = fakeJwt({ sub: 'e2e', exp });
    await page.getByLabel('Auth token').fill(`curl 'https://www.kimi.com/apiv2/x' -H 'Cookie: a=b; kimi-auth=${token}'`);
    await page.locator('#auth-token-save').click();
    const help = page.locator('#auth-token-help');
    await help.filter({ hasText: /Token saved · Expires in (19|20)m/ }).waitFor();
    await expect.poll(() => help.innerText()).toContain('Tokens like this last under an hour');
    expect(keyring('manual-token')).toBe(token);
    expect((await secrets()).manualToken.state).toBe('set');
    expect(await page.content()).not.toContain(token);

    await page.getByLabel('Auth token').fill('not a token');
    await page.locator('#auth-token-save').click();
    await page.locator('#auth-token-error').filter({ hasText: 'Kimi auth token is invalid or expired' }).waitFor();

    await page.getByRole('radio', { name: /Off/ }).check();
    await expect.poll(() => readSettingsFile(preview!).accounts[0]!.cookieSource).toBe('off');
  });

  test('device login shows the server’s code, opens its page, ends signed in; sign-out forgets the tokens', async () => {
    const page = await openSettings();
    preview!.kimi.on('deviceAuthorization', {
      body: {
        user_code: DEVICE_USER_CODE,
        device_code: 'e2e-device-code',
        verification_uri: 'https://www.kimi.com/code/authorize_device',
        verification_uri_complete: `https://www.kimi.com/code/authorize_device?user_code=${DEVICE_USER_CODE}`,
        expires_in: 600,
        interval: 1,
      },
    });
    preview!.kimi.script('token', { status: 400, body: { error: 'authorization_pending' } });
    await page.getByRole('button', { name: 'Sign in with Kimi Code…' }).click();
    const code = page.locator('#device-code');
    await code.waitFor();
    expect(await code.innerText()).toBe(DEVICE_USER_CODE);
    expect(preview!.opened).toEqual([`https://www.kimi.com/code/authorize_device?user_code=${DEVICE_USER_CODE}`]);
    await page.getByText('Signed in with Kimi Code').waitFor({ timeout: 15_000 });
    expect(preview!.kimi.requestsTo('token').length).toBe(2);
    expect(keyring('device-login')).toContain('device-access-1');
    expect(await page.content()).not.toContain('device-access-1');

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByText('Not signed in', { exact: true }).waitFor();
    expect(keyring('device-login')).toBe('');
  });

  test('an insecure API base URL is refused at the field and not saved', async () => {
    const page = await openSettings();
    const field = page.getByLabel('API base URL');
    await field.fill('http://proxy.example');
    await field.press('Enter');
    await page.locator('#api-base-url-error').filter({ hasText: 'must use HTTPS' }).waitFor();
    expect(await field.inputValue()).toBe('http://proxy.example');
    expect((await saved()).accounts[0]!.apiBaseUrl).toBeNull();
    expect(readSettingsFile(preview!).accounts[0]!.apiBaseUrl ?? null).toBeNull();
  });

  test('usage source and per-browser import status from the real importer', async () => {
    const page = await openSettings();
    mkdirSync(join(preview!.home, '.config/chromium/Default'), { recursive: true });
    mkdirSync(join(preview!.home, '.config/google-chrome/Profile 1'), { recursive: true });
    await page.getByText('Auto used: Kimi Code API key').waitFor();
    await page.getByLabel('Usage source').selectOption('web');
    await expect.poll(() => readSettingsFile(preview!).accounts[0]!.usageSource).toBe('web');
    await page.getByRole('button', { name: 'Re-import cookies' }).click();
    const imports = page.locator('#kimi-import');
    await imports.getByText('Chromium').waitFor();
    await imports.getByText('Chrome', { exact: true }).waitFor();
    expect(await imports.getByText('Not found').count()).toBe(2);
    // Web mode has no cookie to use, and says so instead of falling back to the API key.
    await invoke().refresh(undefined);
    expect((await invoke().getState(undefined)).lastError?.code).toBe('no-cookies');
    expect(pageProblems(page)).toEqual([]);
  });

  test('renders in Simplified Chinese', async () => {
    const page = await openSettings('', 'zh-CN');
    expect(await page.locator('#tab-kimi').innerText()).toBe('服务');
    await page.getByRole('switch', { name: '显示 Kimi 用量' }).waitFor();
    await page.getByText('自动模式使用了：Kimi Code API 密钥').waitFor();
  });
});
