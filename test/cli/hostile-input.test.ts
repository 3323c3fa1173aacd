// `kimibar` against hostile settings files and hostile command lines, as a real child process
// with a real settings folder, a real keyring and a real HTTPS fake-kimi.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const API_KEY = 'sk-kimi-hostile-test-0123456789abcdef';
/** A pasted secret no redaction pattern recognises: only never echoing typed text hides it. */
const PASTED = 'Zq9xR7Lm2Kp4wT8vN3bYc6';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  kimi.on('usages', () => ({
    body: {
      usage: { limit: '100', used: '10', remaining: '90', resetTime: new Date(Date.now() + 86_400_000).toISOString() },
      limits: [],
    },
  }));
  sandbox = cliSandbox(kimi.url);
});

const stderrLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line !== '');

describe('a corrupt settings file is announced by every command, once', () => {
  it.each<[string, string[], NodeJS.ProcessEnv, number]>([
    ['config show', ['config', 'show'], {}, 0],
    ['config path', ['config', 'path'], {}, 0],
    ['config set', ['config', 'set', 'general.coloredIcon', 'true'], {}, 0],
    ['usage', ['usage'], { KIMI_CODE_API_KEY: API_KEY }, 0],
    ['status', ['status'], {}, 0],
    ['a failing command', ['usage', '--source', 'api'], {}, 3],
    ['a usage error', ['config', 'set', 'general.coloredIcon'], {}, 2],
  ])('%s', async (_name, args, env, code) => {
    mkdirSync(sandbox.configDir, { recursive: true });
    const settingsFile = join(sandbox.configDir, 'config.json');
    writeFileSync(settingsFile, '{corrupt');

    const result = await sandbox.run(args, { env });
    expect(result.code).toBe(code);
    const [backup, ...more] = readdirSync(sandbox.configDir).filter((name) => name.startsWith('config.json.bak-'));
    expect(more).toEqual([]);
    expect(backup).toBeDefined();
    expect(readFileSync(join(sandbox.configDir, backup!), 'utf8')).toBe('{corrupt');

    const warnings = stderrLines(result.stderr).filter((line) => line.includes('settings file'));
    expect(warnings).toEqual([`warning: The settings file was damaged (not valid JSON); it was moved to ${join(sandbox.configDir, backup!)} and defaults are used.`]);
    expect(result.stdout).not.toContain('moved to');
  });
});

describe('usage errors: one line, nothing secret repeated', () => {
  it.each<[string, string[]]>([
    ['a key where a flag belongs', ['config', 'set-api-key', PASTED]],
    ['a key as an unknown flag value', ['usage', `--token=${PASTED}`]],
    ['a key as an unknown flag value (separate)', ['usage', '--token', PASTED]],
    ['a key as a flag name', ['usage', `--${PASTED}`]],
    ['a key as a short flag cluster', ['usage', `-${PASTED}`]],
    ['a key as the command', [PASTED]],
    ['a key as a flag before the command', [`--api-key=${PASTED}`]],
    ['a key as a subcommand', ['config', PASTED]],
    ['a key as an extra argument', ['status', PASTED]],
    ['a key as a setting name', ['config', 'set', PASTED, 'x']],
    ['a key as a setting value', ['config', 'set', 'kimi.region', PASTED]],
    ['a key as an extra setting argument', ['config', 'set', 'kimi.region', 'kimi.ai', PASTED]],
    ['a key as a provider', ['config', 'set-api-key', '--provider', PASTED, '--stdin']],
    ['a value given to a boolean flag', ['config', 'set-api-key', `--stdin=${PASTED}`]],
    ['a key given to --source', ['usage', '--source', PASTED]],
    ['a key given to --days', ['history', '--days', PASTED]],
    ['guard without its flags', ['guard', PASTED]],
    ['history with two formats', ['history', '--csv', '--json']],
    ['a missing flag value', ['config', 'set-api-key', '--api-key']],
  ])('%s', async (_name, args) => {
    const result = await sandbox.run(args);
    expect(result.code).toBe(2);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^Usage error: /);
    for (const part of [PASTED, PASTED.slice(0, 8), PASTED.slice(-8)]) expect(result.stderr).not.toContain(part);
    expect(result.stdout).toBe('');
  });

  it('still names a mistyped command, option or subcommand that is a plain word', async () => {
    expect((await sandbox.run(['stauts'])).stderr).toBe("Usage error: unknown command 'stauts' (see kimibar --help)\n");
    expect((await sandbox.run(['usage', '--jsn=x'])).stderr).toMatch(/^Usage error: unknown option --jsn \(usage: kimibar usage .*\)\n$/);
    expect((await sandbox.run(['config', 'shw'])).stderr).toMatch(/^Usage error: unknown subcommand 'shw' \(usage: kimibar config .*\)\n$/);
  });

  it('a name inherited from Object is not a command', async () => {
    const result = await sandbox.run(['constructor']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("Usage error: unknown command 'constructor' (see kimibar --help)\n");
  });
});

