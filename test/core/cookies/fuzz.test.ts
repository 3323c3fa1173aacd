// Hostile bytes: many seeded mutations of valid Safari files, Chromium blobs, Chromium stores
// and local storage folders must each end in a result or a typed CookieStoreError — never
// another exception, never a crash.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptCookieBlob, deriveKey } from '../../../src/main/core/cookies/chromium-crypto.js';
import { readChromiumStore } from '../../../src/main/core/cookies/chromium-store.js';
import { readLocalStorageValue } from '../../../src/main/core/cookies/local-storage-chromium.js';
import { parseBinaryCookies } from '../../../src/main/core/cookies/safari-binarycookies.js';
import { CookieStoreError } from '../../../src/main/core/cookies/store-error.js';
import { chromiumTime, encryptCookie, writeChromiumStore } from '../../fixtures/cookies/chromium.js';
import { makeTempHome, seededRandom } from '../../fixtures/cookies/home.js';
import { writeChromiumLocalStorage } from '../../fixtures/cookies/local-storage.js';
import { writeBinaryCookies } from '../../fixtures/cookies/safari.js';

const HOSTS = ['kimi.com', '.kimi.com', 'www.kimi.com', '.www.kimi.com'];

function mutate(source: Buffer, random: () => number): Buffer {
  const pick = (n: number): number => Math.floor(random() * n);
  const bytes = Buffer.from(source);
  switch (pick(5)) {
    case 0:
      return bytes.subarray(0, pick(bytes.length + 1));
    case 1:
      for (let i = 0, n = 1 + pick(8); i < n; i += 1) bytes[pick(bytes.length)] = pick(256);
      return bytes;
    case 2: {
      // Overwrite an aligned word with a boundary value: where counts, sizes and offsets live.
      const at = pick(Math.max(1, bytes.length - 4)) & ~3;
      const values = [0, 1, 0x7fffffff, 0xffffffff, 0x38, bytes.length, bytes.length - 1];
      if (at + 4 <= bytes.length) bytes.writeUInt32LE(values[pick(values.length)] ?? 0, at);
      return bytes;
    }
    case 3:
      return Buffer.concat([bytes, Buffer.from(Array.from({ length: pick(64) }, () => pick(256)))]);
    default: {
      const start = pick(bytes.length);
      return Buffer.concat([bytes.subarray(0, start), bytes.subarray(start + 1 + pick(16))]);
    }
  }
}

function expectTyped(run: () => unknown): 'ok' | 'typed-error' {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(CookieStoreError);
    return 'typed-error';
  }
}

