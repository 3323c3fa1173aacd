// The snapshot cache's full schema (the file itself: ./cache-file.ts): what the app and the CLI
// write after every refresh, and read back to keep the numbers when a refresh fails. The status
// line reads only its part of it, with zod/mini (./cache-file.ts says why).
import * as z from '../../../shared/zod.js';
import { UsageSnapshotSchema } from '../../../shared/usage.js';
import { CACHE_FORMAT, CACHE_VERSION, readCacheFile, type CacheRead } from './cache-file.js';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** The last refresh's failure: its kind (a KimiError code) and a one-line, redacted message. */
export const CachedErrorSchema = z.object({
  code: z.string().check(z.maxLength(64)),
  message: z.string().check(z.maxLength(300)),
});
export type CachedError = z.infer<typeof CachedErrorSchema>;

export const SnapshotCacheSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  version: z.literal(CACHE_VERSION),
  /** Which program wrote the file last. */
  writtenBy: z.enum(['app', 'cli']),
  /** The start of the last refresh, successful or not: what the freshness rule looks at. */
  lastAttemptAt: IsoTimeSchema,
  /** The last good numbers (their `updatedAt` says when they were fetched); null before any. */
  snapshot: z.nullable(UsageSnapshotSchema),
  /** Set when the last refresh failed; the numbers above are then older. */
  error: z.nullable(CachedErrorSchema),
});
export type SnapshotCache = z.infer<typeof SnapshotCacheSchema>;

/** Reads and validates the whole cache in `configDir`. Never throws. */
export function readSnapshotCache(configDir: string, accountId?: string): CacheRead<SnapshotCache> {
  return readCacheFile(configDir, SnapshotCacheSchema, accountId);
}
