// A copy of the synthetic Kimi Code / kimi-cli homes in test/fixtures/kimi-code-sessions in a
// temporary folder (tests change the logs), and local stats opened over it with a pinned
// clock and time zone.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLocalStats, type LocalStats } from '../../../src/main/core/stats/index.js';
import type { Clock } from '../../../src/main/core/ports.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/kimi-code-sessions');
/** "Now" for the fixtures: 15:00 UTC on their last day. */
export const NOW = Date.parse('2026-11-26T15:00:00Z');

export const SESSION_A = 'session_0b6c7d2e-3f41-4a5b-9c8d-1e2f3a4b5c6d';
export const SESSION_B = 'session_5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716';
export const SESSION_C = 'session_9a8b7c6d-5e4f-4321-8fed-cba987654321';
export const SESSION_D = '3c9e1f2a-7b6d-4e5f-a1b2-c3d4e5f60718';
export const BUCKET_KIMIBAR = 'wd_kimibar_6a47719a321f';
export const BUCKET_NOTES = 'wd_notes_a4c307940488';
export const BUCKET_LEGACY = '1fd60d7b87b68bdce8c3844d496e2677';

export interface Homes {
  readonly root: string;
  readonly codeHome: string;
  readonly shareDir: string;
  readonly configDir: string;
  readonly env: Record<string, string>;
  /** The main agent's log of a Kimi Code session. */
  wire(bucket: string, session: string, agent?: string): string;
  remove(): void;
}

export function copyHomes(): Homes {
  const root = mkdtempSync(join(tmpdir(), 'kimibar-stats-'));
  cpSync(FIXTURES, join(root, 'homes'), { recursive: true });
  const codeHome = join(root, 'homes', 'kimi-code');
  const shareDir = join(root, 'homes', 'kimi');
  const configDir = join(root, 'config');
  mkdirSync(configDir);
  return {
    root,
    codeHome,
    shareDir,
    configDir,
    env: { KIMI_CODE_HOME: codeHome, KIMI_SHARE_DIR: shareDir },
    wire: (bucket, session, agent = 'main') => join(codeHome, 'sessions', bucket, session, 'agents', agent, 'wire.jsonl'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function fixedClock(now = NOW): Clock & { set(ms: number): void } {
  let at = now;
  return { now: () => at, set: (ms) => void (at = ms) };
}

export function openStats(homes: Homes, options: { clock?: Clock; maxLineBytes?: number; bufferBytes?: number } = {}): LocalStats {
  return openLocalStats({
    dir: homes.configDir,
    env: homes.env,
    home: join(homes.root, 'nobody'),
    clock: options.clock ?? fixedClock(),
    timeZone: 'UTC',
    maxLineBytes: options.maxLineBytes,
    bufferBytes: options.bufferBytes,
  });
}

/** Every file under `dir` with its size and modification time: proof nothing was written. */
export function treeSnapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const info = statSync(path, { throwIfNoEntry: false });
      out.push(`${path} ${info?.size ?? '-'} ${info?.mtimeMs ?? '-'}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** One Kimi Code usage record line, as Kimi Code writes it. */
export function usageLine(model: string, iso: string, input: number, output: number, cacheRead = 0, cacheCreation = 0): string {
  return `${JSON.stringify({ type: 'usage.record', model, usage: { inputOther: input, output, inputCacheRead: cacheRead, inputCacheCreation: cacheCreation }, usageScope: 'turn', time: Date.parse(iso) })}\n`;
}

const FIXTURE_TODAY = Date.parse('2026-11-26T00:00:00Z');
const DAY = 86_400_000;

/**
 * Copies the fixture homes to `dest` (`dest/kimi-code`, `dest/kimi`) with every time moved by
 * whole days so that their last day is today (UTC): the hand count then holds on any day the
 * built CLI or the app is run with the real clock.
 */
export function copyFixturesForToday(dest: string, nowMs = Date.now()): void {
  cpSync(FIXTURES, dest, { recursive: true });
  shiftTimes(dest, Math.floor(nowMs / DAY) * DAY - FIXTURE_TODAY);
}

function shiftTimes(dir: string, shiftMs: number): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      shiftTimes(path, shiftMs);
      continue;
    }
    const text = readFileSync(path, 'utf8')
      .replace(/"(time|created_at)":(\d{13})/g, (_, key: string, ms: string) => `"${key}":${Number(ms) + shiftMs}`)
      .replace(/"timestamp": ?(\d+\.\d+)/g, (_, s: string) => `"timestamp": ${(Number(s) + shiftMs / 1000).toFixed(6)}`)
      .replace(/"createdAt": "([^"]+)"/g, (_, iso: string) => `"createdAt": "${new Date(Date.parse(iso) + shiftMs).toISOString()}"`);
    writeFileSync(path, text);
  }
}