describe('fuzz', () => {
  it('parses 3000 mutated Safari files into cookies or a typed error', () => {
    const created = new Date('2025-01-01T00:00:00Z');
    const base = writeBinaryCookies([
      [
        { domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.a.b', flags: 5, expiresAt: new Date('2030-01-01T00:00:00Z'), createdAt: created },
        { domain: 'example.org', name: 'x', value: 'y', expiresAt: null, createdAt: created },
      ],
      [{ domain: 'kimi.com', name: 'other', value: 'z'.repeat(300), expiresAt: null, createdAt: created }],
    ]);
    const random = seededRandom(0x5afa41);
    const seen = { ok: 0, 'typed-error': 0 };
    for (let i = 0; i < 3000; i += 1) {
      let bytes = base;
      for (let round = 0, n = 1 + Math.floor(random() * 3); round < n; round += 1) bytes = mutate(bytes, random);
      seen[expectTyped(() => parseBinaryCookies(bytes))] += 1;
    }
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen['typed-error']).toBeGreaterThan(0);
  });

  it('decrypts 3000 mutated Chromium blobs into a value or a typed outcome, never garbage', () => {
    const random = seededRandom(0xc4203e);
    const keys = [deriveKey('peanuts', 1), deriveKey('', 1)];
    const original = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig';
    const blob = encryptCookie(original, { password: 'peanuts', iterations: 1, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' });
    let refused = 0;
    for (let i = 0; i < 3000; i += 1) {
      const mutated = mutate(blob, random);
      const outcome = decryptCookieBlob({ blob: mutated, keys, metaVersion: 24, hostKey: '.kimi.com' });
      // The host hash makes an altered value unreadable: a value returned is the original one.
      if (outcome.ok) expect(outcome.value.startsWith('eyJ')).toBe(true);
      else refused += 1;
      if (outcome.ok && !mutated.equals(blob)) expect(outcome.value.length).toBeLessThanOrEqual(original.length + 16);
    }
    expect(refused).toBeGreaterThan(2000);
  });

  const home = makeTempHome();
  afterAll(() => home.remove());

  it('reads 150 mutated Chromium stores into rows or a typed error', async () => {
    const dir = home.path('stores');
    mkdirSync(dir, { recursive: true });
    const pristine = join(dir, 'pristine');
    const now = new Date('2026-01-01T00:00:00Z');
    writeChromiumStore(pristine, 24, [
      { hostKey: '.kimi.com', value: 'eyJ.plain.v', expiresUtc: chromiumTime(new Date('2027-01-01T00:00:00Z')), creationUtc: chromiumTime(now) },
      ...Array.from({ length: 40 }, (_, i) => ({ hostKey: `site${i}.example`, name: 'n', value: 'v'.repeat(i * 10), expiresUtc: 0n, hasExpires: false, creationUtc: chromiumTime(now) + BigInt(i) })),
    ]);
    const bytes = readFileSync(pristine);
    const random = seededRandom(0x5e1ec7);
    const seen = { ok: 0, 'typed-error': 0 };
    for (let i = 0; i < 150; i += 1) {
      const path = join(dir, `mutant-${i}`);
      writeFileSync(path, mutate(bytes, random));
      try {
        await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
        seen.ok += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(CookieStoreError);
        seen['typed-error'] += 1;
      }
    }
    expect(seen.ok + seen['typed-error']).toBe(150);
    expect(seen['typed-error']).toBeGreaterThan(0);
  });

  it('reads 60 local storage folders with a mutated LevelDB file into a value or a typed error', async () => {
    const pristine = home.path('local-storage', 'pristine');
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig';
    const fillers = Array.from({ length: 200 }, (_, i) => ({ origin: 'https://example.com', key: `k${i}`, value: `value ${i} `.repeat(20) }));
    await writeChromiumLocalStorage(pristine, [{ origin: 'https://www.kimi.com', key: 'access_token', value: token }, ...fillers]);
    // Reopened once so the data sits in a table and a fresh log, as in a long-used profile.
    await writeChromiumLocalStorage(pristine, [{ origin: 'https://example.com', key: 'late', value: 'in the log' }]);
    const files = readdirSync(pristine).filter((name) => /^(CURRENT|MANIFEST-\d+|\d+\.(log|ldb))$/.test(name));
    expect(files.some((name) => name.endsWith('.ldb'))).toBe(true);
    const random = seededRandom(0x1e7e1db);
    const seen = { ok: 0, 'typed-error': 0 };
    for (let i = 0; i < 60; i += 1) {
      const folder = home.path('local-storage', `mutant-${i}`);
      cpSync(pristine, folder, { recursive: true });
      const victim = join(folder, files[Math.floor(random() * files.length)] ?? 'CURRENT');
      writeFileSync(victim, mutate(readFileSync(victim), random));
      try {
        const { value } = await readLocalStorageValue(folder, 'https://www.kimi.com', 'access_token', home.tmp);
        expect(value === null || typeof value === 'string').toBe(true);
        seen.ok += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(CookieStoreError);
        seen['typed-error'] += 1;
      }
    }
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen['typed-error']).toBeGreaterThan(0);
    expect(readdirSync(home.tmp)).toEqual([]);
  });
});
