// Local-stats figures: a synthetic Kimi Code sessions folder (1 GB across 2 000 sessions by
// default; BENCH_STATS_MB scales it) generated into a temporary folder, then
//   - the floor: reading the same bytes with `cat > /dev/null` (page cache warm for both),
//   - the first scan: time, MB/s, usage records found,
//   - an incremental rescan after 1 MB is appended across ten sessions,
//   - the process's RSS sampled through the scans (it should not grow with the data).
// Prints numbers; asserts nothing.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLocalStats, type ScanReport } from '../src/main/core/stats/index.js';

const TOTAL_MB = Number(process.env.BENCH_STATS_MB ?? 1024);
const SESSIONS = 2000;
const MB = 1024 * 1024;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T15:00:00Z');
const MODELS = ['kimi-for-coding', 'kimi-k2-turbo', 'kimi-k2-thinking'];

const root = mkdtempSync(join(tmpdir(), 'kimibar-bench-stats-'));
const codeHome = join(root, 'kimi-code');

/** Filler text like a model's answer or a file read by a tool (no quotes or backslashes). */
const PROSE = 'The history module keeps one row per refresh and collapses identical runs; ';
function text(bytes: number): string {
  return PROSE.repeat(Math.ceil(bytes / PROSE.length)).slice(0, bytes);
}

/** One step of a turn as Kimi Code logs it: the messages, the loop events, one usage record. */
function step(time: number, seed: number, bigResult: boolean): string {
  const model = MODELS[seed % MODELS.length] ?? 'kimi-for-coding';
  const usage = { inputOther: 800 + (seed % 900), output: 120 + (seed % 400), inputCacheRead: 9000 + (seed % 5000), inputCacheCreation: seed % 7 === 0 ? 2048 : 0 };
  const lines = [
    { type: 'context.append_message', message: { role: 'user', content: [{ type: 'text', text: text(600) }], toolCalls: [] }, time },
    { type: 'context.append_loop_event', event: { type: 'step.begin', uuid: `s${seed}`, turnId: `t${seed}`, step: 0 }, time: time + 1 },
    { type: 'context.append_loop_event', event: { type: 'content.part', uuid: `c${seed}`, turnId: `t${seed}`, step: 0, stepUuid: `s${seed}`, part: { type: 'text', text: text(bigResult ? 180_000 : 3_500) } }, time: time + 2 },
    { type: 'context.append_loop_event', event: { type: 'step.end', uuid: `s${seed}`, turnId: `t${seed}`, step: 0, usage, finishReason: 'end_turn' }, time: time + 3 },
    { type: 'usage.record', model, usage, usageScope: 'turn', time: time + 4 },
  ];
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

function generate(): { bytes: number; files: string[] } {
  const perSession = Math.max(16 * 1024, Math.floor((TOTAL_MB * MB) / SESSIONS));
  const files: string[] = [];
  let bytes = 0;
  for (let s = 0; s < SESSIONS; s += 1) {
    const bucket = `wd_project-${s % 40}_${(s % 40).toString(16).padStart(12, '0')}`;
    const dir = join(codeHome, 'sessions', bucket, `session_${s.toString().padStart(6, '0')}`, 'agents', 'main');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'wire.jsonl');
    const fd = openSync(file, 'w');
    let written = 0;
    let seed = s * 1000;
    let time = NOW - (s % 30) * DAY - 8 * 3_600_000;
    written += writeSync(fd, `${JSON.stringify({ type: 'metadata', protocol_version: '1.4', created_at: time })}\n`);
    while (written < perSession) {
      seed += 1;
      time += 20_000;
      written += writeSync(fd, step(time, seed, seed % 50 === 0));
    }
    closeSync(fd);
    files.push(file);
    bytes += written;
  }
  return { bytes, files };
}

function mb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/** Samples RSS while `run` works; returns its result, the time and the highest RSS seen. */
async function sampled<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  try {
    const result = await run();
    return { result, ms: performance.now() - start, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

function catFloor(): number {
  const start = performance.now();
  spawnSync('sh', ['-c', `find "${join(codeHome, 'sessions')}" -name wire.jsonl -print0 | xargs -0 cat > /dev/null`], { stdio: 'inherit' });
  return performance.now() - start;
}

try {
  console.log(`generating ${TOTAL_MB} MB across ${SESSIONS} sessions in ${root} …`);
  const generatedAt = performance.now();
  const { bytes, files } = generate();
  console.log(`  generated ${mb(bytes)} MB in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`);

  catFloor(); // warm the page cache the same way for both readings
  const catMs = catFloor();
  console.log(`cat > /dev/null (floor):     ${(catMs / 1000).toFixed(2)} s  ${(bytes / MB / (catMs / 1000)).toFixed(0)} MB/s`);

  const config = join(root, 'config');
  const stats = openLocalStats({ dir: config, env: { KIMI_CODE_HOME: codeHome, KIMI_SHARE_DIR: join(root, 'none') }, home: root, clock: { now: () => NOW }, timeZone: 'UTC' });
  const rssBefore = process.memoryUsage().rss;
  const first = await sampled(() => stats.scan());
  const report: ScanReport = first.result;
  console.log(
    `first scan:                  ${(first.ms / 1000).toFixed(2)} s  ${(report.bytesRead / MB / (first.ms / 1000)).toFixed(0)} MB/s  ` +
      `(${mb(report.bytesRead)} MB, ${report.files} files, ${report.records} usage records, ${report.longLines} long lines skipped)`,
  );
  console.log(`  ${(first.ms / catMs).toFixed(1)}× the cat floor`);

  // 1 MB appended across ten sessions: whole steps, as Kimi Code appends them.
  let appended = 0;
  for (let i = 0; i < 10; i += 1) {
    const file = files[(i * 197) % files.length] ?? files[0] ?? '';
    const fd = openSync(file, 'a');
    let seed = 10_000_000 + i * 1000;
    let part = 0;
    while (part < MB / 10) {
      seed += 1;
      part += writeSync(fd, step(NOW - 3_600_000 + seed, seed, false));
    }
    closeSync(fd);
    appended += part;
  }
  const again = await sampled(() => stats.scan());
  console.log(
    `incremental rescan (+${mb(appended)} MB): ${again.ms.toFixed(0)} ms  read ${mb(again.result.bytesRead)} MB in ${again.result.filesRead} files ` +
      `(of ${again.result.files}), ${again.result.records} new records`,
  );
  const idle = await sampled(() => stats.scan());
  console.log(`unchanged rescan:            ${idle.ms.toFixed(0)} ms  read ${idle.result.bytesRead} bytes`);

  const query = performance.now();
  const view = stats.view(30);
  console.log(`view(30) query:              ${(performance.now() - query).toFixed(1)} ms  (${view.byProject.length} projects, ${view.byModel.length} models)`);
  console.log(`RSS: before ${mb(rssBefore)} MB, peak in first scan ${mb(first.peakRss)} MB, peak in rescan ${mb(again.peakRss)} MB`);
  stats.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
