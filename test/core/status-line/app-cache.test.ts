// The app's side of the status-line cache: the controller hands each refresh's outcome to the
// real writer (a real folder) and redraws the line file on the tray tick it already has — no
// timer of its own, so an idle app still wakes at most once a minute.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../../../src/main/core/app/controller.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { readSnapshotCache } from '../../../src/main/core/status-line/snapshot-cache.js';
import { createSnapshotCacheWriter } from '../../../src/main/core/status-line/cache-writer.js';
import type { UsageSnapshot } from '../../../src/shared/usage.js';
import { MIN, T0, settings, snapshot, window } from '../app/fixtures.js';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function app(fetch: () => Promise<UsageSnapshot>) {
  const configDir = join(mkdtempSync(join(tmpdir(), 'kimibar-app-cache-')), 'KimiBar');
  const clock = { now: () => Date.now() };
  const controller = createController({
    fetchSnapshot: fetch,
    getSettings: () => settings({ refreshCadence: 'manual' }),
    clock,
    timers: systemTimers,
    notify: () => undefined,
    snapshotCache: createSnapshotCacheWriter({ configDir, writtenBy: 'app', clock }),
    onState: () => undefined,
  });
  return { controller, configDir, line: () => readFileSync(join(configDir, 'statusline.txt'), 'utf8'), cache: () => readSnapshotCache(configDir) };
}

describe('the app keeps the status-line cache', () => {
  it('caches a refresh, and the minute tick keeps the line file counting down', async () => {
    const resetAt = T0 + 2 * 60 * MIN + 30_000;
    const a = app(() => Promise.resolve(snapshot([window('5h', 38, resetAt)], Date.now())));
    a.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.cache()).toMatchObject({ kind: 'ok', cache: { writtenBy: 'app', error: null } });
    expect(a.line()).toBe('K 5h 62% · ↻ 2h 1m\n');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(a.line()).toBe('K 5h 62% · ↻ 2h\n');
    await vi.advanceTimersByTimeAsync(MIN);
    expect(a.line()).toBe('K 5h 62% · ↻ 1h 59m\n');
    // The tray tick is the only timer (manual cadence, popover closed).
    expect(vi.getTimerCount()).toBe(1);
    a.controller.stop();
  });

  it('a failed refresh keeps the cached numbers beside its error; a cancelled one records nothing', async () => {
    let next: () => Promise<UsageSnapshot> = () => Promise.resolve(snapshot([window('5h', 38)], Date.now()));
    const a = app(() => next());
    a.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    next = () => Promise.reject(new KimiError('cancelled'));
    await a.controller.refresh('manual');
    expect(a.cache()).toMatchObject({ kind: 'ok', cache: { error: null } });
    next = () => Promise.reject(new KimiError('http', { status: 502 }));
    await a.controller.refresh('manual');
    expect(a.cache()).toMatchObject({ kind: 'ok', cache: { error: { code: 'http', message: 'Kimi API error: HTTP 502' }, snapshot: { windows: [{ id: '5h', usedPercent: 38 }] } } });
    expect(a.line()).toBe('K 5h 62% · !\n');
    a.controller.stop();
  });
});
