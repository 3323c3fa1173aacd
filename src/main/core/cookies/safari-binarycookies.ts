// Safari's Cookies.binarycookies (SPEC §5). Every count, size and offset comes from the file and
// is checked against the bytes actually there before use: a truncated or hostile file is a
// CookieStoreError, never a crash, a hang, or an allocation sized by the file's own claims.
import { CookieStoreError, tooLarge } from './store-error.js';

/** Seconds between 1970-01-01 and 2001-01-01 (Core Foundation's epoch). */
const MAC_EPOCH_SECONDS = 978_307_200;
const FILE_MAGIC = 'cook';
const PAGE_MAGIC = 0x00000100;
const RECORD_HEADER_BYTES = 56;
/** Real files are a few megabytes at most; larger ones are refused before reading. */
export const MAX_BINARYCOOKIES_BYTES = 32 * 1024 * 1024;

export const SAFARI_FLAGS = { secure: 1, httpOnly: 4 } as const;

export interface SafariCookie {
  readonly domain: string;
  readonly name: string;
  readonly path: string;
  readonly value: string;
  readonly flags: number;
  readonly expiresAt: Date | null;
  readonly createdAt: Date | null;
}

export function parseBinaryCookies(file: Uint8Array): SafariCookie[] {
  if (file.length > MAX_BINARYCOOKIES_BYTES) throw tooLarge(MAX_BINARYCOOKIES_BYTES);
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== FILE_MAGIC) fail('not a binarycookies file');
  const pageCount = bytes.readUInt32BE(4);
  const sizesEnd = 8 + pageCount * 4;
  if (sizesEnd > bytes.length) fail('truncated page table');

  const cookies: SafariCookie[] = [];
  let pageStart = sizesEnd;
  for (let page = 0; page < pageCount; page += 1) {
    const pageSize = bytes.readUInt32BE(8 + page * 4);
    if (pageSize > bytes.length - pageStart) fail('truncated page');
    cookies.push(...parsePage(bytes.subarray(pageStart, pageStart + pageSize)));
    pageStart += pageSize;
  }
  return cookies;
}

function parsePage(page: Buffer): SafariCookie[] {
  if (page.length < 8 || page.readUInt32BE(0) !== PAGE_MAGIC) fail('bad page header');
  const count = page.readUInt32LE(4);
  if (8 + count * 4 > page.length) fail('truncated cookie table');
  const cookies: SafariCookie[] = [];
  // Records follow each other without overlap, so the work and the text decoded stay within
  // the file's size however many offsets a hostile table lists.
  let nextFree = 8 + count * 4;
  for (let index = 0; index < count; index += 1) {
    const offset = page.readUInt32LE(8 + index * 4);
    if (offset < nextFree || offset > page.length - RECORD_HEADER_BYTES) fail('cookie offset outside its page');
    const size = page.readUInt32LE(offset);
    if (size < RECORD_HEADER_BYTES || size > page.length - offset) fail('bad cookie size');
    cookies.push(parseRecord(page.subarray(offset, offset + size)));
    nextFree = offset + size;
  }
  return cookies;
}

function parseRecord(record: Buffer): SafariCookie {
  const flags = record.readUInt32LE(8);
  const [domain, name, path, value] = [16, 20, 24, 28].map((at) => readCString(record, record.readUInt32LE(at))) as [
    string,
    string,
    string,
    string,
  ];
  return {
    domain,
    name,
    path,
    value,
    flags,
    expiresAt: dateFromMacSeconds(record.readDoubleLE(40)),
    createdAt: dateFromMacSeconds(record.readDoubleLE(48)),
  };
}

function readCString(record: Buffer, offset: number): string {
  if (offset < RECORD_HEADER_BYTES || offset >= record.length) fail('string offset outside its cookie');
  const end = record.indexOf(0, offset);
  if (end < 0) fail('unterminated string');
  return record.toString('utf8', offset, end);
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
