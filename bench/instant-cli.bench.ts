// How close the `kimibar` CLI comes to the floor, side by side in one run:
//   - `kimibar usage --json` against fake-kimi vs bench/minimal-usage-client.mjs (the same
//     HTTPS request in plain node:https, nothing else);
//   - `kimibar statusline` vs `node -e 0` (Node's own start-up), when the built CLI has it;
//   - the peak RSS of each, and the size of the CLI bundle.
// The two sides of a pair run alternately so that load on the machine hits both alike.
// Prints figures and whether each target is met; asserts nothing. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ensureTestCa, startFakeKimi } from '../test/fake-kimi/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// Bundled into dist/bench/ by scripts/bench.mjs: the project root is two levels up.
const ROOT = resolve(import.meta.dirname, '../..');
const KIMIBAR = join(ROOT, 'bin/kimibar.js');
const REPORT_RSS = pathToFileURL(join(ROOT, 'bench/report-max-rss.mjs')).href;
const MIB = 1024 * 1024;

const TARGETS = {
  usageVsMinimal: 1.5,
  usageVsMinimalStretch: 1.25,
  statuslineVsNode: 1.3,
  usagePeakRssMiB: 70,
} as const;

interface Run {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Runs `node …args` to completion and returns its stdout; the event loop stays free so fake-kimi can answer it. */
function node({ args, env }: Run, extraArgs: readonly string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...extraArgs, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(stdout) : fail(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

async function time(run: Run): Promise<number> {
  const start = performance.now();
  await node(run);
  return performance.now() - start;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Median wall time of each side, run alternately after one warm-up each. */
async function pair(a: Run, b: Run): Promise<[number, number]> {
  await time(a);
  await time(b);
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    timesA.push(await time(a));
    timesB.push(await time(b));
  }
  return [median(timesA), median(timesB)];
}

/** Peak resident set (MiB) and CPU time (ms) of a run, medians of 5: the process reports its own getrusage. */
async function resources(run: Run): Promise<{ rssMiB: number; cpuMs: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kimibar-bench-rss-')), 'usage.json');
  const rss: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    await node(run, ['--import', REPORT_RSS], { KIMIBAR_BENCH_RSS_FILE: file });
    const { maxRSS, cpuMicros } = JSON.parse(readFileSync(file, 'utf8')) as { maxRSS: number; cpuMicros: number };
    rss.push((maxRSS * 1024) / MIB); // maxRSS is in KiB
    cpu.push(cpuMicros / 1000);
  }
  return { rssMiB: median(rss), cpuMs: median(cpu) };
}

const verdict = (met: boolean): string => (met ? 'target met' : 'target missed');
const ms = (value: number): string => `${value.toFixed(1)} ms`.padStart(9);
const mib = (value: number): string => `${value.toFixed(1)} MiB`.padStart(9);

/** Each CLI bundle's size: `kimibar.js` (every command) and `statusline.js` (the line alone). */
function bundleSizes(): string {
  const dir = join(ROOT, 'dist/cli');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cjs') || f.endsWith('.js'))
    .map((f) => `${f} ${(statSync(join(dir, f)).size / 1024).toFixed(0)} KiB`)
    .join(', ');
}

const ca = ensureTestCa();
const kimi = await startFakeKimi({ ca });
const home = mkdtempSync(join(tmpdir(), 'kimibar-bench-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_CACHE_HOME: join(home, '.cache'),
  KIMIBAR_CONFIG_DIR: join(home, 'config'),
  KIMI_CODE_API_KEY: 'sk-kimi-bench-key',
  KIMI_CODE_BASE_URL: kimi.url,
  NODE_EXTRA_CA_CERTS: ca.caCertPath,
  NO_COLOR: '1',
};
const usage: Run = { args: [KIMIBAR, 'usage', '--json'], env };
const minimal: Run = { args: [join(ROOT, 'bench/minimal-usage-client.mjs'), `${kimi.url}/coding/v1/usages`], env };
const nodeOnly: Run = { args: ['-e', '0'], env };
const statusline: Run = { args: [KIMIBAR, 'statusline'], env };

try {
  console.log(`kimibar CLI vs the floor (Node ${process.version}), median of ${RUNS} alternating runs each`);
  const [usageMs, minimalMs] = await pair(usage, minimal);
  const usageRatio = usageMs / minimalMs;
  console.log(
    `usage --json ${ms(usageMs)}   minimal https client ${ms(minimalMs)}   ratio ${usageRatio.toFixed(2)}x` +
      `   (≤ ${TARGETS.usageVsMinimal}x: ${verdict(usageRatio <= TARGETS.usageVsMinimal)}; stretch ≤ ${TARGETS.usageVsMinimalStretch}x: ${verdict(usageRatio <= TARGETS.usageVsMinimalStretch)})`,
  );

  const [usageUse, minimalUse] = [await resources(usage), await resources(minimal)];
  console.log(`peak RSS: usage --json ${mib(usageUse.rssMiB)}   minimal https client ${mib(minimalUse.rssMiB)}   (usage ≤ ${TARGETS.usagePeakRssMiB} MiB: ${verdict(usageUse.rssMiB <= TARGETS.usagePeakRssMiB)})`);
  console.log(`CPU time: usage --json ${ms(usageUse.cpuMs)}   minimal https client ${ms(minimalUse.cpuMs)}   ratio ${(usageUse.cpuMs / minimalUse.cpuMs).toFixed(2)}x (load-independent; the targets are on wall time)`);

  const help = await node({ args: [KIMIBAR, '--help'], env });
  if (/^\s+kimibar statusline\b/m.test(help)) {
    // `usage` above has just refreshed, so the statusline reads a fresh snapshot.
    const [statuslineMs, nodeMs] = await pair(statusline, nodeOnly);
    const ratio = statuslineMs / nodeMs;
    console.log(`statusline   ${ms(statuslineMs)}   node -e 0 ${ms(nodeMs)}   ratio ${ratio.toFixed(2)}x   (≤ ${TARGETS.statuslineVsNode}x: ${verdict(ratio <= TARGETS.statuslineVsNode)})`);
    const [statuslineUse, nodeUse] = [await resources(statusline), await resources(nodeOnly)];
    console.log(`peak RSS: statusline ${mib(statuslineUse.rssMiB)}   node -e 0 ${mib(nodeUse.rssMiB)}`);
    console.log(`CPU time: statusline ${ms(statuslineUse.cpuMs)}   node -e 0 ${ms(nodeUse.cpuMs)}   ratio ${(statuslineUse.cpuMs / nodeUse.cpuMs).toFixed(2)}x`);
  } else {
    console.log('statusline: not built yet');
  }

  console.log(`CLI bundles (dist/cli/): ${bundleSizes()}`);
} finally {
  await kimi.close();
}
