// The last snapshot, kept beside the settings so that a status line can be drawn without the
// network: every refresh of the app and of the CLI writes it (./cache-writer.ts, with the full
// schema in ./snapshot-cache.ts), `kimibar statusline` reads it here. It holds what `kimibar
// usage --json` prints — never a token, key or cookie — plus when it was written, by which
// program, and the last refresh's error.
//
// Another program may have written the file, or anything may stand at its path: it is read
// without trusting it (never a FIFO, never more than MAX_CACHE_BYTES, validated by a schema),
// and whatever is wrong with it makes it "absent, with a note", never a crash.
//
// The line validates only what it reads: hosts start `kimibar statusline` every second, and each
// schema built at load is part of every run. It imports zod/mini itself rather than through
// shared/zod.ts, whose English messages it never shows (its bundle carries no locale). The full
// schema, for the writer that keeps the whole snapshot, is in ./snapshot-cache.ts.
import { FIRST_ACCOUNT_ID, perAccountName } from '../../../shared/accounts.js';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { WINDOW_IDS } from '../../../shared/window-ids.js';
import { readSmallFile } from '../small-file.js';

export const SNAPSHOT_CACHE_FILE = 'last-snapshot.json';
/** The current status line as plain text, for pollers that only `cat` a file. */
export const STATUS_LINE_FILE = 'statusline.txt';
/** A snapshot is a few kilobytes; anything far larger is not ours. */
export const MAX_CACHE_BYTES = 256 * 1024;
/** The file's format and version, checked by both schemas. */
export const CACHE_FORMAT = 'kimibar-snapshot-cache';
export const CACHE_VERSION = 1;

export type CacheRead<Cache> =
  | { readonly kind: 'ok'; readonly cache: Cache }
  | { readonly kind: 'absent' }
  /** Something is at the path but it is not a cache KimiBar can use; `note` says what. */
  | { readonly kind: 'bad'; readonly note: string };

/** An ISO 8601 instant with seconds and a zone (`Z` or an offset), as Date#toISOString writes:
 *  a plain pattern plus a calendar check, not zod's datetime regex — a ~300-character expression
 *  whose compilation on first use every status line run paid (1–3 ms of a run that should cost
 *  little more than Node's start). */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isIsoInstant(text: string): boolean {
  const parts = ISO_INSTANT.exec(text);
  if (parts === null) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Date.UTC rolls 2026-02-30 over into March: a real day comes back as itself.
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const IsoTimeSchema = z.string().check(z.refine(isIsoInstant, 'an ISO 8601 time with a zone'));

/** What a status line reads of the cache, and nothing more (the writer's full schema must
 *  stay assignable to it: line.ts draws the writer's caches too). */
export const LineCacheSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  version: z.literal(CACHE_VERSION),
  /** The start of the last refresh, successful or not: what the freshness rule looks at. */
  lastAttemptAt: IsoTimeSchema,
  snapshot: z.nullable(
    z.object({
      plan: z.nullable(z.string()),
      updatedAt: IsoTimeSchema,
      windows: z.array(
        z.object({
          id: z.enum(WINDOW_IDS),
          usedPercent: z.number().check(z.gte(0), z.lte(100)),
          resetsAt: z.optional(IsoTimeSchema),
        }),
      ),
    }),
  ),
  error: z.nullable(z.object({ code: z.string().check(z.maxLength(64)), message: z.string().check(z.maxLength(300)) })),
});
export type LineCache = z.infer<typeof LineCacheSchema>;

/** Each account has its own cache; the first account's keeps the name it had with one account. */
export function snapshotCachePath(configDir: string, accountId: string = FIRST_ACCOUNT_ID): string {
  return join(configDir, perAccountName(SNAPSHOT_CACHE_FILE, accountId));
}

export function statusLinePath(configDir: string, accountId: string = FIRST_ACCOUNT_ID): string {
  return join(configDir, perAccountName(STATUS_LINE_FILE, accountId));
}

/** Reads an account's cache in `configDir` as much as a status line needs. Never throws. */
export function readLineCache(configDir: string, accountId: string = FIRST_ACCOUNT_ID): CacheRead<LineCache> {
  return readCacheFile(configDir, LineCacheSchema, accountId);
}

/** What either zod's schemas offer: a parse that reports instead of throwing. */
interface CacheSchema<Cache> {
  safeParse(value: unknown): { success: true; data: Cache } | { success: false };
}

/** Reads and validates the cache in `configDir` with `schema`. Never throws. */
export function readCacheFile<Cache>(configDir: string, schema: CacheSchema<Cache>, accountId: string = FIRST_ACCOUNT_ID): CacheRead<Cache> {
  const path = snapshotCachePath(configDir, accountId);
  const text = readSmallFile(path, MAX_CACHE_BYTES);
  if (text === null) return { kind: 'absent' };
  if (text instanceof Error) return { kind: 'bad', note: `the status-line cache ${path} is ignored: ${text.message}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'bad', note: `the status-line cache ${path} is ignored: not JSON` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { kind: 'bad', note: `the status-line cache ${path} is ignored: not in the expected shape` };
  return { kind: 'ok', cache: parsed.data };
}
