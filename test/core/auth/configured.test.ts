// "Which credential sources are configured" is decided once: `kimibar status`, the settings
// screen (secretsView) and the refresh must agree, and the first two must have no side effects.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runStatus } from '../../../src/main/cli/commands/status.js';
import type { Output } from '../../../src/main/cli/output.js';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { secretsView } from '../../../src/main/core/service/handlers.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

const kimi = useFakeKimi();
let home: string;
let browserImports: number;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-configured-'));
  browserImports = 0;
});

/** Counts browser imports: reading a browser's store may prompt for another app's keychain item. */
const countingBrowsers: CookieImporter = {
  importKimiAuth: async () => {
    browserImports += 1;
    return { found: null, reports: [] };
  },
};

async function runtimeWith(env: Record<string, string>): Promise<Runtime> {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_BASE_URL: kimi.url, KIMIBAR_WEB_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url, ...env },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: countingBrowsers,
  });
}

async function status(runtime: Runtime): Promise<string[]> {
  const lines: string[] = [];
  const out: Output = {
    color: false,
    line: (text = '') => void lines.push(text),
    json: () => undefined,
    warn: () => undefined,
    error: (text) => void lines.push(text),
    style: (_style, text) => text,
  };
  expect(await runStatus([], runtime, out)).toBe(0);
  return lines;
}

describe('configured credential sources', () => {
  it('a blank key or token is not set, for status, the settings screen and the refresh alike', async () => {
    const runtime = await runtimeWith({ KIMI_CODE_API_KEY: '   ', KIMI_AUTH_TOKEN: '\t' });
    runtime.settings.update((draft) => void (draft.accounts[0]!.cookieSource = 'manual'));
    await runtime.account().secrets.set('api-key', ' \n');
    await runtime.account().secrets.set('manual-token', '  ');

    const lines = await status(runtime);
    expect(lines[0]).toBe('Usage source: auto (would use: nothing — no credential found)');
    expect(lines).toContain('· API key            not set');
    expect(lines).toContain('· Web token          not set');

    expect(await secretsView(runtime)).toMatchObject({
      apiKey: 'not-set',
      environment: { apiKey: false, authToken: false },
      manualToken: { state: 'not-set', expiresAt: null },
    });

    await expect(runtime.account().fetchSnapshot()).rejects.toMatchObject({ code: 'not-configured' });
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });

  it('a key with spaces around it is set everywhere and sent without them', async () => {
    const runtime = await runtimeWith({ KIMI_CODE_API_KEY: '  sk-kimi-spaced-0123456789  ' });

    const lines = await status(runtime);
    expect(lines[0]).toBe('Usage source: auto (would use: API key)');
    expect(lines).toContain('✓ API key            from KIMI_CODE_API_KEY');
    expect(await secretsView(runtime)).toMatchObject({ apiKey: 'not-set', environment: { apiKey: true } });

    await runtime.account().fetchSnapshot();
    expect(kimi.requestsTo('usages')[0]?.headers.authorization).toBe('Bearer sk-kimi-spaced-0123456789');
    runtime.close();
  });

  it('the pasted token counts only with the manual cookie source', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const pasted = fakeJwt({ sub: 'pasted', exp });
    const runtime = await runtimeWith({});
    await runtime.account().secrets.set('manual-token', pasted);

    // Automatic: the pasted token waits; status promises a browser import without doing one.
    expect(await status(runtime)).toContain('· Web token          browser import when needed (kimibar cookies)');
    expect((await secretsView(runtime)).manualToken).toEqual({ state: 'set', expiresAt: new Date(exp * 1000).toISOString() });

    runtime.settings.update((draft) => void (draft.accounts[0]!.cookieSource = 'manual'));
    expect(await status(runtime)).toContain(`✓ Web token          pasted token (expires ${new Date(exp * 1000).toISOString()})`);
    const { credential } = await runtime.account().fetchSnapshot({ mode: 'web' });
    expect(credential).toMatchObject({ origin: 'manual', token: pasted });
    expect(browserImports).toBe(0);
    runtime.close();
  });

  it('status reads a sign-in without renewing it and never imports from a browser', async () => {
    const runtime = await runtimeWith({});
    // One minute left: a refresh would renew it first (a network call that rotates the token).
    await runtime.account().deviceLogin.save({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: Date.now() + 60_000 });

    const lines = await status(runtime);
    expect(lines[0]).toBe('Usage source: auto (would use: Kimi account)');
    expect(lines).toContain('✓ Kimi account       signed in');
    expect(await secretsView(runtime)).toMatchObject({ account: { signedIn: true }, webSession: { signedIn: false } });
    expect(kimi.requests).toEqual([]);
    expect(browserImports).toBe(0);
    runtime.close();
  });

  it('an unusable KIMI_AUTH_TOKEN is named in status and not offered as set', async () => {
    const value = `${fakeJwt({ sub: 'glued' })}; admin=1`;
    const runtime = await runtimeWith({ KIMI_AUTH_TOKEN: value });

    const lines = await status(runtime);
    expect(lines).toContain('· Web token          Kimi auth token is invalid or expired: no kimi-auth token found in KIMI_AUTH_TOKEN');
    expect(lines.join('\n')).not.toContain('admin');
    expect((await secretsView(runtime)).environment.authToken).toBe(false);
    runtime.close();
  });
});
