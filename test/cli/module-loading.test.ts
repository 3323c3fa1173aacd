// What the built `kimibar` loads for a command, seen from inside the real process (a preload
// records Node's built-ins and every native addon, ./record-loaded-modules.mjs): the CLI is
// started for every status-line refresh, so a command loads only what it uses.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { BIN, cliSandbox, runProcess, type CliResult, type CliSandbox } from './run-cli.js';

const RECORDER = pathToFileURL(join(import.meta.dirname, 'record-loaded-modules.mjs')).href;
const API_KEY = 'sk-kimi-module-loading-0123456789';

interface Loaded {
  readonly builtins: readonly string[];
  /** Packages under node_modules whose JavaScript was loaded. */
  readonly packages: readonly string[];
  readonly addons: readonly string[];
  /** Calls of Intl.DateTimeFormat#resolvedOptions, where the time zone is looked up. */
  readonly timeZoneLookups: number;
}

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  sandbox = cliSandbox(kimi.url, { KIMI_CODE_API_KEY: API_KEY });
});

/** Runs the built CLI under the recorder; returns its result and what it loaded. */
async function runRecorded(args: readonly string[]): Promise<{ result: CliResult; loaded: Loaded }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kimibar-loaded-')), 'loaded.json');
  const result = await runProcess(process.execPath, ['--import', RECORDER, BIN, ...args], { ...sandbox.env, KIMIBAR_TEST_LOADED_MODULES: file });
  return { result, loaded: JSON.parse(readFileSync(file, 'utf8')) as Loaded };
}

const addonNamed = (loaded: Loaded, name: string): boolean => loaded.addons.some((file) => file.includes(name));
/** keytar's JavaScript loads its addon at once: either shows that the keychain was loaded. */
const keytarLoaded = (loaded: Loaded): boolean => loaded.packages.includes('keytar') || addonNamed(loaded, 'keytar');
/** better-sqlite3's JavaScript is inside the CLI's bundle; its addon is loaded with the first database. */
const sqliteLoaded = (loaded: Loaded): boolean => addonNamed(loaded, 'better_sqlite3');

describe('kimibar usage --json with an API key', () => {
  it("asks Kimi over node:https: Node's fetch (undici, ~35 MiB) is never loaded", async () => {
    const { result, loaded } = await runRecorded(['usage', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(UsageSnapshotSchema.parse(JSON.parse(result.stdout)).source.kind).toBe('api-key');
    expect(kimi.requestsTo('usages')).toHaveLength(1);
    expect(loaded.builtins).toContain('https');
    expect(loaded.builtins.filter((name) => name.includes('undici'))).toEqual([]);
    // The recorder sees addons: history is kept by default, so SQLite is loaded here.
    expect(sqliteLoaded(loaded)).toBe(true);
    // Its addon is loaded by its path (core/sqlite.ts), not found by the `bindings` package,
    // which tries several folders with failing requires first; its JavaScript comes from the
    // bundle, not file by file from node_modules through the module loader.
    expect(loaded.packages).not.toContain('bindings');
    expect(loaded.packages).not.toContain('better-sqlite3');
    // child_process is for the tools that read a browser's cookie key, which an API key never needs.
    expect(loaded.builtins).not.toContain('child_process');
  });

  it('does not look up the time zone, which only the web source sends', async () => {
    const { result, loaded } = await runRecorded(['usage', '--json']);
    expect(result.code).toBe(0);
    expect(loaded.timeZoneLookups).toBe(0);
  });
});

describe('SQLite (better-sqlite3) is loaded only by what opens a database', () => {
  it('not by a refresh with history off', async () => {
    expect((await sandbox.run(['config', 'set', 'general.keepHistory', 'false'])).code).toBe(0);
    const { result, loaded } = await runRecorded(['usage', '--json']);
    expect(result.code).toBe(0);
    expect(UsageSnapshotSchema.parse(JSON.parse(result.stdout)).windows.length).toBeGreaterThan(0);
    expect(sqliteLoaded(loaded)).toBe(false);
  });

  it('not by config path', async () => {
    const { result, loaded } = await runRecorded(['config', 'path']);
    expect(result.code).toBe(0);
    expect(sqliteLoaded(loaded)).toBe(false);
  });

  it('by history, which reads it', async () => {
    const { result, loaded } = await runRecorded(['history', '--json']);
    expect(result.code).toBe(0);
    expect(sqliteLoaded(loaded)).toBe(true);
  });
});

describe('the keychain (keytar) is loaded only by what reads or writes a secret', () => {
  it('not by config path', async () => {
    const { result, loaded } = await runRecorded(['config', 'path']);
    expect(result.code).toBe(0);
    expect(keytarLoaded(loaded)).toBe(false);
  });

  it('not by usage --json with KIMI_CODE_API_KEY where there is no D-Bus session (SSH, containers, CI)', async () => {
    // No session bus, no X11 display to start one for, no $XDG_RUNTIME_DIR/bus: no keychain to ask.
    const env = { ...sandbox.env, DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined, XDG_RUNTIME_DIR: undefined };
    const file = join(mkdtempSync(join(tmpdir(), 'kimibar-loaded-')), 'loaded.json');
    const result = await runProcess(process.execPath, ['--import', RECORDER, BIN, 'usage', '--json'], { ...env, KIMIBAR_TEST_LOADED_MODULES: file });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(UsageSnapshotSchema.parse(JSON.parse(result.stdout)).source.kind).toBe('api-key');
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(keytarLoaded(JSON.parse(readFileSync(file, 'utf8')) as Loaded)).toBe(false);
  });

  it('by usage --json with KIMI_CODE_API_KEY where the keychain is reachable: a key saved there comes first', async () => {
    const { result, loaded } = await runRecorded(['usage', '--json']);
    expect(result.code).toBe(0);
    expect(keytarLoaded(loaded)).toBe(true);
  });
});

describe('kimibar statusline, started every second by status-line hosts', () => {
  it('writes its line without building a stream for stdout (a pipe here) and loads neither the code cache nor the whole CLI', async () => {
    expect((await sandbox.run(['usage', '--json'])).code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'kimibar-loaded-')), 'loaded.json');
    // As tmux or Waybar start it: stdout a pipe, nothing on stdin.
    const child = spawn(process.execPath, ['--import', RECORDER, BIN, 'statusline'], { env: { ...sandbox.env, KIMIBAR_TEST_LOADED_MODULES: file }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^K 5h \d+% · wk \d+%/);
    const loaded = JSON.parse(readFileSync(file, 'utf8')) as Loaded;
    // net: the socket process.stdout would be for a pipe; tty: asking whether it is a terminal;
    // zlib and vm: the code cache, which only the whole CLI needs.
    expect(loaded.builtins.filter((name) => ['net', 'tty', 'zlib', 'vm'].includes(name))).toEqual([]);
    expect(loaded.packages).toEqual([]);
  });
});
