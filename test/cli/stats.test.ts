// `kimibar stats` as people run it: the built bundle in a child process, over a copy of the
// synthetic Kimi Code and kimi-cli homes (test/fixtures/kimi-code-sessions) moved to today, so
// the hand count of test/core/stats holds whatever day the test runs.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { copyFixturesForToday } from '../core/stats/support.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const DAY = 86_400_000;
const SESSION_A = 'session_0b6c7d2e-3f41-4a5b-9c8d-1e2f3a4b5c6d';
const SESSION_C = 'session_9a8b7c6d-5e4f-4321-8fed-cba987654321';

const kimi = useFakeKimi();
let sandbox: CliSandbox;
let codeHome: string;

beforeEach(() => {
  sandbox = cliSandbox(kimi.url);
  copyFixturesForToday(join(sandbox.home, 'homes'));
  codeHome = join(sandbox.home, 'homes', 'kimi-code');
  // A working directory with a comma and quotes, for the CSV.
  appendFileSync(join(codeHome, 'session_index.jsonl'), `${JSON.stringify({ sessionId: SESSION_C, sessionDir: 'x', workDir: '/home/dev/notes, "draft"' })}\n`);
});

function run(args: readonly string[]) {
  return sandbox.run(['stats', ...args], { env: { KIMI_CODE_HOME: codeHome, KIMI_SHARE_DIR: join(sandbox.home, 'homes', 'kimi') } });
}

describe('kimibar stats', () => {
  it('per model as JSON: the hand count', async () => {
    const result = await run(['--by', 'model', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { model: 'kimi-for-coding', input: 7400, output: 1500, cacheRead: 29000, cacheCreation: 100, requests: 5, total: 38000 },
      { model: 'kimi-k2-turbo', input: 2000, output: 500, cacheRead: 0, cacheCreation: 0, requests: 1, total: 2500 },
      { model: '', input: 250, output: 125, cacheRead: 500, cacheCreation: 30, requests: 2, total: 905 },
    ]);
  });

  it('per project as CSV, with a path that needs quoting', async () => {
    const result = await run(['--by', 'project', '--csv', '--days', '30']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'project,input,output,cache_read,cache_creation,requests,total',
        '/home/dev/kimibar,9300,1950,29000,100,5,40350',
        '/home/dev/legacy-app,250,125,500,30,2,905',
        '"/home/dev/notes, ""draft""",100,50,0,0,1,150',
        '',
      ].join('\r\n'),
    );
  });

  it('per day as a table (the default), today only', async () => {
    const result = await run(['--days', '1']);
    expect(result.code).toBe(0);
    const today = new Date(Math.floor(Date.now() / DAY) * DAY).toISOString().slice(0, 10);
    expect(result.stdout).toBe(
      [
        'Day         Input  Output  Cache read  Cache write  Requests   Total',
        `${today}  4,300   1,150      29,000          100         4  34,550`,
        '',
      ].join('\n'),
    );
  });

  it('per session, with each session’s project', async () => {
    const result = await run(['--by', 'session', '--json']);
    const rows = JSON.parse(result.stdout) as { session: string; project: string; total: number }[];
    expect(rows.find((row) => row.session === `kimi-code:${SESSION_A}`)).toMatchObject({ project: '/home/dev/kimibar', total: 27450 });
    expect(rows).toHaveLength(4);
  });

  it('refuses bad arguments with exit 2', async () => {
    for (const args of [['--days', '0'], ['--by', 'week'], ['--csv', '--json'], ['--days', 'many']]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('reads nothing when the setting is off', async () => {
    expect((await sandbox.run(['config', 'set', 'general.localStats', 'false'])).code).toBe(0);
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('local usage stats are off');
    // The history file may exist (settings are not in it), but holds no progress of any log.
    const file = join(sandbox.configDir, 'history.sqlite');
    let files = 0;
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      files = (db.prepare('SELECT COUNT(*) AS n FROM stats_files').get() as { n: number }).n;
      db.close();
    } catch {
      files = 0;
    }
    expect(files).toBe(0);
  });
});
