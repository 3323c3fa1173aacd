// The one writer of the status-line cache, on a real folder: atomic and private, the error kept
// beside the numbers, nothing secret written, and never a reason for a refresh to fail.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { readSnapshotCache } from '../../../src/main/core/status-line/snapshot-cache.js';
import { createSnapshotCacheWriter } from '../../../src/main/core/status-line/cache-writer.js';
import { MIN, T0, snapshot, window } from '../app/fixtures.js';

function setup() {
  const configDir = join(mkdtempSync(join(tmpdir(), 'kimibar-cache-')), 'KimiBar');
  let now = T0;
  const clock = { now: () => now };
  return {
    configDir,
    writer: (writtenBy: 'app' | 'cli' = 'app') => createSnapshotCacheWriter({ configDir, writtenBy, clock }),
    at: (ms: number) => void (now = ms),
    read: () => readSnapshotCache(configDir),
    line: () => readFileSync(join(configDir, 'statusline.txt'), 'utf8'),
  };
}

describe('the snapshot cache writer', () => {
  it('writes the snapshot with its time and writer, private, whole, with the line file beside it', () => {
    const s = setup();
    s.writer('cli').recordSuccess({ ...snapshot([window('5h', 38, T0 + 2 * 60 * MIN)]), stale: true });
    const read = s.read();
    expect(read).toMatchObject({ kind: 'ok', cache: { writtenBy: 'cli', lastAttemptAt: new Date(T0).toISOString(), error: null, snapshot: { stale: false, plan: 'Moderato' } } });
    expect(statSync(join(s.configDir, 'last-snapshot.json')).mode & 0o777).toBe(0o600);
    expect(statSync(s.configDir).mode & 0o777).toBe(0o700);
    expect(s.line()).toBe('K 5h 62% · ↻ 2h\n');
    expect(readdirSync(s.configDir).sort()).toEqual(['last-snapshot.json', 'statusline.txt']);
  });

  it('a failure keeps the last numbers (even ones another process wrote) and records a redacted one-line error', () => {
    const s = setup();
    s.writer('cli').recordSuccess(snapshot([window('5h', 38)]));
    s.at(T0 + MIN);
    const app = s.writer('app');
    app.recordFailure(new KimiError('network', { detail: 'refused\nBearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl' }));
    const read = s.read();
    if (read.kind !== 'ok') throw new Error('no cache');
    expect(read.cache.snapshot?.windows[0]?.usedPercent).toBe(38);
    expect(read.cache.lastAttemptAt).toBe(new Date(T0 + MIN).toISOString());
    expect(read.cache.error).toEqual({ code: 'network', message: 'Kimi network error: refused Bearer [redacted]' });
    expect(readFileSync(join(s.configDir, 'last-snapshot.json'), 'utf8')).not.toMatch(/eyJ/);
    expect(s.line()).toBe('K 5h 62% · !\n');
  });

  it('a failure before any numbers, or over a damaged file, caches the error alone', () => {
    const s = setup();
    s.writer().recordFailure(new KimiError('not-signed-in'));
    expect(s.read()).toMatchObject({ kind: 'ok', cache: { snapshot: null, error: { code: 'not-signed-in' } } });
    expect(s.line()).toBe('K · kimibar login\n');
    writeFileSync(join(s.configDir, 'last-snapshot.json'), '{broken');
    s.writer().recordFailure(new KimiError('network'));
    expect(s.read()).toMatchObject({ kind: 'ok', cache: { snapshot: null, error: { code: 'network' } } });
  });

  it('the minute tick rewrites the line file only when its text changed', () => {
    const s = setup();
    const writer = s.writer();
    writer.recordSuccess(snapshot([window('5h', 38, T0 + 2 * 60 * MIN)]));
    const path = join(s.configDir, 'statusline.txt');
    const first = statSync(path).ino;
    s.at(T0 + 20_000);
    writer.refreshLine();
    expect(statSync(path).ino).toBe(first);
    s.at(T0 + MIN);
    writer.refreshLine();
    expect(s.line()).toBe('K 5h 62% · ↻ 1h 59m\n');
    expect(statSync(path).ino).not.toBe(first);
  });

  it('a folder it cannot write to costs the cache, never the refresh', () => {
    const s = setup();
    // A file where the folder should be: nothing can be written, as root too.
    writeFileSync(s.configDir, 'not a folder');
    expect(() => s.writer().recordSuccess(snapshot())).not.toThrow();
    expect(() => s.writer().recordFailure(new KimiError('network'))).not.toThrow();
    expect(() => s.writer().refreshLine()).not.toThrow();
    expect(readFileSync(s.configDir, 'utf8')).toBe('not a folder');
  });
});
