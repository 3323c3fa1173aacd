// Two accounts never share one refresh-token chain or one Kimi user: a device login approved for
// a user another account already holds is refused, and nothing is saved. The rule itself, then
// the runtime over the real keyring (run through scripts/run-tests.mjs) with the device grant
// against a real HTTPS fake-kimi, then the app's own sign-in handlers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount, selectAccount } from '../../../src/main/core/accounts/manage.js';
import { refuseSharedChain } from '../../../src/main/core/accounts/token-chains.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { pollDeviceLogin, startDeviceLogin } from '../../../src/main/core/kimi/device-login.js';
import type { OAuthTokens } from '../../../src/main/core/kimi/token-manager.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createAppCore } from '../../../src/main/core/service/app-core.js';
import type { ShellPorts } from '../../../src/main/core/service/shell-ports.js';
import { createSecretStore, secretItemName } from '../../../src/main/core/settings/secrets.js';
import { dispatchInvoke, type IpcEvent } from '../../../src/shared/ipc.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

const SERVICE = `KimiBar-token-chains-test-${process.pid}`;
const inFifteenMinutes = (): number => Math.floor(Date.now() / 1000) + 900;

/** Tokens as Kimi issues them: JWTs naming the user (`user_id`, `sub`). */
function tokensOf(user: string, serial: number): OAuthTokens {
  return {
    accessToken: fakeJwt({ user_id: user, sub: user, typ: 'access', jti: `a${serial}`, exp: inFifteenMinutes() }),
    refreshToken: fakeJwt({ sub: user, typ: 'refresh', jti: `r${serial}` }),
    expiresAt: Date.now() + 900_000,
  };
}

function refusal(run: () => void): KimiError | null {
  try {
    run();
    return null;
  } catch (error) {
    return error as KimiError;
  }
}

describe('the rule', () => {
  const work = tokensOf('user-work', 1);

  it('refuses the same refresh token, naming the account that holds it and nothing secret', () => {
    const sameChain = { accessToken: 'opaque-new-access', refreshToken: work.refreshToken, expiresAt: Date.now() + 900_000 };
    const error = refusal(() => refuseSharedChain(sameChain, [{ accountName: 'Work', signIns: [work, null] }]));
    expect(error).toBeInstanceOf(KimiError);
    expect(error?.code).toBe('account-duplicate');
    expect(error?.message).toBe('This Kimi sign-in is already used by another account: Work');
    expect(error?.message).not.toContain(work.refreshToken!);
    expect(error?.exitCode).toBe(2);
  });

  it('refuses another chain of the same Kimi user (the same login approved twice)', () => {
    expect(refusal(() => refuseSharedChain(tokensOf('user-work', 2), [{ accountName: 'Work', signIns: [null, work] }]))?.code).toBe('account-duplicate');
  });

  it('knows the user by `sub` where a token has no `user_id` (the web session)', () => {
    const web = { accessToken: fakeJwt({ sub: 'user-work', exp: inFifteenMinutes() }), refreshToken: null, expiresAt: Date.now() + 900_000 };
    expect(refusal(() => refuseSharedChain(web, [{ accountName: 'Work', signIns: [work] }]))?.code).toBe('account-duplicate');
  });

  it('reads a numeric `user_id` as the same user as its text', () => {
    const numeric = { accessToken: fakeJwt({ user_id: 4242, exp: inFifteenMinutes() }), refreshToken: 'opaque-1', expiresAt: Date.now() + 900_000 };
    const text = { accessToken: fakeJwt({ sub: '4242', exp: inFifteenMinutes() }), refreshToken: 'opaque-2', expiresAt: Date.now() + 900_000 };
    expect(refusal(() => refuseSharedChain(numeric, [{ accountName: 'Work', signIns: [text] }]))?.code).toBe('account-duplicate');
  });

  it('refuses a session without a refresh token whose access token another account holds', () => {
    const cookie = { accessToken: 'opaque-kimi-auth', refreshToken: null, expiresAt: Date.now() + 900_000 };
    expect(refusal(() => refuseSharedChain(cookie, [{ accountName: 'Work', signIns: [cookie] }]))?.code).toBe('account-duplicate');
  });

  it('lets another user, or tokens that name nobody, through', () => {
    const opaque = { accessToken: 'opaque-a', refreshToken: 'opaque-r', expiresAt: Date.now() + 900_000 };
    const others = [{ accountName: 'Work', signIns: [work, opaque] }];
    expect(refusal(() => refuseSharedChain(tokensOf('user-home', 3), others))).toBeNull();
    expect(refusal(() => refuseSharedChain({ accessToken: 'opaque-b', refreshToken: 'opaque-s', expiresAt: 0 }, others))).toBeNull();
    expect(refusal(() => refuseSharedChain(work, []))).toBeNull();
  });
});

const kimi = useFakeKimi();
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-chains-'));
});
afterEach(async () => {
  for (const item of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, item.account);
});

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

async function openRuntime(): Promise<Runtime> {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url, KIMIBAR_KEYCHAIN_SERVICE: SERVICE },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ service: SERVICE }),
    cookies: noBrowsers,
  });
}

/** The next approval of a device login, as Kimi's token endpoint answers it: tokens for `user`. */
let serial = 100;
function nextApprovalAs(user: string): OAuthTokens {
  serial += 1;
  const issued = tokensOf(user, serial);
  kimi.script('token', { body: { access_token: issued.accessToken, refresh_token: issued.refreshToken, expires_in: 900, token_type: 'Bearer' } });
  return issued;
}

