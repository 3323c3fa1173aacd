// Safari's Cookies.binarycookies. Every count, size and offset comes from the file and
// is checked against the bytes actually there before use: a truncated or hostile file is a
// CookieStoreError, never a crash, a hang, or an allocation sized by the file's own claims.
// A damaged record is skipped and counted rather than failing the file, so one bad cookie does
// not hide an intact kimi-auth beside it.
import { CookieStoreError, tooLarge } from './store-error.js';

/** Seconds between 1970-01-01 and 2001-01-01 (Core Foundation's epoch). */
const MAC_EPOCH_SECONDS = 978_307_200;
const FILE_MAGIC = 'cook';
const PAGE_MAGIC = 0x00000100;
const RECORD_HEADER_BYTES = 56;
/** Real files are a few megabytes at most; larger ones are refused before reading. */
export const MAX_BINARYCOOKIES_BYTES = 32 * 1024 * 1024;
/**
 * Cookies listed in one file, at most. Chromium keeps at most 3,300 cookies and Firefox 3,000;
 * 200,000 is far above any real cookie jar and bounds the work and the memory a hostile file
 * can ask for.
 */
export const MAX_SAFARI_COOKIES = 200_000;
/**
 * Damaged records skipped before the whole file counts as unreadable: a few is a damaged
 * file worth reading around, more is not a cookie file this reader understands.
 */
export const MAX_DAMAGED_RECORDS = 64;

export const SAFARI_FLAGS = { secure: 1, httpOnly: 4 } as const;

export interface SafariCookie {
  readonly domain: string;
  readonly name: string;
  readonly path: string;
  readonly value: string;
  readonly flags: number;
  /** Null when the file holds no usable date (0, NaN, infinite or beyond what a Date holds). */
  readonly expiresAt: Date | null;
  readonly createdAt: Date | null;
}

export interface BinaryCookies {
  /** Per page, in file order (records listed out of order are read in the order they are stored). */
  readonly cookies: readonly SafariCookie[];
  /** Records skipped as damaged: the cookie sought may have been one of them. */
  readonly damaged: number;
}

interface ParseState {
  readonly cookies: SafariCookie[];
  listed: number;
  damaged: number;
}

export function parseBinaryCookies(file: Uint8Array): BinaryCookies {
  if (file.length > MAX_BINARYCOOKIES_BYTES) throw tooLarge(MAX_BINARYCOOKIES_BYTES);
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== FILE_MAGIC) fail('not a binarycookies file');
  const pageCount = bytes.readUInt32BE(4);
  const sizesEnd = 8 + pageCount * 4;
  if (sizesEnd > bytes.length) fail('truncated page table');

  // One array filled in place: never spread a page's cookies into a call, whose argument count
  // is limited by the engine's stack.
  const state: ParseState = { cookies: [], listed: 0, damaged: 0 };
  let pageStart = sizesEnd;
  for (let page = 0; page < pageCount; page += 1) {
    const pageSize = bytes.readUInt32BE(8 + page * 4);
    if (pageSize > bytes.length - pageStart) fail('truncated page');
    parsePage(bytes.subarray(pageStart, pageStart + pageSize), state);
    pageStart += pageSize;
  }
  return { cookies: state.cookies, damaged: state.damaged };
}

function parsePage(page: Buffer, state: ParseState): void {
  if (page.length < 8 || page.readUInt32BE(0) !== PAGE_MAGIC) fail('bad page header');
  const count = page.readUInt32LE(4);
  const tableEnd = 8 + count * 4;
  if (tableEnd > page.length) fail('truncated cookie table');
  state.listed += count;
  if (state.listed > MAX_SAFARI_COOKIES) fail('too many cookies');

  const offsets = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) offsets[index] = page.readUInt32LE(8 + index * 4);
  // In file order, so overlap is a comparison with the previous record's end, whatever order
  // the table lists them in; a typed array sorts numerically.
  offsets.sort();
  // Accepted records never overlap, so the text decoded stays within the page's size however
  // many offsets a hostile table lists. A damaged record (at most MAX_DAMAGED_RECORDS of them)
  // does not move the line, so its neighbours are still read.
  let nextFree = tableEnd;
  for (const offset of offsets) {
    const end = recordEnd(page, offset, nextFree);
    const cookie = end === null ? null : parseRecord(page, offset, end);
    if (end === null || cookie === null) {
      state.damaged += 1;
      if (state.damaged > MAX_DAMAGED_RECORDS) fail('too many damaged cookies');
      continue;
    }
    state.cookies.push(cookie);
    nextFree = end;
  }
}

/** Where the record at `offset` ends, or null when it starts or runs outside its free space. */
function recordEnd(page: Buffer, offset: number, nextFree: number): number | null {
  if (offset < nextFree || offset > page.length - RECORD_HEADER_BYTES) return null;
  const size = page.readUInt32LE(offset);
  if (size < RECORD_HEADER_BYTES || size > page.length - offset) return null;
  return offset + size;
}

/** The record in page[start, end); null when a string lies outside it or is not terminated. */
function parseRecord(page: Buffer, start: number, end: number): SafariCookie | null {
  const domain = readCString(page, start, end, 16);
  const name = readCString(page, start, end, 20);
  const path = readCString(page, start, end, 24);
  const value = readCString(page, start, end, 28);
  if (domain === null || name === null || path === null || value === null) return null;
  return {
    domain,
    name,
    path,
    value,
    flags: page.readUInt32LE(start + 8),
    expiresAt: dateFromMacSeconds(page.readDoubleLE(start + 40)),
    createdAt: dateFromMacSeconds(page.readDoubleLE(start + 48)),
  };
}

/** The string whose offset (from the record's start) is stored at `field`, read within the record. */
function readCString(page: Buffer, start: number, end: number, field: number): string | null {
  const offset = page.readUInt32LE(start + field);
  if (offset < RECORD_HEADER_BYTES || offset >= end - start) return null;
  const from = start + offset;
  // Searched within the record only, so a string without its NUL costs no more than its record.
  let nul = from;
  while (nul < end && page[nul] !== 0) nul += 1;
  return nul === end ? null : page.toString('utf8', from, nul);
}

/** Safari stores 0 for "no date"; NaN, infinities and far-out values are treated the same way. */
function dateFromMacSeconds(seconds: number): Date | null {
  if (!Number.isFinite(seconds) || seconds === 0) return null;
  const ms = (seconds + MAC_EPOCH_SECONDS) * 1000;
  return Math.abs(ms) <= 8.64e15 ? new Date(ms) : null;
}

function fail(detail: string): never {
  throw new CookieStoreError('unreadable-store', detail);
}
