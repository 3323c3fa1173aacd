// One pass over every session log: each file is read from where the last pass stopped, and
// only when it changed. A file is read again from the start — its old counts taken back first —
// when it is no longer the same file (another inode), got shorter than what was read, or starts
// with different bytes (Kimi Code rewrites a log in place when it upgrades its format).
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { DayOf } from './day.js';
import { findLogFiles, type DiscoveryReport, type FileIdentity, type LogFile, type LogRoot } from './discover.js';
import { readLines, type LineReadOptions } from './line-reader.js';
import { readLine } from './records.js';
import { forkFloor, projectOf, readProjectIndex, type ProjectIndex } from './session-meta.js';
import { bucketKey, type Counts, type FileState, type StatsStore } from './store.js';

/** Enough to hold Kimi Code's first record (its format version and creation time). */
export const HEAD_BYTES = 256;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export interface ScanReport extends DiscoveryReport {
  readonly files: number;
  /** Files read this pass (new, changed or started over). */
  readonly filesRead: number;
  /** Files read again from the start because they were replaced, shortened or rewritten. */
  readonly filesRestarted: number;
  /** Log bytes read this pass. */
  readonly bytesRead: number;
  readonly records: number;
  /** Lines that named a usage record but did not hold a valid one. */
  readonly invalidRecords: number;
  /** Lines longer than the reader's cap, skipped. */
  readonly longLines: number;
  /** Files that could not be opened or read this pass. */
  readonly unreadable: number;
}

export interface ScanOptions extends LineReadOptions {
  readonly roots: readonly LogRoot[];
  readonly store: StatsStore;
  readonly dayOf: DayOf;
}

type MutableReport = { -readonly [K in keyof ScanReport]: ScanReport[K] };

export async function scanLogs({ roots, store, dayOf, ...readOptions }: ScanOptions): Promise<ScanReport> {
  const report: MutableReport = {
    files: 0,
    filesRead: 0,
    filesRestarted: 0,
    bytesRead: 0,
    records: 0,
    invalidRecords: 0,
    longLines: 0,
    unreadable: 0,
    symlinksOutside: 0,
    filesOverLimit: 0,
  };
  for (const root of roots) {
    const files = await findLogFiles(root, report);
    report.files += files.length;
    // Read only when some file's project is not known yet; most passes never need it.
    let index: ProjectIndex | null = null;
    const projectIndex = async (): Promise<ProjectIndex> => (index ??= await readProjectIndex(root));
    const pending = new Pending(store);
    try {
      for (const file of files) {
        try {
          await scanFile(file, store, dayOf, readOptions, report, projectIndex, pending);
        } catch {
          report.unreadable += 1;
        }
      }
    } finally {
      pending.flush();
    }
  }
  return report;
}

