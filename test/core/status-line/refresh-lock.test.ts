// Single flight across processes: the file system decides who creates the lock first; a lock
// whose refresh died is taken over once it is older than any refresh runs, by one taker only.
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFRESH_LOCK_STALE_MS, refreshLockPath, releaseRefreshLock, tryAcquireRefreshLock } from '../../../src/main/core/status-line/refresh-lock.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'kimibar-lock-')), 'KimiBar');

describe('the refresh lock', () => {
  it('one holder at a time; released, it can be taken again', () => {
    const dir = fresh();
    const now = Date.now();
    expect(tryAcquireRefreshLock(dir, now)).toBe(true);
    expect(JSON.parse(readFileSync(refreshLockPath(dir), 'utf8'))).toEqual({ pid: process.pid, at: new Date(now).toISOString() });
    expect(tryAcquireRefreshLock(dir, now)).toBe(false);
    expect(tryAcquireRefreshLock(dir, now + REFRESH_LOCK_STALE_MS - 1000)).toBe(false);
    releaseRefreshLock(dir);
    expect(existsSync(refreshLockPath(dir))).toBe(false);
    expect(tryAcquireRefreshLock(dir, now)).toBe(true);
  });

  it('each account has its own lock: one account refreshing never holds back another (the first keeps the old name)', () => {
    const dir = fresh();
    const now = Date.now();
    expect(refreshLockPath(dir, 'main')).toBe(refreshLockPath(dir));
    expect(refreshLockPath(dir, 'work')).toBe(join(dir, 'statusline-refresh.lock@work'));
    expect(tryAcquireRefreshLock(dir, now)).toBe(true);
    expect(tryAcquireRefreshLock(dir, now, 'work')).toBe(true);
    expect(tryAcquireRefreshLock(dir, now, 'work')).toBe(false);
    releaseRefreshLock(dir, 'work');
    expect(existsSync(refreshLockPath(dir, 'work'))).toBe(false);
    expect(existsSync(refreshLockPath(dir))).toBe(true);
  });

  it('a lock older than any refresh is taken over, once', () => {
    const dir = fresh();
    expect(tryAcquireRefreshLock(dir, Date.now())).toBe(true);
    const old = new Date(Date.now() - REFRESH_LOCK_STALE_MS - 60_000);
    utimesSync(refreshLockPath(dir), old, old);
    const now = Date.now();
    expect([tryAcquireRefreshLock(dir, now), tryAcquireRefreshLock(dir, now)]).toEqual([true, false]);
  });

  it('no folder can be made: no lock, no refresh, no throw', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kimibar-lock-'));
    writeFileSync(join(parent, 'KimiBar'), 'a file in the way');
    expect(tryAcquireRefreshLock(join(parent, 'KimiBar'), Date.now())).toBe(false);
    expect(() => releaseRefreshLock(join(parent, 'KimiBar'))).not.toThrow();
  });
});
