// Chromium's local storage: one LevelDB folder per profile (`<profile>/Local Storage/leveldb`),
// shared by every site. Read on a private copy (the browser holds the folder open and locked, and
// LevelDB writes while it opens: it replays the log into a new table), and only the asked keys
// of the asked origin are looked up — no other site's data is ever read out.
//
// The layout, as Chromium 156 writes it (checked against files written by the real browser, see
// test/core/cookies/local-storage-real-chromium.test.ts):
//   `VERSION` → "1"
//   `META:<origin>`, `METAACCESS:<origin>` → small protobufs (times, sizes); not needed here
//   `_<origin>\x00` + 0x01 + key as Latin-1, or 0x00 + key as UTF-16LE → the value
//   value: 0x01 + Latin-1, or 0x00 + UTF-16LE (Latin-1 whenever every character fits in it)
import type * as LevelModule from 'classic-level';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withPrivateFolderCopy } from './private-copy.js';
import { CookieStoreError } from './store-error.js';

/** Where a Chromium profile keeps its local storage. */
export const LOCAL_STORAGE_PATH = ['Local Storage', 'leveldb'] as const;

/** The only local storage schema Chromium has written since it moved to LevelDB. */
const SCHEMA_VERSION = '1';
const VERSION_KEY = Buffer.from('VERSION', 'latin1');

const LATIN1 = 0x01;
const UTF16LE = 0x00;

/** The files LevelDB needs to open a database; never LOCK, nor the LOG text files. */
const LEVELDB_FILE = /^(CURRENT|MANIFEST-\d{1,20}|\d{1,20}\.(log|ldb|sst))$/;

/** The two keys under which Chromium may keep `key` for `origin` (it picks one by content). */
export function localStorageKeys(origin: string, key: string): Buffer[] {
  const prefix = Buffer.from(`_${origin}\x00`, 'latin1');
  const keys = [Buffer.concat([prefix, Buffer.from([UTF16LE]), Buffer.from(key, 'utf16le')])];
  if (fitsLatin1(key)) keys.unshift(Buffer.concat([prefix, Buffer.from([LATIN1]), Buffer.from(key, 'latin1')]));
  return keys;
}

/** A stored value as text, or null when its encoding byte or length is not Chromium's. */
export function decodeLocalStorageValue(bytes: Uint8Array): string | null {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(1);
  if (bytes[0] === LATIN1) return body.toString('latin1');
  if (bytes[0] === UTF16LE && body.length % 2 === 0) return body.toString('utf16le');
  return null;
}

function fitsLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

export interface LocalStorageRead {
  /** The value, or null when the origin has no such key. */
  readonly value: string | null;
}

/**
 * Looks up one key of one origin in a profile's local storage folder. Throws CookieStoreError:
 * store-too-large before copying a folder over the cap, unreadable-store for a database LevelDB
 * cannot open or read (named by LevelDB's error code only), or an unknown schema or encoding.
 * A folder without a database (no CURRENT file) holds nothing: null, not an error.
 */
export async function readLocalStorageValue(folder: string, origin: string, key: string, tmpDir: string): Promise<LocalStorageRead> {
  return withPrivateFolderCopy(folder, tmpDir, { wanted: (name) => LEVELDB_FILE.test(name), label: 'Local Storage' }, async (copy) => {
    if (!(await stat(join(copy, 'CURRENT')).catch(() => null))) return { value: null };
    const { ClassicLevel } = await loadLevel();
    const db = new ClassicLevel<Buffer, Buffer>(copy, {
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
      createIfMissing: false,
      errorIfExists: false,
      // Small: one lookup, in a throw-away copy.
      cacheSize: 1024 * 1024,
      maxOpenFiles: 64,
    });
    try {
      await db.open().catch((error: unknown) => {
        throw levelError(error);
      });
      const [version, ...values] = await db.getMany([VERSION_KEY, ...localStorageKeys(origin, key)], { fillCache: false }).catch((error: unknown) => {
        throw levelError(error);
      });
      if (version !== undefined && version.toString('latin1') !== SCHEMA_VERSION) {
        throw new CookieStoreError('unreadable-store', 'unknown local storage version');
      }
      const stored = values.find((value) => value !== undefined);
      if (stored === undefined) return { value: null };
      const value = decodeLocalStorageValue(stored);
      if (value === null) throw new CookieStoreError('unreadable-store', 'local storage value in an unknown encoding');
      return { value };
    } finally {
      await db.close().catch(() => undefined);
    }
  });
}

/**
 * LevelDB is loaded on first use: only a profile without a usable cookie needs it, and loading
 * it costs every `kimibar` command a noticeable part of its start-up.
 */
let level: Promise<typeof LevelModule> | null = null;
function loadLevel(): Promise<typeof LevelModule> {
  level ??= import('classic-level').catch((error: unknown) => {
    level = null;
    throw error;
  });
  return level;
}

/** LevelDB's errors carry paths in their messages: only the code is kept. */
function levelError(error: unknown): CookieStoreError {
  if (error instanceof CookieStoreError) return error;
  const code = codeOf(errorCause(error)) ?? codeOf(error);
  const safe = code !== undefined && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unreadable';
  return new CookieStoreError('unreadable-store', `local storage ${safe}`);
}

function errorCause(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