async function scanFile(
  file: LogFile,
  store: StatsStore,
  dayOf: DayOf,
  readOptions: LineReadOptions,
  report: MutableReport,
  projectIndex: () => Promise<ProjectIndex>,
  pending: Pending,
): Promise<void> {
  const known = store.file(file.path);
  if (known !== null && sameIdentity(known, file.seen)) {
    await resolveProject(file, known, store, projectIndex);
    return;
  }
  let handle: FileHandle;
  try {
    // Never through a link: discovery resolved links already, so one here is a swap since.
    handle = await open(file.path, constants.O_RDONLY | NO_FOLLOW | constants.O_NONBLOCK);
  } catch {
    report.unreadable += 1;
    return;
  }
  try {
    const info = await handle.stat({ bigint: true });
    if (!info.isFile()) return;
    const size = Number(info.size);
    const mtimeMs = Number(info.mtimeMs);
    const dev = String(info.dev);
    const ino = String(info.ino);
    let previous = known;
    if (previous !== null && sameIdentity(previous, { dev, ino, size, mtimeMs })) return;
    if (previous !== null && (previous.dev !== dev || previous.ino !== ino || size < previous.readTo || !(await sameHead(handle, previous.head)))) {
      store.reset(file.path);
      report.filesRestarted += 1;
      previous = null;
    }

    const project = previous?.project ?? projectOf(file, await projectIndex()) ?? '';
    const floorMs = previous === null ? await forkFloor(file) : previous.floorMs;
    let wantCwd = project === '';
    let cwd: string | null = null;
    let lastMessageId = previous?.lastMessageId ?? null;
    const added = new Map<string, Counts>();

    const from = previous?.readTo ?? 0;
    const result = await readLines(
      handle,
      from,
      size,
      (line) => {
        const event = readLine(line, { wantCwd });
        if (event === null) return;
        if (event.kind === 'invalid') {
          report.invalidRecords += 1;
          return;
        }
        if (event.kind === 'cwd') {
          cwd = event.cwd;
          wantCwd = false;
          return;
        }
        if (floorMs !== null && event.timeMs < floorMs) return;
        // kimi-cli may report the same request's status more than once.
        if (event.messageId !== null) {
          if (event.messageId === lastMessageId) return;
          lastMessageId = event.messageId;
        }
        report.records += 1;
        const key = bucketKey(dayOf(event.timeMs), event.model);
        const counts = added.get(key) ?? { input: 0, output: 0, cacheRead: 0, cacheCreation: 0, requests: 0 };
        counts.input += event.input;
        counts.output += event.output;
        counts.cacheRead += event.cacheRead;
        counts.cacheCreation += event.cacheCreation;
        counts.requests += 1;
        added.set(key, counts);
      },
      readOptions,
    );
    report.filesRead += 1;
    report.bytesRead += result.bytesRead;
    report.longLines += result.longLines;

    const head = previous !== null && previous.head.length >= Math.min(HEAD_BYTES, result.readTo) ? previous.head : await readHead(handle, result.readTo);
    pending.add(
      {
        path: file.path,
        source: file.source,
        sessionId: file.sessionId,
        project: project !== '' ? project : (cwd ?? file.bucket),
        dev,
        ino,
        size,
        mtimeMs,
        readTo: result.readTo,
        head,
        floorMs,
        lastMessageId,
      },
      added,
    );
  } finally {
    await handle.close();
  }
}

function sameIdentity(state: FileState, seen: FileIdentity): boolean {
  return state.dev === seen.dev && state.ino === seen.ino && state.size === seen.size && state.mtimeMs === seen.mtimeMs;
}

/**
 * Progress waiting to be saved: one transaction per few dozen files instead of one per file
 * (each commit of a WAL database has a fixed cost). Bounded, and flushed before a file is
 * read from the start, so a reset never overtakes what was queued.
 */
const MAX_PENDING = 64;

class Pending {
  private readonly queue: { state: FileState; added: ReadonlyMap<string, Counts> }[] = [];

  constructor(private readonly store: StatsStore) {}

  add(state: FileState, added: ReadonlyMap<string, Counts>): void {
    this.queue.push({ state, added });
    if (this.queue.length >= MAX_PENDING) this.flush();
  }

  flush(): void {
    if (this.queue.length === 0) return;
    this.store.commitMany(this.queue.splice(0));
  }
}

/** A file whose project was a fallback gets the real one once the index names it. */
async function resolveProject(file: LogFile, state: FileState, store: StatsStore, projectIndex: () => Promise<ProjectIndex>): Promise<void> {
  if (state.project !== file.bucket) return;
  const project = projectOf(file, await projectIndex());
  if (project !== null && project !== state.project) store.setProject(file.path, project);
}

async function readHead(handle: FileHandle, readTo: number): Promise<Buffer> {
  const length = Math.min(HEAD_BYTES, readTo);
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

async function sameHead(handle: FileHandle, head: Buffer): Promise<boolean> {
  if (head.length === 0) return true;
  const now = Buffer.alloc(head.length);
  const { bytesRead } = await handle.read(now, 0, head.length, 0);
  return bytesRead === head.length && now.equals(head);
}
