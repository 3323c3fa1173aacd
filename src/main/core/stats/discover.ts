// Where Kimi Code keeps its session logs and how to find them without leaving that folder
// (docs/kimi-api.md, "Local usage: Kimi Code's session logs"):
//   Kimi Code   $KIMI_CODE_HOME (else ~/.kimi-code) /sessions/<wd_slug_hash>/<session>/agents/<agent>/wire.jsonl
//   kimi-cli    $KIMI_SHARE_DIR (else ~/.kimi)      /sessions/<md5(workdir)>/<session>/wire.jsonl
// Only these two shapes are walked, never deeper. A symbolic link is followed only when its
// target is inside the same sessions folder; nothing here writes anything.
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { kimiCodeHome } from '../auth/cli-login.js';
import type { Environment } from '../ports.js';

export type LogSource = 'kimi-code' | 'kimi-cli';

export interface LogRoot {
  readonly source: LogSource;
  /** The tool's home (its session index / kimi.json live here). */
  readonly home: string;
  readonly sessions: string;
}

export interface LogFile {
  readonly source: LogSource;
  /** The file's real path: the key its reading progress is kept under. */
  readonly path: string;
  readonly sessionDir: string;
  readonly sessionId: string;
  /** The work-directory folder the session sits in (a hash, or Kimi Code's slug and hash). */
  readonly bucket: string;
  /** What discovery saw of the file, so an unchanged one is never opened. */
  readonly seen: FileIdentity;
}

export interface FileIdentity {
  readonly dev: string;
  readonly ino: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DiscoveryReport {
  /** Links that point outside the sessions folder, left alone. */
  symlinksOutside: number;
  /** Files past MAX_FILES, left for a later version to read. */
  filesOverLimit: number;
}

/** Far beyond anyone's sessions; it bounds what one scan keeps in memory. */
export const MAX_FILES = 200_000;
const WIRE = 'wire.jsonl';

export function logRoots(env: Environment, home: string): LogRoot[] {
  const codeHome = kimiCodeHome(env, home);
  const share = env.KIMI_SHARE_DIR;
  const cliHome = share !== undefined && share.length > 0 ? share : join(home, '.kimi');
  return [
    { source: 'kimi-code', home: codeHome, sessions: join(codeHome, 'sessions') },
    { source: 'kimi-cli', home: cliHome, sessions: join(cliHome, 'sessions') },
  ];
}

/** Every log file under `root`, each once. A missing folder is simply no files. */
export async function findLogFiles(root: LogRoot, report: DiscoveryReport): Promise<LogFile[]> {
  const inside = await realDir(root.sessions);
  if (inside === null) return [];
  const seen = new Set<string>();
  const files: LogFile[] = [];
  const add = (file: LogFile): void => {
    if (seen.has(file.path)) return;
    if (files.length >= MAX_FILES) {
      report.filesOverLimit += 1;
      return;
    }
    seen.add(file.path);
    files.push(file);
  };

  for (const bucket of await entries(inside)) {
    const bucketDir = await follow(inside, join(inside, bucket.name), bucket, 'dir', report);
    if (bucketDir === null) continue;
    for (const session of await entries(bucketDir)) {
      const sessionDir = await follow(inside, join(bucketDir, session.name), session, 'dir', report);
      if (sessionDir === null) continue;
      const base = { source: root.source, sessionDir, sessionId: session.name, bucket: bucket.name };
      const top = await fileAt(inside, join(sessionDir, WIRE), report);
      if (top !== null) add({ ...base, ...top });
      const agentsDir = await fileOrDirAt(inside, join(sessionDir, 'agents'), 'dir', report);
      if (agentsDir === null) continue;
      for (const agent of await entries(agentsDir)) {
        const agentDir = await follow(inside, join(agentsDir, agent.name), agent, 'dir', report);
        if (agentDir === null) continue;
        const wire = await fileAt(inside, join(agentDir, WIRE), report);
        if (wire !== null) add({ ...base, ...wire });
      }
    }
  }
  return files;
}

async function realDir(path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    return (await stat(real)).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** A directory entry as a real path of the wanted kind, or null (a link out is counted). */
async function follow(root: string, path: string, entry: Dirent, kind: 'dir' | 'file', report: DiscoveryReport): Promise<string | null> {
  if (entry.isSymbolicLink()) return resolveLink(root, path, kind, report);
  if (kind === 'dir' ? entry.isDirectory() : entry.isFile()) return path;
  return null;
}

/** A regular file's real path and identity (through a link only if it stays inside). */
async function fileAt(root: string, path: string, report: DiscoveryReport): Promise<{ path: string; seen: FileIdentity } | null> {
  const real = await fileOrDirAt(root, path, 'file', report);
  if (real === null) return null;
  try {
    const info = await stat(real, { bigint: true });
    return { path: real, seen: { dev: String(info.dev), ino: String(info.ino), size: Number(info.size), mtimeMs: Number(info.mtimeMs) } };
  } catch {
    return null;
  }
}

async function fileOrDirAt(root: string, path: string, kind: 'dir' | 'file', report: DiscoveryReport): Promise<string | null> {
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return resolveLink(root, path, kind, report);
    return (kind === 'dir' ? info.isDirectory() : info.isFile()) ? path : null;
  } catch {
    return null;
  }
}

async function resolveLink(root: string, path: string, kind: 'dir' | 'file', report: DiscoveryReport): Promise<string | null> {
  try {
    const target = await realpath(path);
    if (!isInside(root, target)) {
      report.symlinksOutside += 1;
      return null;
    }
    const info = await stat(target);
    return (kind === 'dir' ? info.isDirectory() : info.isFile()) ? target : null;
  } catch {
    return null;
  }
}
