// `kimibar statusline` as the hosts run it: the built CLI as a child process, in each format,
// fed Kimi Code's status-line JSON on stdin, with a stale cache (one background refresh against
// fake-kimi, waited for by watching the cache, never by sleeping), without a credential and with
// a damaged cache. Plus the CLI's refreshes writing the cache it reads.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotCacheSchema, type SnapshotCache } from '../../src/main/core/status-line/snapshot-cache.js';
import type { UsageSnapshot } from '../../src/shared/usage.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { BIN, cliSandbox, runProcess, type CliResult, type CliSandbox } from './run-cli.js';
import { liveCodeApiUsage } from '../fake-kimi/defaults.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const API_KEY = 'sk-kimi-statusline-test-0123456789abcdef';

const kimi = useFakeKimi();
let sandbox: CliSandbox;


/** A cached snapshot: 5-hour 38% used (62% left, ok), weekly 85% used (15% left, low). */
function snapshot(updatedAt: number): UsageSnapshot {
  return {
    source: { kind: 'api-key', label: 'Kimi Code API key' },
    plan: 'Allegretto',
    updatedAt: new Date(updatedAt).toISOString(),
    stale: false,
    windows: [
      { id: '5h', title: '5-hour', usedPercent: 38, resetsAt: new Date(updatedAt + 2 * HOUR + 13 * MINUTE - 30_000).toISOString(), windowMinutes: 300, pace: null },
      { id: 'weekly', title: 'Weekly', usedPercent: 85, resetsAt: new Date(updatedAt + 3 * 24 * HOUR).toISOString(), windowMinutes: 10080, pace: null },
    ],
    parallelLimit: null,
    extraUsage: null,
    error: null,
  };
}

function cacheFile(at: number, overrides: Partial<SnapshotCache> = {}): SnapshotCache {
  return { format: 'kimibar-snapshot-cache', version: 1, writtenBy: 'app', lastAttemptAt: new Date(at).toISOString(), snapshot: snapshot(at), error: null, ...overrides };
}

const cachePath = () => join(sandbox.configDir, 'last-snapshot.json');
const lockPath = () => join(sandbox.configDir, 'statusline-refresh.lock');

function writeCache(cache: SnapshotCache | string): void {
  mkdirSync(sandbox.configDir, { recursive: true });
  writeFileSync(cachePath(), typeof cache === 'string' ? cache : JSON.stringify(cache));
}

function readCache(): SnapshotCache {
  return SnapshotCacheSchema.parse(JSON.parse(readFileSync(cachePath(), 'utf8')));
}

/** Waits until the background refresh has written the cache and let go of its lock. */
async function refreshFinished(previousAttempt: string | null): Promise<SnapshotCache> {
  await vi.waitFor(
    () => {
      expect(existsSync(cachePath())).toBe(true);
      expect(readCache().lastAttemptAt).not.toBe(previousAttempt);
      expect(existsSync(lockPath())).toBe(false);
    },
    { timeout: 45_000, interval: 50 },
  );
  return readCache();
}

/** Waits until no background refresh holds the lock (each damaged cache below starts one). */
async function noRefreshRunning(): Promise<void> {
  await vi.waitFor(() => expect(existsSync(lockPath())).toBe(false), { timeout: 45_000, interval: 50 });
}

function expectOneLine(result: CliResult): string {
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith('\n')).toBe(true);
  const lines = result.stdout.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

beforeEach(() => {
  kimi.on('usages', () => ({ body: liveCodeApiUsage() }));
  sandbox = cliSandbox(kimi.url);
});

