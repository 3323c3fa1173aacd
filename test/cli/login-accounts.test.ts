// `kimibar login` with several accounts: the same Kimi device login approved for a second account
// is refused (its refresh tokens rotate, so two accounts renewing one chain sign each other out),
// and nothing is saved for that account. The built CLI as a child process, a real HTTPS
// fake-kimi and a real keyring (scripts/run-tests.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, secretItemName } from '../../src/main/core/settings/secrets.js';
import { SettingsSchema } from '../../src/shared/settings.js';
import { fakeJwt } from '../fake-kimi/index.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  kimi.on('deviceAuthorization', {
    body: { user_code: 'TWIN-0001', device_code: 'dev-code', verification_uri: 'https://www.kimi.com/code/authorize_device', expires_in: 600, interval: 1 },
  });
  sandbox = cliSandbox(kimi.url);
});

let serial = 0;
/** The next device-grant approval, as Kimi's token endpoint answers it: JWTs naming `user`. */
function nextApprovalAs(user: string): string {
  serial += 1;
  const exp = Math.floor(Date.now() / 1000) + 900;
  const refreshToken = fakeJwt({ sub: user, typ: 'refresh', jti: `r${serial}` });
  kimi.script('token', {
    body: { access_token: fakeJwt({ user_id: user, sub: user, typ: 'access', jti: `a${serial}`, exp }), refresh_token: refreshToken, expires_in: 900, token_type: 'Bearer' },
  });
  return refreshToken;
}

/** Two accounts, "Kimi" (id main) and "Work", with `selected` chosen — as `kimibar accounts` leaves them. */
function writeAccounts(selected: 'main' | 'work'): void {
  mkdirSync(sandbox.configDir, { recursive: true });
  const settings = SettingsSchema.parse({
    version: 2,
    accounts: [
      { id: 'main', name: 'Kimi' },
      { id: 'work', name: 'Work' },
    ],
    selectedAccount: selected,
  });
  writeFileSync(join(sandbox.configDir, 'config.json'), JSON.stringify(settings, null, 2));
}

describe('kimibar login with two accounts', () => {
  it('refuses the same Kimi user for the second account, saves nothing for it, and takes another user', async () => {
    writeAccounts('main');
    const first = nextApprovalAs('user-1');
    expect(await sandbox.run(['login'])).toMatchObject({ code: 0, stderr: '' });

    writeAccounts('work');
    const refused = nextApprovalAs('user-1');
    const twice = await sandbox.run(['login']);
    expect(twice.code).toBe(2);
    expect(twice.stdout).not.toContain('Signed in');
    expect(twice.stderr.trim()).toBe('This Kimi sign-in is already used by another account: Kimi');
    expect(twice.stderr + twice.stdout).not.toContain(refused);

    const keychain = await createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
    expect(await keychain.get(secretItemName('work', 'device-login'))).toBeNull();
    expect(await keychain.get(secretItemName('main', 'device-login'))).toContain(first);

    const other = nextApprovalAs('user-2');
    const another = await sandbox.run(['login']);
    expect(another).toMatchObject({ code: 0, stderr: '' });
    expect(another.stdout).toContain('Signed in to Kimi.');
    expect(await keychain.get(secretItemName('work', 'device-login'))).toContain(other);
  });
});
