// Loads the CLI's CommonJS bundle with a V8 code cache kept in the user's cache folder. The
// `kimibar` command is started for every status-line refresh and Node 20 has no compile cache of
// its own (module.enableCompileCache came in 22.1): compiling the bundle (then ~600 KiB) was about a
// tenth of a `usage --json` run. V8 can instead start from the bytecode a previous run produced
// (vm.Script's cachedData), which it only has to check and deserialize.
//
// The cache is a disposable copy of what V8 would compute anyway, so every doubt means "compile
// from source": a missing, unreadable, oversized, non-regular, damaged or refused file is ignored
// and replaced after the command has run. V8 checks a cache's version, flags and source length,
// but a release build does not check its payload: damaged bytes with an intact header crash the
// process (measured on Node 20: a V8 fatal error). So each file carries its own CRC-32 of the
// payload, checked before V8 sees it, and is written whole (a private temp file renamed into
// place; a write cut short by a crash fails the check, so no fsync is needed).
//
// What is in it: bytecode and the constants of the bundle's own source text — never the values a
// run handled (settings, keys, tokens live on the heap, not in compiled code).
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** The file's first bytes: which program wrote it and in which layout. */
const MAGIC = Buffer.from('kimibar-code-cache-1\n', 'latin1');
/** MAGIC, then the payload's CRC-32 and length (uint32 LE each), then V8's cached data. */
const HEADER_BYTES = MAGIC.length + 8;
/** The CLI bundle's cache is ~0.5 MiB; a file much larger is not one of ours. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
/** How many caches of one bundle the folder keeps (see removeOtherCaches). */
const MAX_CACHES = 4;
/** A temp file left by a process killed mid-write is removed by a later save after this long. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export interface LoadedBundle<Exports> {
  readonly exports: Exports;
  /** How this run compiled the bundle: from a cache V8 accepted, or from source (none, ignored
   *  as damaged or foreign, or refused by V8). */
  readonly compiled: 'from-cache' | 'no-cache' | 'cache-ignored' | 'cache-rejected';
  /** After the command has run (so the functions it compiled are in it), writes the cache when
   *  this run had none it could use. Never throws: a cache that cannot be written only costs the
   *  next run its compile. */
  saveCache(): void;
}

/**
 * Runs `bundlePath`, a CommonJS bundle, as Node's `require` would (its own `module`, `exports`
 * and a `require` resolving from its folder) and returns its exports. `cacheDir` holds one cache
 * per bundle, named by the bundle's CRC-32 and length and by V8's version and the CPU
 * architecture, so a rebuilt bundle or another Node never meets a cache made for something else.
 */
export function loadBundle<Exports>(bundlePath: string, cacheDir: string): LoadedBundle<Exports> {
  const source = readFileSync(bundlePath);
  const cachePath = join(cacheDir, cacheFileName(bundlePath, source));
  const cached = readCache(cachePath);
  // The same wrapper Node's CommonJS loader puts around a module. The build makes the bundles
  // ASCII (scripts/build.mjs checks), so reading the bytes as Latin-1 gives the same text, as a
  // one-byte string, without a UTF-8 decoder's pass over half a megabyte.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.toString('latin1')}\n})`;
  const script = new Script(wrapped, { filename: bundlePath, cachedData: cached ?? undefined });
  const compiled = cached === undefined ? 'no-cache' : cached === null ? 'cache-ignored' : script.cachedDataRejected === true ? 'cache-rejected' : 'from-cache';

  const module = { exports: {} as Exports };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));

  return {
    exports: module.exports,
    compiled,
    saveCache() {
      if (compiled === 'from-cache') return;
      try {
        writeCache(cacheDir, bundlePath, cachePath, script.createCachedData());
      } catch {
        // An unwritable cache folder (read-only home, full disk): the next run compiles again.
      }
    },
  };
}

/** `<bundle>-<crc32>-<length>-v8-<version>-<arch>.bin`: what the cached bytecode was made from
 *  and for. */
export function cacheFileName(bundlePath: string, source: Buffer): string {
  const crc = crc32(source).toString(16).padStart(8, '0');
  return `${bundleName(bundlePath)}-${crc}-${source.length}-v8-${process.versions.v8}-${process.arch}.bin`;
}

/**
 * V8's cached data from the file: undefined when there is none, null when there is a file that
 * must not be handed to V8 (not a regular file, too large, not ours, cut short, damaged).
 */
function readCache(path: string): Buffer | null | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO planted at the path cannot hang the command.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_CACHE_BYTES || info.size < HEADER_BYTES) return null;
    const file = readAll(fd, info.size);
    if (file === null || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const crc = file.readUInt32LE(MAGIC.length);
    const length = file.readUInt32LE(MAGIC.length + 4);
    const payload = file.subarray(HEADER_BYTES);
    return payload.length === length && crc32(payload) === crc ? payload : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The whole file, sized by its stat; null when it grew while being read (a writer not using
 *  the temp-and-rename of writeCache). */
function readAll(fd: number, size: number): Buffer | null {
  const buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    const read = readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
    if (length === buffer.length) return null;
  }
}

/** Writes the cache whole (temp file, then rename), private to the user, and removes the oldest
 *  caches of this bundle so the folder never grows with each update. */
function writeCache(cacheDir: string, bundlePath: string, cachePath: string, data: Buffer): void {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(crc32(data), MAGIC.length);
  header.writeUInt32LE(data.length, MAGIC.length + 4);
  const temp = `${cachePath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
    renameSync(temp, cachePath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  removeOtherCaches(cacheDir, bundlePath, cachePath);
}

function bundleName(bundlePath: string): string {
  return basename(bundlePath).replace(/\.c?js$/, '');
}

/**
 * Keeps the newest MAX_CACHES caches of this bundle (the one just written among them) and removes
 * the rest, with temp files a killed writer left behind. More than one is kept because two
 * `kimibar`s may share the folder (an npm install and a checkout, or two Node versions): each
 * removing the other's cache would make both compile and rewrite on every run.
 */
function removeOtherCaches(cacheDir: string, bundlePath: string, keep: string): void {
  const prefix = `${bundleName(bundlePath)}-`;
  const now = Date.now();
  const caches: { path: string; mtimeMs: number }[] = [];
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    const path = join(cacheDir, entry.name);
    if (!entry.isFile() || !entry.name.startsWith(prefix) || path === keep) continue;
    if (entry.name.endsWith('.bin')) caches.push({ path, mtimeMs: modifiedAt(path) ?? 0 });
    else if (entry.name.endsWith('.tmp') && now - (modifiedAt(path) ?? now) > STALE_TEMP_MS) rmSync(path, { force: true });
  }
  caches.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { path } of caches.slice(MAX_CACHES - 1)) rmSync(path, { force: true });
}

function modifiedAt(path: string): number | null {
  try {
    return lstatSync(path).mtimeMs;
  } catch {
    return null;
  }
}