describe('kimibar statusline from a fresh cache', () => {
  beforeEach(() => writeCache(cacheFile(Date.now())));

  it('plain: one line with both windows and the countdown, and no refresh started', async () => {
    const result = await sandbox.run(['statusline']);
    expect(result.stderr).toBe('');
    expect(expectOneLine(result)).toBe('K 5h 62% · wk 15% · ↻ 2h 13m');
    expect(existsSync(lockPath())).toBe(false);
    expect(kimi.requestsTo('usages')).toHaveLength(0);
  });

  it('tmux: each window coloured by its level, the countdown plain', async () => {
    const line = expectOneLine(await sandbox.run(['statusline', '--format', 'tmux']));
    expect(line).toBe('K #[fg=green]5h 62%#[default] · #[fg=red]wk 15%#[default] · ↻ 2h 13m');
  });

  it('waybar: one JSON object with text, tooltip, class by level and percentage', async () => {
    const line = expectOneLine(await sandbox.run(['statusline', '--format', 'waybar']));
    const output = JSON.parse(line) as { text: string; tooltip: string; class: string[]; percentage: number };
    expect(output.text).toBe('K 5h 62% · wk 15% · ↻ 2h 13m');
    expect(output.class).toEqual(['ok']);
    expect(output.percentage).toBe(62);
    expect(output.tooltip.split('\n')).toEqual(['5-hour: 62% left · Resets in 2h 13m', 'Weekly: 15% left · Resets in 3d', 'Updated just now']);
  });

  it('waybar: the class follows the first window shown', async () => {
    const output = JSON.parse(expectOneLine(await sandbox.run(['statusline', '--format', 'waybar', '--window', 'weekly']))) as { class: string[]; percentage: number };
    expect(output.class).toEqual(['low']);
    expect(output.percentage).toBe(15);
  });

  it('json: the numbers for scripts', async () => {
    const output = JSON.parse(expectOneLine(await sandbox.run(['statusline', '--format', 'json']))) as Record<string, unknown>;
    expect(output).toMatchObject({
      text: 'K 5h 62% · wk 15% · ↻ 2h 13m',
      windows: [
        { id: '5h', left: 62, used: 38, level: 'ok' },
        { id: 'weekly', left: 15, used: 85, level: 'low' },
      ],
      plan: 'Allegretto',
      stale: false,
      error: null,
      hint: null,
    });
  });

  it('--window, --used and --template', async () => {
    expect(expectOneLine(await sandbox.run(['statusline', '--window', 'weekly']))).toBe('K wk 15% · ↻ 3d');
    expect(expectOneLine(await sandbox.run(['statusline', '--used']))).toBe('K 5h 38% · wk 85% · ↻ 2h 13m');
    const templated = await sandbox.run(['statusline', '--template', 'Kimi {5h.left} ({5h.reset}) | {weekly.used} used {weekly.level} [{plan}]']);
    expect(expectOneLine(templated)).toBe('Kimi 62% (2h 13m) | 85% used low [Allegretto]');
  });

  it('a template with an unknown placeholder is a usage error naming it', async () => {
    const result = await sandbox.run(['statusline', '--template', '{5h.lfet}']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown placeholder \{5h\.lfet\}/);
  });

  it('works the same when Kimi Code runs it: sh -c, its status-line JSON on stdin, KIMI_CODE_STATUS_LINE=1', async () => {
    const payload = {
      model: 'kimi-for-coding',
      cwd: sandbox.home,
      gitBranch: 'main',
      permissionMode: 'default',
      planMode: false,
      contextUsage: 0.12,
      contextTokens: 15360,
      maxContextTokens: 131072,
      sessionId: 'session-1',
      version: '1.4.0',
    };
    const command = `'${process.execPath}' '${BIN}' statusline`;
    const result = await runProcess('sh', ['-c', command], { ...sandbox.env, KIMI_CODE_STATUS_LINE: '1' }, JSON.stringify(payload));
    expect(result.stderr).toBe('');
    expect(expectOneLine(result)).toBe('K 5h 62% · wk 15% · ↻ 2h 13m');
  });

  it('does not wait for a stdin that stays open', async () => {
    const result = await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'statusline'], { env: sandbox.env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      // Half a payload, and the pipe is never closed.
      child.stdin.write('{"model":"kimi-for-coding",');
    });
    expect(expectOneLine(result)).toBe('K 5h 62% · wk 15% · ↻ 2h 13m');
  });
});

describe('kimibar statusline with old numbers', () => {
  it('shows their age and starts exactly one background refresh, however many status lines ask', async () => {
    const then = Date.now() - HOUR;
    writeCache(cacheFile(then));
    const env = { KIMI_CODE_API_KEY: API_KEY };
    const runs = await Promise.all([1, 2, 3, 4].map(() => sandbox.run(['statusline'], { env })));
    for (const run of runs) expect(expectOneLine(run)).toMatch(/^K 5h 62% · wk 15% · ↻ 1h 1[23]m · 1h ago$/);

    const refreshed = await refreshFinished(new Date(then).toISOString());
    expect(kimi.requestsTo('usages')).toHaveLength(1);
    expect(refreshed.writtenBy).toBe('cli');
    expect(refreshed.error).toBeNull();
    expect(refreshed.snapshot?.windows.map((w) => [w.id, w.usedPercent])).toEqual([
      ['5h', 69.5],
      ['weekly', 10.44921875],
    ]);
    // The next call draws the new numbers, current: no age, no further refresh.
    expect(expectOneLine(await sandbox.run(['statusline'], { env }))).toMatch(/^K 5h 31% · wk 90% · ↻ (1h 59m|2h)$/);
    expect(readFileSync(join(sandbox.configDir, 'statusline.txt'), 'utf8')).toMatch(/^K 5h 31% · wk 90% · ↻ (1h 59m|2h)\n$/);
    expect(existsSync(lockPath())).toBe(false);
    expect(kimi.requestsTo('usages')).toHaveLength(1);
  });

  it('a lock held by a live refresh is respected; one left by a dead refresh is taken over', async () => {
    const then = Date.now() - HOUR;
    writeCache(cacheFile(then));
    writeFileSync(lockPath(), '{"pid":1}\n');
    const env = { KIMI_CODE_API_KEY: API_KEY };
    expect(expectOneLine(await sandbox.run(['statusline'], { env }))).toMatch(/1h ago$/);
    expect(readCache().lastAttemptAt).toBe(new Date(then).toISOString());
    expect(readFileSync(lockPath(), 'utf8')).toBe('{"pid":1}\n');

    // Older than any refresh runs: its owner died.
    const longAgo = new Date(Date.now() - 10 * MINUTE);
    utimesSync(lockPath(), longAgo, longAgo);
    expect(statSync(lockPath()).mtimeMs).toBeLessThan(Date.now() - 5 * MINUTE);
    expect(expectOneLine(await sandbox.run(['statusline'], { env }))).toMatch(/1h ago$/);
    await refreshFinished(new Date(then).toISOString());
    expect(kimi.requestsTo('usages')).toHaveLength(1);
  });

  it('a failed refresh keeps the numbers, records the error and marks the line', async () => {
    const then = Date.now() - HOUR;
    writeCache(cacheFile(then));
    kimi.on('usages', { status: 503, body: { error: 'unavailable' } });
    expect(expectOneLine(await sandbox.run(['statusline'], { env: { KIMI_CODE_API_KEY: API_KEY } }))).toMatch(/1h ago$/);
    const after = await refreshFinished(new Date(then).toISOString());
    expect(after.snapshot?.updatedAt).toBe(new Date(then).toISOString());
    expect(after.error?.code).toBe('http');
    expect(after.error?.message).toMatch(/HTTP 503/);
    expect(expectOneLine(await sandbox.run(['statusline']))).toMatch(/^K 5h 62% · wk 15% · ↻ 1h 1[23]m · 1h ago · !$/);
  });
});

