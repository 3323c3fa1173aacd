// `kimibar` with several Kimi accounts, as a user runs it: the built CLI as a child process, a
// real HTTPS fake-kimi that answers each account's API key with that account's numbers (it reads
// the Authorization header), a real keyring and a real settings file. Two accounts set up through
// the CLI itself (add, keys, select, rename, remove), ten set up in the file and the keyring,
// `usage --all` with failing accounts, an unknown `--account`, and `statusline --account`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecretStore, secretItemName } from '../../src/main/core/settings/secrets.js';
import { SnapshotCacheSchema, type SnapshotCache } from '../../src/main/core/status-line/snapshot-cache.js';
import { SettingsSchema } from '../../src/shared/settings.js';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { liveCodeApiUsage } from '../fake-kimi/defaults.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import type { RecordedRequest } from '../fake-kimi/index.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

/** Each account's key; fake-kimi answers it with a 5-hour window of `used` out of 200. */
const keyOf = (label: string): string => `sk-kimi-${label}-0123456789abcdef`;
const answers = new Map<string, number>();
/** Keys fake-kimi refuses, as Kimi does a revoked key. */
const refused = new Set<string>();

function answerFor(request: RecordedRequest): { status?: number; body: unknown } {
  const key = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
  if (refused.has(key)) return { status: 401, body: { code: 'unauthenticated', message: 'invalid key' } };
  const used = answers.get(key);
  if (used === undefined) return { status: 401, body: { code: 'unauthenticated' } };
  const usage = liveCodeApiUsage();
  const [fiveHour] = usage.limits;
  return { body: { ...usage, limits: [{ ...fiveHour!, detail: { ...fiveHour!.detail, used: String(used), remaining: String(200 - used) } }] } };
}

/** Which accounts' keys reached Kimi, in any order. */
function keysSent(): string[] {
  return kimi.requestsTo('usages').map((request) => request.headers.authorization?.replace(/^Bearer /, '') ?? '');
}

function fiveHourUsed(json: unknown): number | undefined {
  return UsageSnapshotSchema.parse(json).windows.find((window) => window.id === '5h')?.used ?? undefined;
}

async function keychain() {
  return createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
}

/** Accounts written straight into config.json, as `kimibar accounts` leaves them. */
function writeAccounts(accounts: { id: string; name: string; enabled?: boolean }[], selectedAccount = accounts[0]!.id): void {
  mkdirSync(sandbox.configDir, { recursive: true });
  writeFileSync(join(sandbox.configDir, 'config.json'), JSON.stringify(SettingsSchema.parse({ version: 2, accounts, selectedAccount }), null, 2));
}

beforeEach(() => {
  answers.clear();
  refused.clear();
  kimi.on('usages', answerFor);
  sandbox = cliSandbox(kimi.url);
});

