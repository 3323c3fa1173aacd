// Reads a small file without trusting it (the Kimi Code CLI's config, credentials, region
// marker and device id; KimiBar's own caches and device id, which anything may have replaced):
// opened read-only and non-blocking, so a FIFO planted at the path cannot hang a refresh; only
// a regular file; never more than `maxBytes`. Nothing is ever written, created or touched (no
// lock, no temp file, no utimes).
//
// Synchronous on purpose: the settings store asks for the CLI login's region inside its
// synchronous read, and these files are a few kilobytes at most.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The text; null when nothing is at the path; an Error with a short, safe reason otherwise. */
export type SmallFileRead = string | null | Error;

export function readSmallFile(path: string, maxBytes: number, tooLarge = 'too large'): SmallFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return new Error(code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'cannot be opened');
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return new Error('not a regular file');
    if (info.size > maxBytes) return new Error(tooLarge);
    // Sized by the stat, plus one byte: a file that grew after the stat is caught, not cut.
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) return new Error(length > maxBytes ? tooLarge : 'changed while being read');
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return new Error('cannot be read');
  } finally {
    closeSync(fd);
  }
}
