// The file reads whose failures mean something on macOS: reading Safari's cookies needs Full
// Disk Access, which shows up as EPERM on open while stat still succeeds. A port, so the one
// macOS-only answer can be given in tests on any OS.
import { readFile, stat } from 'node:fs/promises';

export interface FileAccess {
  stat(path: string): Promise<{ readonly size: number; isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeFileAccess: FileAccess = { stat, readFile };

export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function isPermissionDenied(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EPERM' || code === 'EACCES';
}