describe('two accounts through kimibar accounts', () => {
  it('add, a key each, --account, select, rename and remove round-trip through the settings file and the keyring', async () => {
    answers.set(keyOf('home'), 20).set(keyOf('work'), 150);

    const first = await sandbox.run(['accounts']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout.split('\n').slice(0, 2)).toEqual(['   NAME  ID    SOURCE  ENABLED', '*  Kimi  main  auto    yes']);

    const added = await sandbox.run(['accounts', 'add', 'Work', '--source', 'api']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Added account Work \(id [a-z0-9]{10}, source api\)\.\n/);
    expect(added.stdout).toContain('kimibar config set-api-key --account Work');
    const listed = JSON.parse((await sandbox.run(['accounts', 'list', '--json'])).stdout) as { id: string; name: string; usageSource: string; enabled: boolean; selected: boolean }[];
    expect(listed.map(({ name, usageSource, enabled, selected }) => ({ name, usageSource, enabled, selected }))).toEqual([
      { name: 'Kimi', usageSource: 'auto', enabled: true, selected: true },
      { name: 'Work', usageSource: 'api', enabled: true, selected: false },
    ]);
    const workId = listed[1]!.id;

    // A key each: the selected account's without --account, Work's with it (any case of its name).
    expect(await sandbox.run(['config', 'set-api-key', '--stdin'], { stdin: keyOf('home') })).toMatchObject({ code: 0, stderr: '' });
    const savedWork = await sandbox.run(['config', 'set-api-key', '--account', 'work', '--stdin'], { stdin: keyOf('work') });
    expect(savedWork).toMatchObject({ code: 0, stderr: '' });
    expect(savedWork.stdout).toContain('(account Work)');
    const items = await keychain();
    expect(await items.get('api-key')).toBe(keyOf('home'));
    expect(await items.get(secretItemName(workId, 'api-key'))).toBe(keyOf('work'));

    const shown = await sandbox.run(['config', 'show']);
    expect(shown.stdout).toContain(`  Kimi (main):\n    api-key: sk-kimi-…cdef\n`);
    expect(shown.stdout).toContain(`  Work (${workId}):\n    api-key: sk-kimi-…cdef\n`);
    expect(shown.stdout).not.toContain(keyOf('work'));
    expect(await sandbox.run(['logout', '--account', 'Work'])).toMatchObject({ code: 0, stdout: 'Not signed in. (account Work)\n' });

    const home = await sandbox.run(['usage', '--json']);
    expect(home).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(home.stdout)).toMatchObject({ account: { id: 'main', name: 'Kimi' } });
    expect(fiveHourUsed(JSON.parse(home.stdout))).toBe(20);
    const work = await sandbox.run(['usage', '--account', 'Work', '--json']);
    expect(work).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(work.stdout)).toMatchObject({ account: { id: workId, name: 'Work' } });
    expect(fiveHourUsed(JSON.parse(work.stdout))).toBe(150);
    expect(keysSent()).toEqual([keyOf('home'), keyOf('work')]);

    // The human output is headed by the account's name.
    expect((await sandbox.run(['usage', '--account', workId])).stdout.split('\n')[0]).toBe('Work · Allegretto · Kimi Code API key');

    // A per-account setting goes to the account named, and to no other.
    expect(await sandbox.run(['config', 'set', 'kimi.region', 'kimi.ai', '--account', 'Work'])).toMatchObject({ code: 0, stdout: 'kimi.region = "kimi.ai" (account Work)\n' });
    const general = await sandbox.run(['config', 'set', 'general.keepHistory', 'false', '--account', 'Work']);
    expect(general.code).toBe(2);
    expect(general.stderr).toContain('general.keepHistory applies to every account');

    expect(await sandbox.run(['accounts', 'select', 'WORK'])).toMatchObject({ code: 0, stdout: 'Selected account Work.\n' });
    expect(fiveHourUsed(JSON.parse((await sandbox.run(['usage', '--json'])).stdout))).toBe(150);
    expect((await sandbox.run(['status'])).stdout.split('\n')[0]).toBe(`Account: Work (${workId})`);

    expect(await sandbox.run(['accounts', 'rename', 'Work', 'Job'])).toMatchObject({ code: 0, stdout: 'Renamed account Work to Job.\n' });
    expect(JSON.parse((await sandbox.run(['usage', '--account', 'job', '--json'])).stdout)).toMatchObject({ account: { id: workId, name: 'Job' } });
    const oldName = await sandbox.run(['usage', '--account', 'Work']);
    expect(oldName.code).toBe(2);
    expect(oldName.stderr.trim()).toBe('No Kimi account by that name: the accounts are "Kimi", "Job" (kimibar accounts)');

    const settings = SettingsSchema.parse(JSON.parse(readFileSync(join(sandbox.configDir, 'config.json'), 'utf8')));
    expect(settings.accounts.map(({ id, name, region }) => ({ id, name, region }))).toEqual([
      { id: 'main', name: 'Kimi', region: 'kimi.com' },
      { id: workId, name: 'Job', region: 'kimi.ai' },
    ]);

    expect(existsSync(join(sandbox.configDir, `last-snapshot.json@${workId}`))).toBe(true);
    expect(existsSync(join(sandbox.configDir, `statusline.txt@${workId}`))).toBe(true);
    const removed = await sandbox.run(['accounts', 'remove', 'Job']);
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    expect(removed.stdout).toContain(`Removed account Job (id ${workId}).\nDeleted from the system keychain: api-key@${workId}.\n`);
    expect(removed.stdout).toContain('Selected account Kimi.');
    expect(await items.get(secretItemName(workId, 'api-key'))).toBeNull();
    // Its status-line numbers went with it; the first account's stayed.
    expect(existsSync(join(sandbox.configDir, `last-snapshot.json@${workId}`))).toBe(false);
    expect(existsSync(join(sandbox.configDir, `statusline.txt@${workId}`))).toBe(false);
    expect(existsSync(join(sandbox.configDir, 'last-snapshot.json'))).toBe(true);
    expect(await items.get('api-key')).toBe(keyOf('home'));
    expect(JSON.parse((await sandbox.run(['accounts', '--json'])).stdout)).toEqual([{ id: 'main', name: 'Kimi', usageSource: 'auto', enabled: true, selected: true }]);

    const last = await sandbox.run(['accounts', 'remove', 'Kimi']);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('the only account cannot be removed');
    expect(await items.get('api-key')).toBe(keyOf('home'));
  });

  it('refuses a second account of the same name (case aside), a bad name and a bad source, and changes nothing', async () => {
    expect((await sandbox.run(['accounts', 'add', 'Work'])).code).toBe(0);
    const before = readFileSync(join(sandbox.configDir, 'config.json'), 'utf8');
    for (const args of [
      ['accounts', 'add', 'WORK'],
      ['accounts', 'add', 'Other', '--source', 'magic'],
      ['accounts', 'add', '-dash'],
      ['accounts', 'add'],
      ['accounts', 'rename', 'Work', 'kimi'],
      ['accounts', 'frobnicate'],
    ]) {
      const result = await sandbox.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
    expect(readFileSync(join(sandbox.configDir, 'config.json'), 'utf8')).toBe(before);
  });
});

