// The status line writes its line straight to file descriptor 1 (createLineOutput in
// src/main/cli/output.ts), not through process.stdout: what a host does with the other end of
// the pipe must still never turn into an error.
import { spawn } from 'node:child_process';
import { beforeEach, expect, it } from 'vitest';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { BIN, cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(async () => {
  sandbox = cliSandbox(kimi.url, { KIMI_CODE_API_KEY: 'sk-kimi-statusline-output-0123456789' });
  expect((await sandbox.run(['usage', '--json'])).code).toBe(0);
});

it('a host that closed its end of the pipe before the line came (EPIPE): exit 0, nothing on stderr', async () => {
  const child = spawn(process.execPath, [BIN, 'statusline'], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed now, long before the child (tens of milliseconds to start) writes its line.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});

it('writes the whole line, in one piece, to a pipe', async () => {
  const result = await sandbox.run(['statusline', '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith('\n')).toBe(true);
  expect(JSON.parse(result.stdout)).toMatchObject({ windows: expect.any(Array) as unknown });
});
