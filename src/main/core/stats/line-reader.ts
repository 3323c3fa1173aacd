// Reads the complete lines of a byte range of a file through one fixed-size buffer: memory stays
// flat whatever the file's size. A line longer than the cap is skipped (and counted) without
// ever being held whole; the bytes after the last newline — a line still being written — are
// left for the next read, which starts at `readTo`.
import type { FileHandle } from 'node:fs/promises';

export const DEFAULT_BUFFER_BYTES = 256 * 1024;
/** Usage records are a few hundred bytes; a line this long is conversation, never usage. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface LineReadOptions {
  readonly bufferBytes?: number;
  readonly maxLineBytes?: number;
}

export interface LineReadResult {
  /** Bytes read from the file by this call (what an incremental rescan is judged by). */
  readonly bytesRead: number;
  /** The offset just after the last complete line: where the next read starts. */
  readonly readTo: number;
  /** Lines skipped for being longer than the cap. */
  readonly longLines: number;
}

/**
 * Calls `onLine` for each complete line in [from, to), without its newline. The buffer handed
 * to `onLine` is only valid during the call (it is reused).
 */
export async function readLines(
  handle: FileHandle,
  from: number,
  to: number,
  onLine: (line: Buffer) => void,
  options: LineReadOptions = {},
): Promise<LineReadResult> {
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const buffer = Buffer.allocUnsafe(bufferBytes);
  // Holds the start of a line that spans reads; allocated on first need, never beyond the cap.
  let carry: Buffer | null = null;
  let carried = 0;
  let skipping = false;
  let longLines = 0;
  let bytesRead = 0;
  let readTo = from;
  let position = from;

  while (position < to) {
    const { bytesRead: n } = await handle.read(buffer, 0, Math.min(bufferBytes, to - position), position);
    if (n === 0) break;
    bytesRead += n;
    let start = 0;
    for (let newline = buffer.indexOf(10, 0); newline !== -1 && newline < n; newline = buffer.indexOf(10, start)) {
      const piece = buffer.subarray(start, newline);
      if (skipping) {
        skipping = false;
      } else if (carried > 0) {
        if (carried + piece.length > maxLine) longLines += 1;
        else {
          carry ??= Buffer.allocUnsafe(maxLine);
          piece.copy(carry, carried);
          onLine(carry.subarray(0, carried + piece.length));
        }
        carried = 0;
      } else if (piece.length > maxLine) {
        longLines += 1;
      } else {
        onLine(piece);
      }
      readTo = position + newline + 1;
      start = newline + 1;
      if (start >= n) break;
    }
    if (start < n && !skipping) {
      const rest = n - start;
      if (carried + rest > maxLine) {
        // Too long to be usage: drop what was kept and skip to the next newline.
        longLines += 1;
        skipping = true;
        carried = 0;
      } else {
        carry ??= Buffer.allocUnsafe(maxLine);
        buffer.copy(carry, carried, start, n);
        carried += rest;
      }
    }
    position += n;
  }
  return { bytesRead, readTo, longLines };
}
