// The local-stats tables of history.sqlite (schema in ../history/schema.ts): per log file, how
// far it was read and how to know it again; per file, day and model, the counts it added. A
// file that must be read again from the start has its rows deleted first, so its old
// contribution is replaced, never added twice.
import type { Database, Statement } from 'better-sqlite3';
import * as z from '../../../shared/zod.js';
import type { LogSource } from './discover.js';

export interface FileState {
  readonly path: string;
  readonly source: LogSource;
  readonly sessionId: string;
  readonly project: string;
  readonly dev: string;
  readonly ino: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly readTo: number;
  /** The file's first bytes when last read (up to HEAD_BYTES): a rewrite in place changes them. */
  readonly head: Buffer;
  readonly floorMs: number | null;
  readonly lastMessageId: string | null;
}

export interface Counts {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
  requests: number;
}

export type GroupBy = 'day' | 'model' | 'project' | 'session';

export interface StatsRow extends Counts {
  /** The day, model, project or session the row is about. */
  readonly key: string;
  /** For a session: its project. */
  readonly project: string | null;
}

const FileRowSchema = z.object({
  path: z.string(),
  source: z.enum(['kimi-code', 'kimi-cli']),
  sessionId: z.string(),
  project: z.string(),
  dev: z.string(),
  ino: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  readTo: z.number().check(z.int(), z.nonnegative()),
  head: z.instanceof(Buffer),
  floorMs: z.nullable(z.number()),
  lastMessageId: z.nullable(z.string()),
});

const CountsColumns = z.object({
  input: z.number(),
  output: z.number(),
  cacheRead: z.number(),
  cacheCreation: z.number(),
  requests: z.number(),
});
const RowSchema = z.extend(CountsColumns, { key: z.string(), project: z.nullable(z.string()) });

const SUMS = 'SUM(u.input) AS input, SUM(u.output) AS output, SUM(u.cache_read) AS cacheRead, SUM(u.cache_creation) AS cacheCreation, SUM(u.requests) AS requests';
const GROUPS: Readonly<Record<GroupBy, { key: string; project: string }>> = {
  day: { key: 'u.day', project: 'NULL' },
  model: { key: 'u.model', project: 'NULL' },
  project: { key: 'f.project', project: 'NULL' },
  session: { key: "f.source || ':' || f.session_id", project: 'MAX(f.project)' },
};

export interface StatsStore {
  file(path: string): FileState | null;
  /** Forgets a file's progress and takes back everything it added. */
  reset(path: string): void;
  /** Saves a file's progress and adds what its new lines counted, in one transaction. */
  commit(state: FileState, added: ReadonlyMap<string, Counts>): void;
  /** Several files' progress in one transaction. */
  commitMany(files: readonly { state: FileState; added: ReadonlyMap<string, Counts> }[]): void;
  setProject(path: string, project: string): void;
  /** Totals per group for days in [fromDay, toDay], biggest first (by day: oldest first). */
  rows(by: GroupBy, fromDay: string, toDay: string): StatsRow[];
  clear(): void;
}

/** `day + '\u0000' + model`: the key of an added-counts map. */
export function bucketKey(day: string, model: string): string {
  return `${day}\u0000${model}`;
}

export function createStatsStore(db: Database): StatsStore {
  const selectFile = db.prepare(
    'SELECT path, source, session_id AS sessionId, project, dev, ino, size, mtime_ms AS mtimeMs, read_to AS readTo, head, floor_ms AS floorMs, last_message_id AS lastMessageId FROM stats_files WHERE path = ?',
  );
  const deleteUsage = db.prepare('DELETE FROM stats_usage WHERE path = ?');
  const deleteFile = db.prepare('DELETE FROM stats_files WHERE path = ?');
  const upsertFile = db.prepare(`
    INSERT INTO stats_files (path, source, session_id, project, dev, ino, size, mtime_ms, read_to, head, floor_ms, last_message_id)
    VALUES (@path, @source, @sessionId, @project, @dev, @ino, @size, @mtimeMs, @readTo, @head, @floorMs, @lastMessageId)
    ON CONFLICT (path) DO UPDATE SET source = excluded.source, session_id = excluded.session_id, project = excluded.project,
      dev = excluded.dev, ino = excluded.ino, size = excluded.size, mtime_ms = excluded.mtime_ms, read_to = excluded.read_to,
      head = excluded.head, floor_ms = excluded.floor_ms, last_message_id = excluded.last_message_id`);
  const addUsage = db.prepare(`
    INSERT INTO stats_usage (path, day, model, input, output, cache_read, cache_creation, requests)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (path, day, model) DO UPDATE SET input = input + excluded.input, output = output + excluded.output,
      cache_read = cache_read + excluded.cache_read, cache_creation = cache_creation + excluded.cache_creation,
      requests = requests + excluded.requests`);
  const updateProject = db.prepare('UPDATE stats_files SET project = ? WHERE path = ?');
  const grouped = Object.fromEntries(
    Object.entries(GROUPS).map(([by, { key, project }]) => [
      by,
      db.prepare(
        `SELECT ${key} AS key, ${project} AS project, ${SUMS} FROM stats_usage u JOIN stats_files f ON f.path = u.path
         WHERE u.day BETWEEN ? AND ? GROUP BY 1 ORDER BY ${by === 'day' ? 'key ASC' : '(SUM(u.input) + SUM(u.output) + SUM(u.cache_read) + SUM(u.cache_creation)) DESC, key ASC'}`,
      ),
    ]),
  ) as Record<GroupBy, Statement<[string, string]>>;

  const reset = db.transaction((path: string) => {
    deleteUsage.run(path);
    deleteFile.run(path);
  });
  const save = (state: FileState, added: ReadonlyMap<string, Counts>): void => {
    upsertFile.run(state);
    for (const [bucket, counts] of added) {
      const split = bucket.indexOf('\u0000');
      addUsage.run(state.path, bucket.slice(0, split), bucket.slice(split + 1), counts.input, counts.output, counts.cacheRead, counts.cacheCreation, counts.requests);
    }
  };
  const commit = db.transaction(save);
  const commitMany = db.transaction((files: readonly { state: FileState; added: ReadonlyMap<string, Counts> }[]) => {
    for (const { state, added } of files) save(state, added);
  });

  return {
    file(path) {
      const row: unknown = selectFile.get(path);
      if (row === undefined) return null;
      const parsed = FileRowSchema.safeParse(row);
      // A row this version cannot read is progress lost, not usage: read the file again.
      if (!parsed.success) {
        reset(path);
        return null;
      }
      return parsed.data;
    },
    reset: (path) => reset(path),
    commit: (state, added) => commit.immediate(state, added),
    commitMany: (files) => commitMany.immediate(files),
    setProject: (path, project) => void updateProject.run(project, path),
    rows(by, fromDay, toDay) {
      return z.array(RowSchema).parse(grouped[by].all(fromDay, toDay));
    },
    clear() {
      db.exec('DELETE FROM stats_usage; DELETE FROM stats_files;');
    },
  };
}
