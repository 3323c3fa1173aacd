// Browsers hold their stores open (Chromium and Firefox even lock them exclusively), and a
// store must never be opened for writing: each read works on a copy of the file and its
// sidecars in a private (0700) temp folder that is removed afterwards.
import { chmod, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

const SIDECARS = ['-journal', '-wal', '-shm'] as const;

export async function withPrivateCopy<T>(storePath: string, tmpDir: string, read: (copyPath: string) => T): Promise<T> {
  const folder = await mkdtemp(join(tmpDir, 'kimibar-cookies-'));
  try {
    await chmod(folder, 0o700);
    const copyPath = join(folder, basename(storePath));
    await copyFile(storePath, copyPath);
    for (const suffix of SIDECARS) {
      await copyFile(storePath + suffix, copyPath + suffix).catch((error: unknown) => {
        if (!isMissingFile(error)) throw error;
      });
    }
    return read(copyPath);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export function isMissingFile(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
