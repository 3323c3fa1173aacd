// The one error a cookie store reader throws. Its kind is the import status it becomes and its
// detail is short and safe: never a cookie value, a key, or bytes from the file.
import type { ImportStatus } from './types.js';

export type StoreFailure = Extract<ImportStatus, 'unreadable-store' | 'store-too-large' | 'cannot-decrypt' | 'needs-full-disk-access'>;

export class CookieStoreError extends Error {
  override readonly name = 'CookieStoreError';
  readonly kind: StoreFailure;
  readonly detail: string;

  constructor(kind: StoreFailure, detail: string) {
    super(`${kind}: ${detail}`);
    this.kind = kind;
    this.detail = detail;
  }
}

/** A file refused for its size, before it is copied or read: "Cookies-wal is over 64 MiB". */
export function tooLarge(limitBytes: number, file?: string): CookieStoreError {
  const limit = `over ${Math.round(limitBytes / (1024 * 1024))} MiB`;
  return new CookieStoreError('store-too-large', file ? `${file} is ${limit}` : limit);
}

/** SQLite and file-system errors are named by their code only ("SQLITE_NOTADB", "EISDIR"). */
export function storeErrorFrom(error: unknown): CookieStoreError {
  if (error instanceof CookieStoreError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const safeCode = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unreadable';
  return new CookieStoreError('unreadable-store', safeCode);
}
