// The CLI's settings writer: config.json replaced atomically, in the format electron-store (the
// app's writer, conf underneath) reads and writes — tab-indented JSON. It replaces conf, which
// brought ajv and ~400 kB into a CLI bundle that only ever wrote the file.
//   temp file beside the target (same disk, so the rename is atomic) → write → fsync → rename
// A crash leaves the old file or the new one, never half of one; a reader never sees a partial
// document. The file is the user's only (0600): it can name the accounts KimiBar uses.
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingsBackendFactory } from './settings-store.js';

export const jsonFileBackend: SettingsBackendFactory = ({ cwd, name }) => {
  const path = join(cwd, `${name}.json`);
  return {
    path,
    get store() {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    },
    set store(value) {
      writeJsonFileAtomically(path, value);
    },
  };
};

export function writeJsonFileAtomically(path: string, value: unknown): void {
  // A symlinked config.json (dotfiles) stays a symlink: the file it points to is replaced.
  const target = resolvedTarget(path);
  const temp = join(dirname(target), `.${name(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const data = JSON.stringify(value, undefined, '\t');
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(target));
}

function resolvedTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // not there yet
  }
}

function name(path: string): string {
  return path.slice(dirname(path).length + 1);
}

/** Makes the rename itself durable; folders cannot be opened for this on Windows, where NTFS journals it. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // The new file is in place; only its durability across a power cut is less certain.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
