// Browsers hold their stores open (Chromium and Firefox even lock them exclusively), and a
// store must never be opened for writing: each read works on a copy of the file and its
// sidecars (or of a store folder's files) in a private (0700) temp folder that is removed
// afterwards.
import { chmod, copyFile, mkdir, mkdtemp, opendir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CookieStoreError, tooLarge } from './store-error.js';

const SIDECARS = ['-journal', '-wal', '-shm'] as const;

/**
 * The most a store, or any one of its sidecars, may weigh before it is copied. Real cookie
 * stores are a few MB (Chromium keeps at most 3,300 cookies and Firefox 3,000, each a few
 * hundred bytes), and SQLite checkpoints a write-ahead log at about 4 MB by default; 64 MiB is
 * far above all of them, yet keeps a runaway or hostile file from filling the temp disk and
 * stalling import (a 3 GiB store used to be copied whole).
 */
export const MAX_STORE_BYTES = 64 * 1024 * 1024;

export async function withPrivateCopy<T>(storePath: string, tmpDir: string, read: (copyPath: string) => T): Promise<T> {
  // Every size is checked before anything is copied: a refused store costs no disk at all.
  const sidecars: string[] = [];
  await checkCopyable(storePath);
  for (const suffix of SIDECARS) {
    if (await checkCopyable(storePath + suffix, { mayBeMissing: true })) sidecars.push(suffix);
  }
  const folder = await mkdtemp(join(tmpDir, 'kimibar-cookies-'));
  try {
    await chmod(folder, 0o700);
    const copyPath = join(folder, basename(storePath));
    await copyFile(storePath, copyPath);
    for (const suffix of sidecars) {
      await copyFile(storePath + suffix, copyPath + suffix).catch((error: unknown) => {
        // A sidecar the browser removed since it was checked (a checkpoint) is simply gone.
        if (!isMissingFile(error)) throw error;
      });
    }
    return read(copyPath);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A LevelDB folder of a few MB holds tens of files; thousands mean something else. */
export const MAX_FOLDER_FILES = 4096;

/**
 * A store kept as a folder of files (Chromium's local storage is a LevelDB folder): only the
 * files `wanted` names are copied, each a regular file, together no heavier than
 * MAX_STORE_BYTES and no more than MAX_FOLDER_FILES of them — checked before anything is copied.
 * The browser's LOCK file is never among them: the copy is the reader's alone.
 */
export async function withPrivateFolderCopy<T>(
  folderPath: string,
  tmpDir: string,
  { wanted, label }: { readonly wanted: (name: string) => boolean; readonly label: string },
  read: (copyPath: string) => Promise<T>,
): Promise<T> {
  const names: string[] = [];
  let total = 0;
  for await (const entry of await opendir(folderPath)) {
    if (!wanted(entry.name)) continue;
    if (names.length >= MAX_FOLDER_FILES) throw new CookieStoreError('store-too-large', `${label} holds over ${MAX_FOLDER_FILES} files`);
    const info = await stat(join(folderPath, entry.name));
    if (!info.isFile()) throw new CookieStoreError('unreadable-store', `${entry.name} is not a regular file`);
    total += info.size;
    if (total > MAX_STORE_BYTES) throw tooLarge(MAX_STORE_BYTES, label);
    names.push(entry.name);
  }
  const folder = await mkdtemp(join(tmpDir, 'kimibar-cookies-'));
  try {
    await chmod(folder, 0o700);
    const copyPath = join(folder, basename(folderPath));
    await mkdir(copyPath, { mode: 0o700 });
    for (const name of names) await copyFile(join(folderPath, name), join(copyPath, name));
    // Awaited here, so the copy is removed only once the reader is done with it.
    return await read(copyPath);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** True when the file is there to copy; a FIFO or folder in its place would hang or fail the copy. */
async function checkCopyable(path: string, { mayBeMissing = false } = {}): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (mayBeMissing && isMissingFile(error)) return false;
    throw error;
  }
  if (!info.isFile()) throw new CookieStoreError('unreadable-store', `${basename(path)} is not a regular file`);
  if (info.size > MAX_STORE_BYTES) throw tooLarge(MAX_STORE_BYTES, basename(path));
  return true;
}

export function isMissingFile(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
