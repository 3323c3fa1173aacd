// `kimibar history --account` and `kimibar accounts remove` with each account's own history: the
// built CLI, fake-kimi answering each account's key with its own numbers, the real keyring and
// a real history.sqlite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, secretItemName } from '../../src/main/core/settings/secrets.js';
import { SettingsSchema } from '../../src/shared/settings.js';
import { liveCodeApiUsage } from '../fake-kimi/defaults.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;
const KEYS = { main: 'sk-kimi-hist-main-0123456789abcdef', work: 'sk-kimi-hist-work-0123456789abcdef' } as const;

beforeEach(async () => {
  kimi.on('usages', (request) => {
    const used = request.headers.authorization === `Bearer ${KEYS.work}` ? 150 : 20;
    const usage = liveCodeApiUsage();
    const [fiveHour] = usage.limits;
    return { body: { ...usage, limits: [{ ...fiveHour!, detail: { ...fiveHour!.detail, used: String(used), remaining: String(200 - used) } }] } };
  });
  sandbox = cliSandbox(kimi.url);
  mkdirSync(sandbox.configDir, { recursive: true });
  const settings = SettingsSchema.parse({ version: 2, accounts: [{ id: 'main', name: 'Kimi' }, { id: 'work', name: 'Work' }] });
  writeFileSync(join(sandbox.configDir, 'config.json'), JSON.stringify(settings));
  const items = await createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
  await items.set('api-key', KEYS.main);
  await items.set(secretItemName('work', 'api-key'), KEYS.work);
});

const fiveHourUsed = async (args: string[]) =>
  (JSON.parse((await sandbox.run(['history', '--json', '--window', '5h', ...args])).stdout) as { used: number | null }[]).map((row) => row.used);

describe('history per account from the command line', () => {
  it('history --account lists that account\'s rows; remove deletes them and says how many', async () => {
    expect((await sandbox.run(['usage', '--all'])).code).toBe(0);
    expect(await fiveHourUsed([])).toEqual([20]);
    expect(await fiveHourUsed(['--account', 'work'])).toEqual([150]);
    const unknown = await sandbox.run(['history', '--account', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('No Kimi account by that name: the accounts are "Kimi", "Work" (kimibar accounts)');

    const removed = await sandbox.run(['accounts', 'remove', 'Work']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Deleted its usage history: 2 row(s).');
    expect(await fiveHourUsed([])).toEqual([20]);
  });
});
