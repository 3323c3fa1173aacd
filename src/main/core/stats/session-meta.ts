// What a log file belongs to: its project (the working directory) and, for a forked Kimi Code
// session, the moment it was forked. Kimi Code names a session's folder by a hash of the
// working directory, so the path itself is only a fallback; the CLIs' own indexes say it:
//   Kimi Code  <home>/session_index.jsonl, one {sessionId, sessionDir, workDir} per line
//   kimi-cli   <home>/kimi.json, {work_dirs: [{path, kaos}]}; a bucket is md5(path)
//              (or `<kaos>_<md5>` for a non-local one)
// These files are read only when they are plain files (never through a link), bounded.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../../shared/zod.js';
import { readSmallFile } from '../small-file.js';
import type { LogFile, LogRoot } from './discover.js';
import { readLines } from './line-reader.js';

const MAX_KIMI_JSON_BYTES = 4 * 1024 * 1024;
const MAX_STATE_BYTES = 1024 * 1024;
const MAX_INDEX_ENTRIES = 200_000;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

const IndexLineSchema = z.object({
  sessionId: z.string().check(z.minLength(1), z.maxLength(512)),
  workDir: z.string().check(z.minLength(1), z.maxLength(4096)),
});
const KimiJsonSchema = z.object({
  work_dirs: z
    .array(z.object({ path: z.string().check(z.minLength(1), z.maxLength(4096)), kaos: z._default(z.string().check(z.maxLength(128)), 'local') }))
    .check(z.maxLength(MAX_INDEX_ENTRIES)),
});
/** A forked session starts as a copy of its source's log (usage included), stamped `createdAt`. */
const StateSchema = z.object({
  forkedFrom: z.optional(z.string().check(z.maxLength(512))),
  createdAt: z.optional(z.union([z.string().check(z.maxLength(64)), z.number()])),
});

/** Working directories by session id (Kimi Code) or by bucket (kimi-cli). */
export type ProjectIndex = ReadonlyMap<string, string>;

export async function readProjectIndex(root: LogRoot): Promise<ProjectIndex> {
  return root.source === 'kimi-code' ? readSessionIndex(join(root.home, 'session_index.jsonl')) : readKimiJson(join(root.home, 'kimi.json'));
}

export function projectOf(file: LogFile, index: ProjectIndex): string | null {
  return index.get(file.source === 'kimi-code' ? file.sessionId : file.bucket) ?? null;
}

/** Records before this time in a forked session's log were its source's, counted there. */
export async function forkFloor(file: LogFile): Promise<number | null> {
  if (file.source !== 'kimi-code') return null;
  const text = (await isPlainFile(join(file.sessionDir, 'state.json'))) ? readSmallFile(join(file.sessionDir, 'state.json'), MAX_STATE_BYTES) : null;
  if (typeof text !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const state = StateSchema.safeParse(json);
  if (!state.success || state.data.forkedFrom === undefined || state.data.createdAt === undefined) return null;
  const at = typeof state.data.createdAt === 'number' ? state.data.createdAt : Date.parse(state.data.createdAt);
  return Number.isFinite(at) ? at : null;
}

async function isPlainFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function readSessionIndex(path: string): Promise<ProjectIndex> {
  const index = new Map<string, string>();
  if (!(await isPlainFile(path))) return index;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW | constants.O_NONBLOCK);
  } catch {
    return index;
  }
  try {
    const { size } = await handle.stat();
    await readLines(handle, 0, size, (line) => {
      if (index.size >= MAX_INDEX_ENTRIES) return;
      let json: unknown;
      try {
        json = JSON.parse(line.toString('utf8'));
      } catch {
        return;
      }
      const entry = IndexLineSchema.safeParse(json);
      // A deletion line keeps the mapping: the usage was spent all the same.
      if (entry.success) index.set(entry.data.sessionId, entry.data.workDir);
    });
  } catch {
    // An index that cannot be read leaves projects to the fallbacks.
  } finally {
    await handle.close();
  }
  return index;
}

async function readKimiJson(path: string): Promise<ProjectIndex> {
  const index = new Map<string, string>();
  if (!(await isPlainFile(path))) return index;
  const text = readSmallFile(path, MAX_KIMI_JSON_BYTES);
  if (typeof text !== 'string') return index;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return index;
  }
  const parsed = KimiJsonSchema.safeParse(json);
  if (!parsed.success) return index;
  for (const { path: workDir, kaos } of parsed.data.work_dirs) {
    const hash = createHash('md5').update(workDir).digest('hex');
    index.set(kaos === 'local' ? hash : `${kaos}_${hash}`, workDir);
  }
  return index;
}
