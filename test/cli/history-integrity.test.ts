// A CLI command opens history.sqlite without SQLite's quick_check, which reads every page (the
// app checks the file when it opens it): damage only that check would find is left for the app.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openHistory } from '../../src/main/core/history/index.js';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { ACCOUNT, HOUR, T0, damageUnreadPage, manualClock, snapshotAt } from '../core/history/support.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  sandbox = cliSandbox(kimi.url, { KIMI_CODE_API_KEY: 'sk-kimi-history-integrity-0123456789' });
  mkdirSync(sandbox.configDir, { recursive: true });
  const store = openHistory({ dir: sandbox.configDir, clock: manualClock(T0) });
  store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 40, resetsAt: T0 + 5 * HOUR }]), ACCOUNT);
  store.close();
  damageUnreadPage(join(sandbox.configDir, HISTORY_FILE_NAME));
});

it('kimibar usage records into history without checking the whole file first', async () => {
  const result = await sandbox.run(['usage', '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  UsageSnapshotSchema.parse(JSON.parse(result.stdout));
  expect(readdirSync(sandbox.configDir).filter((name) => name.startsWith(`${HISTORY_FILE_NAME}.bak-`))).toEqual([]);

  const history = await sandbox.run(['history', '--json']);
  expect(history.code).toBe(0);
  expect((JSON.parse(history.stdout) as unknown[]).length).toBeGreaterThan(0);
});

it('a refresh that fails still says that a damaged history file was moved aside', async () => {
  // Not a database at all: SQLite refuses it on open, so it is moved aside whoever opens it.
  writeFileSync(join(sandbox.configDir, HISTORY_FILE_NAME), 'not a database, not even close '.repeat(200));
  kimi.on('usages', { body: '<html>oops</html>' });
  const result = await sandbox.run(['usage', '--json']);
  expect(result.code).toBe(5);
  expect(result.stdout).toBe('');
  const backups = readdirSync(sandbox.configDir).filter((name) => name.startsWith(`${HISTORY_FILE_NAME}.bak-`));
  expect(backups).toHaveLength(1);
  expect(result.stderr.trim().split('\n')).toEqual([
    `warning: The history file was damaged; it was moved to ${join(sandbox.configDir, backups[0]!)} and a new one was started.`,
    expect.stringMatching(/^Failed to parse Kimi usage data/),
  ]);
});