describe('kimibar statusline without numbers', () => {
  it('without a credential: the first call starts a refresh, then the line says kimibar login', async () => {
    expect(expectOneLine(await sandbox.run(['statusline']))).toBe('K · no data yet');
    const after = await refreshFinished(null);
    expect(after.snapshot).toBeNull();
    expect(after.error?.code).toBe('not-configured');
    expect(expectOneLine(await sandbox.run(['statusline']))).toBe('K · kimibar login');
    const waybar = JSON.parse(expectOneLine(await sandbox.run(['statusline', '--format', 'waybar']))) as { class: string[]; tooltip: string };
    expect(waybar.class).toEqual(['signed-out']);
    expect(waybar.tooltip).toMatch(/run kimibar login$/);
    expect(kimi.requestsTo('usages')).toHaveLength(0);
  });

  it('a damaged cache is ignored with a note, and a refresh replaces it', async () => {
    writeCache('{"format":"kimibar-snapshot-cache",');
    const result = await sandbox.run(['statusline'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(expectOneLine(result)).toBe('K · no data yet');
    expect(result.stderr).toMatch(/^warning: the status-line cache .*last-snapshot\.json is ignored: not JSON; a refresh will replace it\n$/);
    const after = await refreshFinished(null);
    expect(after.snapshot?.windows).toHaveLength(2);
  });

  it('a cache of the wrong shape, too large, or not a file is ignored, never read to the end or waited on', async () => {
    writeCache(JSON.stringify({ ...cacheFile(Date.now()), snapshot: { plan: 'x' } }));
    let result = await sandbox.run(['statusline', '--format', 'tmux']);
    expect(expectOneLine(result)).toBe('K · #[dim]no data yet#[default]');
    expect(result.stderr).toMatch(/not in the expected shape/);
    await noRefreshRunning();

    writeCache(`${JSON.stringify(cacheFile(Date.now()))}${' '.repeat(300 * 1024)}`);
    result = await sandbox.run(['statusline']);
    expect(result.stderr).toMatch(/too large/);
    await noRefreshRunning();

    execFileSync('rm', ['-f', cachePath()]);
    execFileSync('mkfifo', [cachePath()]);
    result = await sandbox.run(['statusline']);
    expect(expectOneLine(result)).toBe('K · no data yet');
    expect(result.stderr).toMatch(/not a regular file/);
    // The refreshes these runs started (no credential: no request) are over before the next test.
    await noRefreshRunning();
  });
});

describe('the CLI keeps the cache', () => {
  it('kimibar usage writes the snapshot (no secret) and the line file; a failure keeps the numbers', async () => {
    const env = { KIMI_CODE_API_KEY: API_KEY };
    expect((await sandbox.run(['usage', '--json'], { env })).code).toBe(0);
    const text = readFileSync(cachePath(), 'utf8');
    expect(text).not.toContain(API_KEY);
    const cache = SnapshotCacheSchema.parse(JSON.parse(text));
    expect(cache).toMatchObject({ writtenBy: 'cli', error: null, snapshot: { source: { kind: 'api-key' } } });
    expect(statSync(cachePath()).mode & 0o777).toBe(0o600);
    const line = expectOneLine(await sandbox.run(['statusline']));
    expect(readFileSync(join(sandbox.configDir, 'statusline.txt'), 'utf8')).toBe(`${line}\n`);

    kimi.on('usages', { status: 500, body: {} });
    expect((await sandbox.run(['usage'], { env })).code).toBe(1);
    const failed = readCache();
    expect(failed.snapshot).toEqual(cache.snapshot);
    expect(failed.error).toEqual({ code: 'http', message: 'Kimi API error: HTTP 500' });
    expect(expectOneLine(await sandbox.run(['statusline']))).toMatch(/ · !$/);
  });
});
