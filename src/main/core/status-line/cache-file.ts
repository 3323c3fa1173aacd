// The last snapshot, kept beside the settings so that a status line can be drawn without the
// network: every refresh of the app and of the CLI writes it (./cache-writer.ts), `kimibar
// statusline` reads it. It holds what `kimibar usage --json` prints — never a token, key or
// cookie — plus when it was written, by which program, and the last refresh's error.
//
// Another program may have written the file, or anything may stand at its path: it is read
// without trusting it (never a FIFO, never more than MAX_CACHE_BYTES, validated by the schema),
// and whatever is wrong with it makes it "absent, with a note", never a crash.
import { join } from 'node:path';
import * as z from 'zod';
import { UsageSnapshotSchema } from '../../../shared/usage.js';
import { readSmallFile } from '../auth/small-file.js';

export const SNAPSHOT_CACHE_FILE = 'last-snapshot.json';
/** The current status line as plain text, for pollers that only `cat` a file. */
export const STATUS_LINE_FILE = 'statusline.txt';
/** A snapshot is a few kilobytes; anything far larger is not ours. */
export const MAX_CACHE_BYTES = 256 * 1024;

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** The last refresh's failure: its kind (a KimiError code) and a one-line, redacted message. */
export const CachedErrorSchema = z.object({
  code: z.string().max(64),
  message: z.string().max(300),
});
export type CachedError = z.infer<typeof CachedErrorSchema>;

export const SnapshotCacheSchema = z.object({
  format: z.literal('kimibar-snapshot-cache'),
  version: z.literal(1),
  /** Which program wrote the file last. */
  writtenBy: z.enum(['app', 'cli']),
  /** The start of the last refresh, successful or not: what the freshness rule looks at. */
  lastAttemptAt: IsoTimeSchema,
  /** The last good numbers (their `updatedAt` says when they were fetched); null before any. */
  snapshot: UsageSnapshotSchema.nullable(),
  /** Set when the last refresh failed; the numbers above are then older. */
  error: CachedErrorSchema.nullable(),
});
export type SnapshotCache = z.infer<typeof SnapshotCacheSchema>;

export type CacheRead =
  | { readonly kind: 'ok'; readonly cache: SnapshotCache }
  | { readonly kind: 'absent' }
  /** Something is at the path but it is not a cache KimiBar can use; `note` says what. */
  | { readonly kind: 'bad'; readonly note: string };

export function snapshotCachePath(configDir: string): string {
  return join(configDir, SNAPSHOT_CACHE_FILE);
}

export function statusLinePath(configDir: string): string {
  return join(configDir, STATUS_LINE_FILE);
}

/** Reads and validates the cache in `configDir`. Never throws. */
export function readSnapshotCache(configDir: string): CacheRead {
  const path = snapshotCachePath(configDir);
  const text = readSmallFile(path, MAX_CACHE_BYTES);
  if (text === null) return { kind: 'absent' };
  if (text instanceof Error) return { kind: 'bad', note: `the status-line cache ${path} is ignored: ${text.message}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'bad', note: `the status-line cache ${path} is ignored: not JSON` };
  }
  const parsed = SnapshotCacheSchema.safeParse(json);
  if (!parsed.success) return { kind: 'bad', note: `the status-line cache ${path} is ignored: not in the expected shape` };
  return { kind: 'ok', cache: parsed.data };
}
