// `kimibar` and the history file, as users hit them: many refreshes at once, and a history
// file that cannot be used. Real child processes, a real HTTPS fake-kimi, the built bundle.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openHistory } from '../../src/main/core/history/index.js';
import { OTHER, snapshotAt } from '../core/history/support.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const HOUR = 3_600_000;
const API_KEY = 'sk-kimi-cli-history-0123456789abcdef';
const withKey = { env: { KIMI_CODE_API_KEY: API_KEY } };

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  // The same numbers every time, with the reset a few ms apart: what repeated refreshes see.
  kimi.on('usages', () => {
    const now = Date.now();
    return {
      body: {
        usage: { limit: '2048', used: '214', remaining: '1834', resetTime: new Date(now + 96 * HOUR).toISOString() },
        limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', used: '139', remaining: '61', resetTime: new Date(now + 2 * HOUR).toISOString() } }],
      },
    };
  });
  sandbox = cliSandbox(kimi.url);
});

describe('kimibar usage and the history file', () => {
  it('twenty `kimibar usage` at once are twenty refreshes in the history', { timeout: 180_000 }, async () => {
    const runs = await Promise.all(Array.from({ length: 20 }, () => sandbox.run(['usage'], withKey)));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const history = await sandbox.run(['history', '--json']);
    expect(history.code).toBe(0);
    const rows = JSON.parse(history.stdout) as { window: string; count: number }[];
    for (const window of ['5h', 'weekly']) {
      expect(rows.filter((row) => row.window === window).reduce((sum, row) => sum + row.count, 0)).toBe(20);
    }
  });

  it('`kimibar history` lists the selected account\'s rows, not another account\'s', async () => {
    expect((await sandbox.run(['usage'], withKey)).code).toBe(0);
    const store = openHistory({ dir: sandbox.configDir, clock: { now: () => Date.now() } });
    store.record(snapshotAt(Date.now() - HOUR, [{ id: '5h', usedPercent: 3 }, { id: 'weekly', usedPercent: 4 }]), OTHER);
    store.close();
    const history = await sandbox.run(['history', '--json']);
    expect(history.code).toBe(0);
    const rows = JSON.parse(history.stdout) as { window: string; used: number | null; count: number }[];
    expect(rows.map((row) => [row.window, row.used, row.count])).toEqual([
      ['5h', 139, 1],
      ['weekly', 214, 1],
    ]);
  });

  it('a history file that cannot be used is one stderr line; the numbers still print', async () => {
    mkdirSync(join(sandbox.configDir, 'history.sqlite'), { recursive: true });
    const result = await sandbox.run(['usage'], withKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('139/200');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: The history file .*history\.sqlite cannot be used \(SQLITE_CANTOPEN\)/);
  });
});