describe('config set-api-key refuses what is not a key', () => {
  it.each<[string, string[], string | undefined]>([
    ['a NUL from stdin (it cut the stored key short)', ['config', 'set-api-key', '--stdin'], `${API_KEY.slice(0, 14)}\0${API_KEY.slice(14)}\n`],
    ['a control character from stdin', ['config', 'set-api-key', '--stdin'], `${API_KEY}\x1b[2J\n`],
    ['two lines from stdin', ['config', 'set-api-key', '--stdin'], `${API_KEY}\n${API_KEY}\n`],
    ['a control character on the command line', ['config', 'set-api-key', '--api-key', `${API_KEY}\x01`], undefined],
    ['non-ASCII on the command line', ['config', 'set-api-key', '--api-key', `${API_KEY}ß`], undefined],
  ])('%s', async (_name, args, stdin) => {
    const result = await sandbox.run(args, { stdin });
    expect(result.code).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      'Usage error: that is not a well-formed API key (it must be printable ASCII without spaces, quotes, commas, semicolons or backslashes, at most 4096 characters); nothing was saved',
    ]);
    expect(result.stdout).toBe('');
    expect((await sandbox.run(['config', 'show'])).stdout).toContain('api-key: not set');
  });

  it('a key with white space around it is trimmed and saved whole', async () => {
    const saved = await sandbox.run(['config', 'set-api-key', '--stdin'], { stdin: `  ${API_KEY}  \r\n` });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('sk-kimi-…cdef');
    await sandbox.run(['usage', '--source', 'api']);
    expect(kimi.requestsTo('usages')[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('a file where the settings folder should be', () => {
  it('config set and usage say which folder and what is wrong', async () => {
    writeFileSync(sandbox.configDir, 'in the way');
    const set = await sandbox.run(['config', 'set', 'general.coloredIcon', 'true']);
    expect(set.code).toBe(1);
    const problem = `KimiBar could not save its files: the folder ${sandbox.configDir} cannot be created: a file with that name is in the way (move or delete it)`;
    expect(stderrLines(set.stderr).at(-1)).toBe(problem);

    const usage = await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(usage.code).toBe(1);
    expect(stderrLines(usage.stderr).at(-1)).toBe(problem);
    for (const output of [set.stderr, usage.stderr]) expect(output).not.toMatch(/EEXIST|ENOTDIR|mkdir/);
    expect(readFileSync(sandbox.configDir, 'utf8')).toBe('in the way');
  });
});

describe('keys the CLI does not know survive its saves', () => {
  it('config set keeps a newer KimiBar’s and a hand-added key', async () => {
    mkdirSync(sandbox.configDir, { recursive: true });
    const settingsFile = join(sandbox.configDir, 'config.json');
    writeFileSync(settingsFile, JSON.stringify({ version: 1, myNote: 'hand-added', general: { futureToggle: true } }));
    expect((await sandbox.run(['config', 'set', 'general.menuBarText', 'weekly'])).code).toBe(0);
    expect((await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } })).code).toBe(0);
    const written: unknown = JSON.parse(readFileSync(settingsFile, 'utf8'));
    expect(written).toMatchObject({ myNote: 'hand-added', general: { futureToggle: true, menuBarText: 'weekly' }, accounts: [{ id: 'main', lastAutoSource: 'api-key' }] });
  });
});

describe('output into a pipe that closes early', () => {
  it('`kimibar config show | head -1` ends quietly', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/kimibar.js');
    const child = spawn(process.execPath, [bin, 'config', 'show'], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the first line is written, as `head` does after its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
