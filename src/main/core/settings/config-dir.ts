// KimiBar's folder (settings, history, device id, notification memory) is created in one place,
// so that every file in it fails the same clear way when the folder cannot exist: a file where
// the folder should be made node say "EEXIST: mkdir …", which tells nobody what to fix.
import { mkdirSync } from 'node:fs';
import { KimiError } from '../errors.js';

/** Creates `dir` (private to the user) if needed; a KimiError('storage') names it and the problem. */
export function ensureConfigDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new KimiError('storage', { detail: `the folder ${dir} cannot be created: ${why(error)}`, cause: error });
  }
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EEXIST':
      return 'a file with that name is in the way (move or delete it)';
    case 'ENOTDIR':
      return 'a file is in the way where one of its parent folders should be';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return `error ${code ?? 'unknown'}`;
  }
}
