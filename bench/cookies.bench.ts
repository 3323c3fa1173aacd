// Importing kimi-auth from a 50 000-cookie Chromium store the way KimiBar does (copy, query the
// Kimi rows, decrypt one) beside the way general-purpose extractors do it (copy, read and
// decrypt every row, then pick). Prints both medians and their ratio; asserts nothing.
//   node scripts/bench.mjs bench/cookies.bench.ts
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decryptCookieBlob, deriveKey } from '../src/main/core/cookies/chromium-crypto.js';
import { createCookieImporter } from '../src/main/core/cookies/index.js';
import { withPrivateCopy } from '../src/main/core/cookies/private-copy.js';
import { chromiumTime, encryptCookie, insertCookies, writeChromiumStore } from '../test/fixtures/cookies/chromium.js';
import type { ChromiumCookie } from '../test/fixtures/cookies/chromium.js';
import { memoryDenialStore } from '../test/fixtures/cookies/home.js';

const COOKIES = 50_000;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timeRuns(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'kimibar-bench-'));
  try {
    const home = join(base, 'home');
    const store = join(home, '.config/chromium/Default/Cookies');
    const now = new Date();
    const expires = chromiumTime(new Date(now.getTime() + 30 * 86_400_000));
    const encrypt = (value: string, hostKey: string) => encryptCookie(value, { password: 'peanuts', iterations: 1, prefix: 'v10', metaVersion: 24, hostKey });
    writeChromiumStore(store, 24, []);
    const db = new Database(store);
    db.transaction(() => {
      const rows: ChromiumCookie[] = [];
      for (let i = 0; i < COOKIES - 1; i += 1) {
        const hostKey = `.site${i % 5000}.example`;
        rows.push({ hostKey, name: `c${i}`, encryptedValue: encrypt(`value-${i}-${'x'.repeat(40)}`, hostKey), expiresUtc: expires, creationUtc: chromiumTime(now) - BigInt(i) });
      }
      rows.push({ hostKey: '.kimi.com', encryptedValue: encrypt('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2ln', '.kimi.com'), expiresUtc: expires, creationUtc: chromiumTime(now) });
      insertCookies(db, rows);
    })();
    db.close();

    const importer = createCookieImporter({ platform: 'linux', home, env: {}, secretTool: { lookup: async () => null }, denialStore: memoryDenialStore(), clock: { now: () => Date.now() }, tmpDir: base });
    const targeted = await timeRuns(async () => {
      const result = await importer.importKimiAuth({ region: 'kimi.com', force: true });
      if (!result.found) throw new Error('bench: cookie not found');
    });

    const keys = [deriveKey('peanuts', 1), deriveKey('', 1)];
    const wholeStore = await timeRuns(() =>
      withPrivateCopy(store, base, (copy) => {
        const all = new Database(copy, { readonly: true });
        all.defaultSafeIntegers(true);
        const rows = all.prepare('SELECT host_key, name, encrypted_value FROM cookies').all() as { host_key: string; name: string; encrypted_value: Buffer }[];
        all.close();
        const jar = rows.map((row) => ({ ...row, value: decryptCookieBlob({ blob: row.encrypted_value, keys, metaVersion: 24, hostKey: row.host_key }) }));
        const kimi = jar.find((c) => c.name === 'kimi-auth' && c.host_key === '.kimi.com');
        if (!kimi?.value.ok) throw new Error('bench: cookie not found in the whole store');
      }),
    );

    console.log(`store: ${COOKIES.toLocaleString('en')} cookies (Linux v10, store version 24); median of ${RUNS} runs`);
    console.log(`KimiBar import (Kimi rows only):        ${targeted.toFixed(1)} ms`);
    console.log(`decrypt the whole store, then pick:     ${wholeStore.toFixed(1)} ms`);
    console.log(`ratio (whole store / KimiBar):          ${(wholeStore / targeted).toFixed(1)}×`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
