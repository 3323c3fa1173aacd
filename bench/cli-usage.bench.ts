// `kimibar usage --json` against fake-kimi, beside curl making the same HTTPS request: how
// much the CLI (Node start-up, settings, keychain probe, parsing, mapping) costs on top of the
// request itself. Prints figures; asserts nothing. Needs `npm run build` first (bench runs it).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureTestCa, startFakeKimi } from '../test/fake-kimi/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// Bundled into dist/bench/ by scripts/bench.mjs: the project root is two levels up.
const ROOT = resolve(import.meta.dirname, '../..');
const API_KEY = 'sk-kimi-bench-key';

async function timeRuns(label: string, run: () => Promise<void>): Promise<number[]> {
  await run(); // warm the page cache once
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  console.log(`${label.padEnd(24)} median ${median.toFixed(1)} ms   mean ${mean.toFixed(1)} ms   min ${sorted[0]?.toFixed(1)} ms   (${RUNS} runs)`);
  return sorted;
}

/** Runs a command to completion; the event loop stays free so fake-kimi can answer it. */
function exec(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} exited ${code}: ${stderr}`))));
  });
}

const ca = ensureTestCa();
const kimi = await startFakeKimi({ ca });
const home = mkdtempSync(join(tmpdir(), 'kimibar-bench-'));
const env = {
  ...process.env,
  HOME: home,
  KIMIBAR_CONFIG_DIR: join(home, 'config'),
  KIMI_CODE_API_KEY: API_KEY,
  KIMI_CODE_BASE_URL: kimi.url,
  NODE_EXTRA_CA_CERTS: ca.caCertPath,
  NO_COLOR: '1',
};

console.log(`kimibar usage --json vs curl, ${RUNS} runs each`);
const cli = await timeRuns('kimibar usage --json', () => exec(process.execPath, [join(ROOT, 'bin/kimibar.js'), 'usage', '--json'], env));
const curl = await timeRuns('curl (same request)', () =>
  exec('curl', ['-sS', '--fail', '-o', '/dev/null', '--cacert', ca.caCertPath, '-H', `Authorization: Bearer ${API_KEY}`, '-H', 'Accept: application/json', `${kimi.url}/coding/v1/usages`]),
);
const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)] ?? NaN;
console.log(`ratio (median kimibar / median curl): ${(median(cli) / median(curl)).toFixed(2)}x`);
await kimi.close();