/** The device grant for one account, start to approval, then saved as `kimibar login` saves it. */
async function signInWithDevice(runtime: Runtime, account: string): Promise<void> {
  const target = runtime.account(account);
  const context = await target.deviceLoginContext();
  const start = await startDeviceLogin(context);
  const tokens = await pollDeviceLogin(context, start, { sleep: async () => {} });
  await target.saveSignIn('device-login', tokens);
}

describe('saving a sign-in for one of several accounts', () => {
  it('refuses the same device login for a second account and saves nothing for it', async () => {
    const runtime = await openRuntime();
    const work = addAccount(runtime, { name: 'Work' });
    const first = nextApprovalAs('user-1');
    await signInWithDevice(runtime, 'Kimi');

    nextApprovalAs('user-1');
    await expect(signInWithDevice(runtime, 'Work')).rejects.toMatchObject({ code: 'account-duplicate', message: 'This Kimi sign-in is already used by another account: Kimi' });
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'device-login'))).toBeNull();
    // The first account keeps exactly what it had.
    expect(await runtime.account('Kimi').deviceLogin.load()).toEqual(expect.objectContaining({ refreshToken: first.refreshToken }));

    // The same user's web session is refused for that account too.
    await expect(runtime.account('Work').saveSignIn('web-session', { ...tokensOf('user-1', 7), refreshToken: null })).rejects.toMatchObject({
      code: 'account-duplicate',
    });
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'web-session'))).toBeNull();
    runtime.close();
  });

  it('lets an account sign in again as its own user, and another account as another user', async () => {
    const runtime = await openRuntime();
    const work = addAccount(runtime, { name: 'Work' });
    nextApprovalAs('user-1');
    await signInWithDevice(runtime, 'Kimi');
    const again = nextApprovalAs('user-1');
    await signInWithDevice(runtime, 'Kimi');
    expect((await runtime.account('Kimi').deviceLogin.load())?.refreshToken).toBe(again.refreshToken);

    const other = nextApprovalAs('user-2');
    await signInWithDevice(runtime, 'Work');
    expect((await runtime.account('Work').deviceLogin.load())?.refreshToken).toBe(other.refreshToken);
    // In the keychain under that account's own item (what the refusals above find empty).
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'device-login'))).toContain(other.refreshToken!);
    runtime.close();
  });

  it('holds a disabled account’s sign-in against the others as well', async () => {
    const runtime = await openRuntime();
    addAccount(runtime, { name: 'Work' });
    nextApprovalAs('user-1');
    await signInWithDevice(runtime, 'Work');
    runtime.settings.update((draft) => void (draft.accounts[1]!.enabled = false));
    nextApprovalAs('user-1');
    await expect(signInWithDevice(runtime, 'Kimi')).rejects.toMatchObject({ code: 'account-duplicate', message: 'This Kimi sign-in is already used by another account: Work' });
    runtime.close();
  });

  it('lets only one of two accounts finishing the same sign-in at once keep it', async () => {
    const runtime = await openRuntime();
    addAccount(runtime, { name: 'Work' });
    const tokens = tokensOf('user-1', 1);
    const outcomes = await Promise.allSettled([
      runtime.account('Kimi').saveSignIn('device-login', tokens),
      runtime.account('Work').saveSignIn('device-login', tokens),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const kept = await Promise.all([runtime.account('Kimi').deviceLogin.load(), runtime.account('Work').deviceLogin.load()]);
    expect(kept.filter((saved) => saved !== null)).toHaveLength(1);
    runtime.close();
  });
});

describe('the app’s sign-in handlers', () => {
  async function appOver(runtime: Runtime, webSession: OAuthTokens) {
    const events: IpcEvent[] = [];
    const shell: ShellPorts = {
      openUrl: async () => {},
      openSettings: () => {},
      fitPopover: () => {},
      closePopover: () => {},
      quit: () => {},
      signInWeb: async () => webSession,
      notify: () => {},
      notifySettings: () => {},
      setLaunchAtLogin: () => {},
      showFile: () => {},
    };
    const core = createAppCore({ runtime, shell, timers: systemTimers });
    core.subscribe((event) => events.push(event));
    return { core, events, call: (channel: string, request?: unknown) => dispatchInvoke(core.invoke, channel, request) };
  }

  it('refuse the selected account a web sign-in or device login another account holds', async () => {
    const runtime = await openRuntime();
    const work = addAccount(runtime, { name: 'Work' });
    nextApprovalAs('user-1');
    await signInWithDevice(runtime, 'Kimi');
    selectAccount(runtime, 'Work');
    const app = await appOver(runtime, { ...tokensOf('user-1', 9), refreshToken: 'web-refresh-9' });

    expect(await app.call('signInWeb')).toMatchObject({ ok: false, error: { code: 'account-duplicate' } });
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'web-session'))).toBeNull();

    kimi.on('deviceAuthorization', { body: { user_code: 'DUPE-0001', device_code: 'dc', verification_uri: 'https://www.kimi.com/code/authorize_device', expires_in: 600, interval: 1 } });
    nextApprovalAs('user-1');
    expect(await app.call('startDeviceLogin')).toMatchObject({ ok: true, value: { userCode: 'DUPE-0001' } });
    await expect
      .poll(() => app.events.filter((event) => event.channel === 'deviceLogin').at(-1)?.payload, { timeout: 10_000 })
      .toMatchObject({ status: 'failed', error: { code: 'account-duplicate' } });
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'device-login'))).toBeNull();
    app.core.dispose();
    runtime.close();
  });
});
