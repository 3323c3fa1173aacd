import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { STORAGE_TOKENS_SCRIPT, browserUserAgent, captureWebSession } from '../../src/main/shell/web-session-capture.js';
import { fakeJwt } from '../fake-kimi/defaults.js';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const sec = (ms: number): number => ms / 1000;
const live = fakeJwt({ exp: sec(NOW + 3600_000), sub: 'user-1' });
const otherLive = fakeJwt({ exp: sec(NOW + 600_000), sub: 'user-1', kind: 'access' });
const expired = fakeJwt({ exp: sec(NOW - 60_000) });
const refresh = fakeJwt({ exp: sec(NOW + 90 * 86_400_000), typ: 'refresh' });

describe('captureWebSession', () => {
  it('keeps the kimi-auth cookie, with the refresh token from local storage when there is one', () => {
    expect(captureWebSession({ cookie: live, storage: { accessToken: otherLive, refreshToken: refresh }, now: NOW })).toEqual({
      accessToken: live,
      refreshToken: refresh,
      expiresAt: NOW + 3600_000,
    });
    expect(captureWebSession({ cookie: live, storage: null, now: NOW })).toEqual({ accessToken: live, refreshToken: null, expiresAt: NOW + 3600_000 });
  });

  it('falls back to the access token in local storage when no cookie is set', () => {
    expect(captureWebSession({ cookie: null, storage: { accessToken: otherLive, refreshToken: refresh }, now: NOW })).toEqual({
      accessToken: otherLive,
      refreshToken: refresh,
      expiresAt: NOW + 600_000,
    });
  });

  it('reads JSON-quoted values and trims white space', () => {
    const captured = captureWebSession({ cookie: null, storage: { accessToken: ` "${otherLive}" `, refreshToken: `"${refresh}"` }, now: NOW });
    expect(captured).toEqual({ accessToken: otherLive, refreshToken: refresh, expiresAt: NOW + 600_000 });
  });

  it('assumes a 15-minute life for a token without an expiry', () => {
    const noExp = fakeJwt({ sub: 'user-1' });
    expect(captureWebSession({ cookie: noExp, storage: null, now: NOW })?.expiresAt).toBe(NOW + 15 * 60_000);
  });

  it('keeps an expired access token only when a refresh token can renew it', () => {
    expect(captureWebSession({ cookie: expired, storage: null, now: NOW })).toBeNull();
    expect(captureWebSession({ cookie: expired, storage: { accessToken: null, refreshToken: refresh }, now: NOW })).toEqual({
      accessToken: expired,
      refreshToken: refresh,
      expiresAt: NOW - 60_000,
    });
    // An expired cookie does not hide a live token in local storage.
    expect(captureWebSession({ cookie: expired, storage: { accessToken: otherLive, refreshToken: null }, now: NOW })?.accessToken).toBe(otherLive);
  });

  it('is null while the user is not signed in', () => {
    expect(captureWebSession({ cookie: null, storage: null, now: NOW })).toBeNull();
    expect(captureWebSession({ cookie: null, storage: { accessToken: null, refreshToken: null }, now: NOW })).toBeNull();
    // A refresh token alone is not a session KimiBar can use yet.
    expect(captureWebSession({ cookie: null, storage: { accessToken: null, refreshToken: refresh }, now: NOW })).toBeNull();
  });

  it('ignores whatever else a page may hand back', () => {
    const hostile: unknown[] = [
      'a string',
      42,
      [live],
      { accessToken: 42, refreshToken: {} },
      { accessToken: 'not-a-jwt', refreshToken: refresh },
      { accessToken: `${live}\nX-Injected: 1`, refreshToken: null },
      { accessToken: 'eyJ'.padEnd(20_000, 'a') + '.b.c', refreshToken: null },
      { accessToken: live, refreshToken: 'with space' },
    ];
    const results = hostile.map((storage) => captureWebSession({ cookie: 'garbage value', storage, now: NOW }));
    expect(results.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    // A bad refresh token is dropped, the good access token is kept.
    expect(results[7]).toEqual({ accessToken: live, refreshToken: null, expiresAt: NOW + 3600_000 });
  });
});

describe('STORAGE_TOKENS_SCRIPT', () => {
  const run = (window: unknown): unknown => runInNewContext(STORAGE_TOKENS_SCRIPT, { window });
  const storage = (items: Record<string, string>) => ({ getItem: (key: string) => items[key] ?? null });

  it('returns only the two token values from local storage', () => {
    const result = run({ localStorage: storage({ access_token: otherLive, refresh_token: refresh, profile: 'private' }) });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ accessToken: otherLive, refreshToken: refresh });
  });

  it('returns nulls when they are absent and null when storage is blocked', () => {
    expect(JSON.parse(JSON.stringify(run({ localStorage: storage({}) })))).toEqual({ accessToken: null, refreshToken: null });
    const blocked = {
      get localStorage(): never {
        throw new Error('SecurityError');
      },
    };
    expect(run(blocked)).toBeNull();
  });
});

describe('browserUserAgent', () => {
  it('drops the Electron and app tokens and keeps the rest', () => {
    const electron =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) kimibar/0.1.0 Chrome/146.0.0.0 Electron/41.7.1 Safari/537.36';
    expect(browserUserAgent(electron)).toBe(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36',
    );
  });
});
