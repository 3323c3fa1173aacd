// The CLI bundle's V8 code cache (src/main/cli/code-cache.ts) on real files: a small CommonJS
// "bundle" in a temp folder, loaded the way bin/kimibar.js loads dist/cli/kimibar.cjs. What must
// hold: the bundle runs as Node's `require` would run it, whatever is (or is not) in the cache
// folder; only bytes that pass the file's own check reach V8; a bad or refused cache is replaced;
// the folder keeps one cache per bundle.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, ftruncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName, loadBundle } from '../../src/main/cli/code-cache.js';

interface Fixture {
  answer(): number;
  where(): [string, string];
  exportsIsModuleExports: boolean;
}

const BUNDLE_SOURCE = [
  "'use strict';",
  "const dep = require('./dep.cjs');",
  // Enough functions that a cache holds real bytecode to damage.
  ...Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x + ${i}; }`),
  'exports.answer = () => f0(dep.value + 1);',
  'exports.where = () => [__filename, __dirname];',
  'exports.exportsIsModuleExports = module.exports === exports;',
].join('\n');

let dir: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-code-cache-'));
  bundle = join(dir, 'kimibar.cjs');
  cacheDir = join(dir, 'cache', 'code-cache');
  writeFileSync(bundle, BUNDLE_SOURCE);
  writeFileSync(join(dir, 'dep.cjs'), 'exports.value = 41;');
});

const cacheFiles = (): string[] => readdirSync(cacheDir).sort();
const cachePath = (): string => join(cacheDir, cacheFileName(bundle, readFileSync(bundle)));

function expectBundleRan(exports: Fixture): void {
  expect(exports.answer()).toBe(42);
  expect(exports.where()).toEqual([bundle, dir]);
  expect(exports.exportsIsModuleExports).toBe(true);
}

/** Loads once without a cache and saves it: the state after a first run. */
function firstRun(): void {
  const first = loadBundle<Fixture>(bundle, cacheDir);
  expect(first.compiled).toBe('no-cache');
  expectBundleRan(first.exports);
  first.saveCache();
}

describe('a bundle run from the code cache', () => {
  it('runs as require would; the first run writes one private cache, and the next compiles from it without rewriting it', () => {
    firstRun();
    expect(cacheFiles()).toEqual([cacheFileName(bundle, readFileSync(bundle))]);
    expect(statSync(cachePath()).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const written = statSync(cachePath());

    const second = loadBundle<Fixture>(bundle, cacheDir);
    expect(second.compiled).toBe('from-cache');
    expectBundleRan(second.exports);
    second.saveCache();
    const after = statSync(cachePath());
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
  });

  it('is named by the bundle, its CRC-32 and length, V8 and the CPU', () => {
    const source = readFileSync(bundle);
    const crc = crc32(source).toString(16).padStart(8, '0');
    expect(cacheFileName(bundle, source)).toBe(`kimibar-${crc}-${source.length}-v8-${process.versions.v8}-${process.arch}.bin`);
  });

  it('a rebuilt bundle compiles from source; the folder keeps the newest four builds’ caches', () => {
    const names: string[] = [];
    for (let build = 1; build <= 6; build++) {
      writeFileSync(bundle, `${BUNDLE_SOURCE}\nexports.build = ${build};`);
      const loaded = loadBundle<Fixture & { build: number }>(bundle, cacheDir);
      expect(loaded.compiled).toBe('no-cache');
      expect(loaded.exports.build).toBe(build);
      loaded.saveCache();
      names.push(cacheFileName(bundle, readFileSync(bundle)));
      // Written in order: each file's time says which build is older, whatever the clock's grain.
      const at = new Date(Date.now() - (10 - build) * 60_000);
      utimesSync(join(cacheDir, names.at(-1)!), at, at);
    }
    expect(cacheFiles()).toEqual(names.slice(2).sort());
    // Two kimibars sharing the folder (another build still in use) keep each other's cache.
    writeFileSync(bundle, `${BUNDLE_SOURCE}\nexports.build = 5;`);
    expect(loadBundle(bundle, cacheDir).compiled).toBe('from-cache');
  });
});

describe('a cache that must not reach V8 is ignored and replaced', () => {
  /** Damaged, not ours, cut short, or not a file: the bundle still runs, and saving replaces it. */
  function expectIgnoredThenReplaced(): void {
    const loaded = loadBundle<Fixture>(bundle, cacheDir);
    expect(loaded.compiled).toBe('cache-ignored');
    expectBundleRan(loaded.exports);
    loaded.saveCache();
    const next = loadBundle<Fixture>(bundle, cacheDir);
    expect(next.compiled).toBe('from-cache');
    expectBundleRan(next.exports);
  }

  it('damaged bytes in the payload (the header intact): V8 does not check a cache’s payload and would crash', () => {
    firstRun();
    const file = readFileSync(cachePath());
    for (let at = Math.floor(file.length / 2); at < file.length; at += 7) file[at] = (file[at] ?? 0) ^ 0x5a;
    writeFileSync(cachePath(), file);
    expectIgnoredThenReplaced();
  });

  it('a file cut short', () => {
    firstRun();
    const file = readFileSync(cachePath());
    writeFileSync(cachePath(), file.subarray(0, file.length - 100));
    expectIgnoredThenReplaced();
  });

  it('an empty file, and a file that is not a KimiBar cache', () => {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cachePath(), '');
    expectIgnoredThenReplaced();
    writeFileSync(cachePath(), 'x'.repeat(4096));
    expectIgnoredThenReplaced();
  });

  it('a file far larger than any cache is not read', () => {
    mkdirSync(cacheDir, { recursive: true });
    const fd = openSync(cachePath(), 'w');
    ftruncateSync(fd, 64 * 1024 * 1024);
    closeSync(fd);
    expectIgnoredThenReplaced();
  });

  it('a FIFO at the path is not waited on', () => {
    mkdirSync(cacheDir, { recursive: true });
    expect(spawnSync('mkfifo', [cachePath()]).status).toBe(0);
    expectIgnoredThenReplaced();
  });

  it('a folder at the path: ignored, and saving fails quietly', () => {
    mkdirSync(cachePath(), { recursive: true });
    const loaded = loadBundle<Fixture>(bundle, cacheDir);
    expect(loaded.compiled).toBe('cache-ignored');
    expectBundleRan(loaded.exports);
    expect(() => loaded.saveCache()).not.toThrow();
    expect(statSync(cachePath()).isDirectory()).toBe(true);
  });
});

describe('a cache V8 refuses', () => {
  it('(its check passes, its bytes are not V8’s) runs from source and is replaced', () => {
    mkdirSync(cacheDir, { recursive: true });
    const payload = Buffer.alloc(4096, 0x42);
    const header = Buffer.alloc(8);
    header.writeUInt32LE(crc32(payload), 0);
    header.writeUInt32LE(payload.length, 4);
    writeFileSync(cachePath(), Buffer.concat([Buffer.from('kimibar-code-cache-1\n', 'latin1'), header, payload]));

    const loaded = loadBundle<Fixture>(bundle, cacheDir);
    expect(loaded.compiled).toBe('cache-rejected');
    expectBundleRan(loaded.exports);
    loaded.saveCache();
    expect(loadBundle<Fixture>(bundle, cacheDir).compiled).toBe('from-cache');
  });
});

describe('writing the cache', () => {
  it('where no folder can be made, the bundle runs and saving fails quietly', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const loaded = loadBundle<Fixture>(bundle, join(blocker, 'code-cache'));
    expectBundleRan(loaded.exports);
    expect(() => loaded.saveCache()).not.toThrow();
  });

  it('leaves no temp file; one left by a writer killed long ago is removed, one being written now is not', () => {
    mkdirSync(cacheDir, { recursive: true });
    const stale = join(cacheDir, 'kimibar-00000000-1-v8-x-x64.bin.123.abc.tmp');
    const fresh = join(cacheDir, 'kimibar-00000000-1-v8-x-x64.bin.456.def.tmp');
    const someoneElses = join(cacheDir, 'other-file.tmp');
    for (const path of [stale, fresh, someoneElses]) writeFileSync(path, 'partial');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(someoneElses, hourAgo, hourAgo);

    firstRun();
    expect(cacheFiles()).toEqual([cacheFileName(bundle, readFileSync(bundle)), 'kimibar-00000000-1-v8-x-x64.bin.456.def.tmp', 'other-file.tmp'].sort());
  });
});