describe('--account with a name no account has', () => {
  it('exits 2 naming the accounts there are, never repeating what was typed, on every command that takes it', async () => {
    writeAccounts([
      { id: 'main', name: 'Kimi' },
      { id: 'work', name: 'Work' },
    ]);
    // A key pasted after --account by mistake must not reach the screen.
    const typed = keyOf('pasted');
    for (const args of [
      ['usage'],
      ['guard', '--window', '5h', '--min-remaining', '10'],
      ['status'],
      ['logout'],
      ['diagnose', '--no-refresh'],
      ['config', 'set', 'kimi.usageSource', 'api'],
      ['statusline'],
      ['statusline', '--refresh'],
    ]) {
      const result = await sandbox.run([...args, '--account', typed]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim(), args.join(' ')).toBe('No Kimi account by that name: the accounts are "Kimi", "Work" (kimibar accounts)');
      expect(result.stdout + result.stderr).not.toContain(typed);
    }
    const keyAfterStdin = await sandbox.run(['config', 'set-api-key', '--stdin', '--account', 'nobody'], { stdin: keyOf('x') });
    expect(keyAfterStdin.code).toBe(2);
    expect(await (await keychain()).get('api-key')).toBeNull();
    expect(kimi.requestsTo('usages')).toHaveLength(0);
  });

  it('--account and --all together are a usage error', async () => {
    const result = await sandbox.run(['usage', '--all', '--account', 'Kimi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('choose one of --account and --all');
  });
});

describe('usage --all', () => {
  beforeEach(() => {
    writeAccounts([
      { id: 'main', name: 'Kimi' },
      { id: 'revoked', name: 'Old key' },
      { id: 'empty', name: 'Empty' },
      { id: 'work', name: 'Work' },
      { id: 'off', name: 'Off', enabled: false },
    ]);
  });

  async function saveKeys(): Promise<void> {
    const items = await keychain();
    answers.set(keyOf('main'), 20).set(keyOf('work'), 150).set(keyOf('off'), 1);
    refused.add(keyOf('revoked'));
    await items.set('api-key', keyOf('main'));
    await items.set(secretItemName('revoked', 'api-key'), keyOf('revoked'));
    await items.set(secretItemName('work', 'api-key'), keyOf('work'));
    await items.set(secretItemName('off', 'api-key'), keyOf('off'));
  }

  it('prints a block per enabled account; the failing ones say why in their block, the others still show; exit is the first failure’s', async () => {
    await saveKeys();
    const result = await sandbox.run(['usage', '--all']);
    // The first failing account in the list's order is "Old key", a refused key: exit 3 (auth).
    expect(result.code).toBe(3);
    const blocks = result.stdout.trimEnd().split('\n\n');
    expect(blocks.map((block) => block.split('\n')[0])).toEqual(['Kimi · Allegretto · Kimi Code API key', 'Old key', 'Empty', 'Work · Allegretto · Kimi Code API key']);
    expect(blocks[0]).toMatch(/5-hour\s+█+░+\s+90% left\s+Rate: 20\/200 per 5 hours/);
    expect(blocks[1]!.split('\n')[1]).toBe('Kimi Code API key is invalid or expired');
    expect(blocks[2]!.split('\n')[1]).toBe('Nothing is set up for this account yet: kimibar login --account Empty, or kimibar config set-api-key --account Empty');
    expect(blocks[3]).toMatch(/5-hour\s+█+░+\s+25% left\s+Rate: 150\/200 per 5 hours/);
    // A turned-off account is not asked.
    expect(keysSent().sort()).toEqual([keyOf('main'), keyOf('revoked'), keyOf('work')].sort());
    expect(result.stdout + result.stderr).not.toContain('sk-kimi-');
  });

  it('--json: an array in the list’s order, numbers with their account, a failure with its code and exit code', async () => {
    await saveKeys();
    const result = await sandbox.run(['usage', '--all', '--json']);
    expect(result.code).toBe(3);
    const entries = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(entries.map((entry) => entry.account)).toEqual([
      { id: 'main', name: 'Kimi' },
      { id: 'revoked', name: 'Old key' },
      { id: 'empty', name: 'Empty' },
      { id: 'work', name: 'Work' },
    ]);
    expect(fiveHourUsed(entries[0])).toBe(20);
    expect(entries[1]).toEqual({ account: { id: 'revoked', name: 'Old key' }, error: { code: 'api-key-invalid', message: 'Kimi Code API key is invalid or expired' }, exitCode: 3 });
    expect(entries[2]).toMatchObject({ error: { code: 'not-configured' }, exitCode: 6 });
    expect(fiveHourUsed(entries[3])).toBe(150);
  });

  it('with every account turned off: a usage error that says how to turn one on, and no request', async () => {
    writeAccounts([
      { id: 'main', name: 'Kimi', enabled: false },
      { id: 'work', name: 'Work', enabled: false },
    ]);
    const result = await sandbox.run(['usage', '--all']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('Usage error: every account is turned off (kimibar config set kimi.enabled true --account NAME)');
    expect(kimi.requestsTo('usages')).toHaveLength(0);
  });

  it('exits 0 when every enabled account answers', async () => {
    await saveKeys();
    writeAccounts([
      { id: 'main', name: 'Kimi' },
      { id: 'work', name: 'Work' },
    ]);
    const result = await sandbox.run(['usage', '--all', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(result.stdout) as unknown[]).map(fiveHourUsed)).toEqual([20, 150]);
  });
});

describe('ten accounts', () => {
  const ids = Array.from({ length: 10 }, (_, index) => (index === 0 ? 'main' : `acct${index}`));

  beforeEach(async () => {
    writeAccounts(ids.map((id, index) => ({ id, name: `Account ${index + 1}` })));
    const items = await keychain();
    for (const [index, id] of ids.entries()) {
      answers.set(keyOf(id), 10 * (index + 1));
      await items.set(secretItemName(id, 'api-key'), keyOf(id));
    }
  });

  it('usage --all asks each account once with its own key and prints each account’s own numbers', async () => {
    const result = await sandbox.run(['usage', '--all', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const entries = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(entries.map((entry) => entry.account)).toEqual(ids.map((id, index) => ({ id, name: `Account ${index + 1}` })));
    expect(entries.map(fiveHourUsed)).toEqual(ids.map((_, index) => 10 * (index + 1)));
    expect(keysSent().sort()).toEqual(ids.map(keyOf).sort());
    // Each account's refresh wrote its own status-line cache.
    for (const [index, id] of ids.entries()) {
      const file = join(sandbox.configDir, id === 'main' ? 'last-snapshot.json' : `last-snapshot.json@${id}`);
      const cache = SnapshotCacheSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      expect(cache.snapshot?.windows.find((window) => window.id === '5h')?.used).toBe(10 * (index + 1));
    }
  });

  it('--account picks the tenth by name, and guard answers for it alone', async () => {
    const tenth = await sandbox.run(['usage', '--account', 'account 10', '--json']);
    expect(JSON.parse(tenth.stdout)).toMatchObject({ account: { id: 'acct9', name: 'Account 10' } });
    expect(fiveHourUsed(JSON.parse(tenth.stdout))).toBe(100);
    // 100 of 200 used: 50 % left.
    expect(await sandbox.run(['guard', '--window', '5h', '--min-remaining', '50', '--account', 'Account 10'])).toMatchObject({ code: 0 });
    expect(await sandbox.run(['guard', '--window', '5h', '--min-remaining', '51', '--account', 'Account 10'])).toMatchObject({ code: 1 });
    expect(keysSent()).toEqual([keyOf('acct9'), keyOf('acct9'), keyOf('acct9')]);
  });
});

describe('statusline --account', () => {
  const HOUR = 3_600_000;

  function cache(at: number, fiveHourPercent: number): SnapshotCache {
    return {
      format: 'kimibar-snapshot-cache',
      version: 1,
      writtenBy: 'app',
      lastAttemptAt: new Date(at).toISOString(),
      snapshot: {
        source: { kind: 'api-key', label: 'Kimi Code API key' },
        plan: 'Allegretto',
        updatedAt: new Date(at).toISOString(),
        stale: false,
        windows: [{ id: '5h', title: '5-hour', usedPercent: fiveHourPercent, resetsAt: new Date(at + 2 * HOUR).toISOString(), windowMinutes: 300, pace: null }],
        parallelLimit: null,
        extraUsage: null,
        error: null,
      },
      error: null,
    };
  }

  const cachePath = (file: string) => join(sandbox.configDir, file);

  beforeEach(() => {
    writeAccounts(
      [
        { id: 'main', name: 'Kimi' },
        { id: 'work', name: 'Work' },
      ],
      'work',
    );
    writeFileSync(cachePath('last-snapshot.json'), JSON.stringify(cache(Date.now(), 10)));
    writeFileSync(cachePath('last-snapshot.json@work'), JSON.stringify(cache(Date.now(), 70)));
  });

  it('draws the selected account’s cache without --account, the named one’s with it; json names the account', async () => {
    expect((await sandbox.run(['statusline'])).stdout).toMatch(/^K 5h 30% · ↻ /);
    expect((await sandbox.run(['statusline', '--account', 'kimi'])).stdout).toMatch(/^K 5h 90% · ↻ /);
    expect((await sandbox.run(['statusline', '--account', 'main', '--template', '{account} {5h.left}'])).stdout).toBe('Kimi 90%\n');
    const json = JSON.parse((await sandbox.run(['statusline', '--account', 'Work', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ account: { id: 'work', name: 'Work' }, windows: [{ id: '5h', left: 30 }] });
    expect(kimi.requestsTo('usages')).toHaveLength(0);
  });

  it('old numbers of one account start one background refresh of that account, with its key, and leave the other’s cache alone', async () => {
    const items = await keychain();
    answers.set(keyOf('work'), 40).set(keyOf('main'), 180);
    await items.set('api-key', keyOf('main'));
    await items.set(secretItemName('work', 'api-key'), keyOf('work'));
    const then = Date.now() - HOUR;
    writeFileSync(cachePath('last-snapshot.json@work'), JSON.stringify(cache(then, 70)));
    const mainBefore = readFileSync(cachePath('last-snapshot.json'), 'utf8');

    expect((await sandbox.run(['statusline', '--account', 'Work'])).stdout).toMatch(/1h ago\n$/);
    await vi.waitFor(
      () => {
        const refreshed = SnapshotCacheSchema.parse(JSON.parse(readFileSync(cachePath('last-snapshot.json@work'), 'utf8')));
        expect(refreshed.lastAttemptAt).not.toBe(new Date(then).toISOString());
        expect(existsSync(cachePath('statusline-refresh.lock@work'))).toBe(false);
      },
      { timeout: 45_000, interval: 50 },
    );
    expect(keysSent()).toEqual([keyOf('work')]);
    expect((await sandbox.run(['statusline', '--account', 'Work'])).stdout).toMatch(/^K 5h 80% · wk 90% · ↻ (1h 59m|2h)\n$/);
    expect(readFileSync(cachePath('statusline.txt@work'), 'utf8')).toMatch(/^K 5h 80% /);
    expect(readFileSync(cachePath('last-snapshot.json'), 'utf8')).toBe(mainBefore);
    expect(existsSync(cachePath('statusline.txt'))).toBe(false);
  });
});
