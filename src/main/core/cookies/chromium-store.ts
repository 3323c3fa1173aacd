// Reads the Kimi rows of a Chromium cookie store: on a private copy, read-only,
// only the `kimi-auth` rows of the Kimi hosts, with 64-bit times kept exact as BigInt.
import type Database from 'better-sqlite3';
import { openSqlite } from '../sqlite.js';
import * as z from '../../../shared/zod.js';
import { MAX_ENCRYPTED_BYTES } from './chromium-crypto.js';
import { withPrivateCopy } from './private-copy.js';
import { CookieStoreError, storeErrorFrom } from './store-error.js';

/** Microseconds between 1601-01-01 (Chromium's epoch) and 1970-01-01. */
const EPOCH_OFFSET_MICROS = 11_644_473_600_000_000n;
const MAX_ROWS = 64;

const RowSchema = z.object({
  host_key: z.string(),
  value: z.string(),
  encrypted_value: z.instanceof(Uint8Array),
  expires_utc: z.bigint(),
  has_expires: z.bigint(),
  creation_utc: z.bigint(),
});

export interface ChromiumCookieRow {
  readonly hostKey: string;
  readonly value: string;
  readonly encryptedValue: Uint8Array;
  /** Chromium time (µs since 1601) as stored; null for a session cookie (has_expires = 0). */
  readonly expiresUtc: bigint | null;
  readonly creationUtc: bigint;
}

export interface ChromiumStoreRead {
  readonly metaVersion: number;
  readonly rows: readonly ChromiumCookieRow[];
  /** Rows whose columns had the wrong types: a damaged or hostile store. */
  readonly malformedRows: number;
}

/** Microseconds since the Unix epoch, to compare with other browsers' times. */
export function unixMicrosFromChromiumTime(micros: bigint): bigint {
  return micros - EPOCH_OFFSET_MICROS;
}

/** A Date for a Chromium time, or null when it is outside what a Date can hold. */
export function dateFromChromiumTime(micros: bigint): Date | null {
  const ms = (micros - EPOCH_OFFSET_MICROS) / 1000n;
  if (ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) return null;
  return new Date(Number(ms));
}

export async function readChromiumStore(storePath: string, hosts: readonly string[], name: string, tmpDir: string): Promise<ChromiumStoreRead> {
  try {
    return await withPrivateCopy(storePath, tmpDir, (copy) => queryStore(copy, hosts, name));
  } catch (error) {
    throw storeErrorFrom(error);
  }
}

function queryStore(path: string, hosts: readonly string[], name: string): ChromiumStoreRead {
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    const metaVersion = readMetaVersion(db);
    const placeholders = hosts.map(() => '?').join(', ');
    const raw = db
      .prepare(
        `SELECT host_key, value, encrypted_value, expires_utc, has_expires, creation_utc FROM cookies
         WHERE name = ? AND host_key IN (${placeholders})
           AND length(value) <= ? AND length(encrypted_value) <= ?
         LIMIT ${MAX_ROWS}`,
      )
      .all(name, ...hosts, MAX_ENCRYPTED_BYTES, MAX_ENCRYPTED_BYTES + 3);
    const rows: ChromiumCookieRow[] = [];
    let malformedRows = 0;
    for (const candidate of raw) {
      const parsed = RowSchema.safeParse(candidate);
      if (!parsed.success) {
        malformedRows += 1;
        continue;
      }
      const row = parsed.data;
      rows.push({
        hostKey: row.host_key,
        value: row.value,
        encryptedValue: row.encrypted_value,
        // A persistent cookie's expiry is kept as stored, even 0: whether it is a usable time is
        // the importer's one expiry rule, never a silent "session cookie".
        expiresUtc: row.has_expires !== 0n ? row.expires_utc : null,
        creationUtc: row.creation_utc,
      });
    }
    return { metaVersion, rows, malformedRows };
  } finally {
    db.close();
  }
}

function readMetaVersion(db: Database.Database): number {
  const row: unknown = db.prepare(`SELECT value FROM meta WHERE key = 'version'`).get();
  const parsed = z.object({ value: z.union([z.string(), z.bigint()]) }).safeParse(row);
  const version = parsed.success ? Number(parsed.data.value) : Number.NaN;
  if (!Number.isInteger(version) || version < 0 || version > 1000) {
    throw new CookieStoreError('unreadable-store', 'no valid store version');
  }
  return version;
}
