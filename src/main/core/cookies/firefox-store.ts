// Firefox: profiles from `profiles.ini`, cookies in `cookies.sqlite` (`moz_cookies`,
// plaintext), expiry in Unix seconds, or milliseconds from schema version 16.
import { openSqlite } from '../sqlite.js';
import * as z from '../../../shared/zod.js';
import { expiryFromUnixMs } from './outcome.js';
import { withPrivateCopy } from './private-copy.js';
import { storeErrorFrom } from './store-error.js';

const MILLISECOND_EXPIRY_VERSION = 16n;
const MAX_ROWS = 64;
const MAX_VALUE_CHARS = 64 * 1024;

export interface FirefoxProfile {
  readonly name: string;
  /** Relative to the Firefox root when `relative`, else absolute. */
  readonly path: string;
  readonly relative: boolean;
}

/** The `[Profile…]` sections of a profiles.ini; anything unexpected is ignored. */
export function parseProfilesIni(text: string): FirefoxProfile[] {
  const profiles: FirefoxProfile[] = [];
  let section: Record<string, string> | null = null;
  const flush = (): void => {
    if (!section) return;
    const path = section.Path;
    if (path && !path.includes('\0')) {
      profiles.push({ name: section.Name || path, path, relative: section.IsRelative !== '0' });
    }
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      flush();
      section = /^Profile\d+$/.test(header[1] ?? '') ? {} : null;
      continue;
    }
    const eq = line.indexOf('=');
    if (section && eq > 0) section[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  flush();
  return profiles;
}

const RowSchema = z.object({ host: z.string(), value: z.string(), expiry: z.bigint(), creationTime: z.bigint() });

export interface FirefoxCookieRow {
  readonly host: string;
  readonly value: string;
  /** Firefox writes only cookies with an expiry to disk: `invalid` means a damaged row. */
  readonly expiresAt: Date | 'invalid';
  /** Microseconds since the Unix epoch. */
  readonly creationTime: bigint;
}

export async function readFirefoxStore(storePath: string, hosts: readonly string[], name: string, tmpDir: string): Promise<FirefoxCookieRow[]> {
  try {
    return await withPrivateCopy(storePath, tmpDir, (copy) => queryStore(copy, hosts, name));
  } catch (error) {
    throw storeErrorFrom(error);
  }
}

function queryStore(path: string, hosts: readonly string[], name: string): FirefoxCookieRow[] {
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    const version = z.catch(z.bigint(), 0n).parse(db.pragma('user_version', { simple: true }));
    const placeholders = hosts.map(() => '?').join(', ');
    const raw = db
      .prepare(
        `SELECT host, value, expiry, creationTime FROM moz_cookies
         WHERE name = ? AND host IN (${placeholders}) AND length(value) <= ? LIMIT ${MAX_ROWS}`,
      )
      .all(name, ...hosts, MAX_VALUE_CHARS);
    return raw.flatMap((candidate) => {
      const parsed = RowSchema.safeParse(candidate);
      if (!parsed.success) return [];
      const { host, value, expiry, creationTime } = parsed.data;
      const ms = version >= MILLISECOND_EXPIRY_VERSION ? expiry : expiry * 1000n;
      return [{ host, value, expiresAt: expiryFromUnixMs(Number(ms)), creationTime }];
    });
  } finally {
    db.close();
  }
}
