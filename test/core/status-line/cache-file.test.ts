// The status line's reader of the snapshot cache (core/status-line/cache-file.ts), on real files:
// the times it draws countdowns and ages from must be real instants with a zone.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SNAPSHOT_CACHE_FILE, readLineCache } from '../../../src/main/core/status-line/cache-file.js';

function cacheWith(lastAttemptAt: string, resetsAt: string = '2026-12-02T13:00:00.000Z'): string {
  const configDir = join(mkdtempSync(join(tmpdir(), 'kimibar-cache-file-')), 'KimiBar');
  mkdirSync(configDir);
  const snapshot = { plan: 'Allegretto', updatedAt: '2026-12-02T08:00:00.000Z', windows: [{ id: '5h', usedPercent: 40, resetsAt }] };
  writeFileSync(join(configDir, SNAPSHOT_CACHE_FILE), JSON.stringify({ format: 'kimibar-snapshot-cache', version: 1, writtenBy: 'cli', lastAttemptAt, snapshot, error: null }));
  return configDir;
}

it('reads the instants KimiBar writes: UTC with milliseconds, or with an offset', () => {
  for (const time of ['2026-12-02T08:00:00.000Z', '2026-12-02T08:00:00Z', '2026-12-02T16:00:00+08:00', '2028-02-29T00:00:00.5-05:30']) {
    expect(readLineCache(cacheWith(time, time)).kind, time).toBe('ok');
  }
});

it('refuses a time that is not an instant: no zone, no seconds, a day or hour that does not exist, words', () => {
  for (const time of ['2026-12-02T08:00:00', '2026-12-02T08:00Z', '2026-02-30T00:00:00Z', '2027-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-12-02T24:00:00Z', '2026-12-02T08:00:00+24:00', 'yesterday', '']) {
    expect(readLineCache(cacheWith(time)).kind, `lastAttemptAt ${time}`).toBe('bad');
    expect(readLineCache(cacheWith('2026-12-02T08:00:00.000Z', time)).kind, `resetsAt ${time}`).toBe('bad');
  }
});
