import { describe, expect, it } from 'vitest';
import { MAX_DAMAGED_RECORDS, MAX_SAFARI_COOKIES, parseBinaryCookies, SAFARI_FLAGS } from '../../../src/main/core/cookies/safari-binarycookies.js';
import { CookieStoreError } from '../../../src/main/core/cookies/store-error.js';
import { pageStart, writeBinaryCookies, writeRepeatedCookies } from '../../fixtures/cookies/safari.js';
import type { SafariCookieSpec } from '../../fixtures/cookies/safari.js';

const created = new Date('2025-03-01T10:00:00Z');
const expires = new Date('2026-09-01T12:30:00Z');
const kimi: SafariCookieSpec = { domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.a.b', flags: SAFARI_FLAGS.secure | SAFARI_FLAGS.httpOnly, expiresAt: expires, createdAt: created };
const other: SafariCookieSpec = { domain: 'example.org', name: 'sid', path: '/app', value: 'x', flags: 0, expiresAt: null, createdAt: created };
const file = writeBinaryCookies([[other, kimi], [other], [{ ...kimi, domain: 'www.kimi.com', value: 'second' }]]);

function parseError(bytes: Uint8Array): CookieStoreError {
  try {
    parseBinaryCookies(bytes);
  } catch (error) {
    if (error instanceof CookieStoreError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseBinaryCookies', () => {
  it('reads every cookie of every page with its flags, path and dates', () => {
    const { cookies, damaged } = parseBinaryCookies(file);
    expect(damaged).toBe(0);
    expect(cookies.map((c) => [c.domain, c.name, c.path, c.value, c.flags])).toEqual([
      ['example.org', 'sid', '/app', 'x', 0],
      ['.kimi.com', 'kimi-auth', '/', 'eyJ.a.b', 5],
      ['example.org', 'sid', '/app', 'x', 0],
      ['www.kimi.com', 'kimi-auth', '/', 'second', 5],
    ]);
    expect(cookies[1]?.expiresAt?.toISOString()).toBe(expires.toISOString());
    expect(cookies[1]?.createdAt?.toISOString()).toBe(created.toISOString());
    expect(cookies[0]?.expiresAt).toBeNull();
  });

  it('reads a file with no pages', () => {
    expect(parseBinaryCookies(writeBinaryCookies([]))).toEqual({ cookies: [], damaged: 0 });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'not a binarycookies file'],
    ['the wrong magic', Buffer.from('kooc\0\0\0\0'), 'not a binarycookies file'],
    ['a page count beyond the file', Buffer.from([0x63, 0x6f, 0x6f, 0x6b, 0xff, 0xff, 0xff, 0xff]), 'truncated page table'],
    ['a truncated last page', file.subarray(0, file.length - 40), 'truncated page'],
  ])('refuses %s', (_label, bytes, detail) => {
    const error = parseError(bytes);
    expect(error.kind).toBe('unreadable-store');
    expect(error.detail).toBe(detail);
  });

  it('refuses a page with a bad header', () => {
    const bad = Buffer.from(file);
    bad.writeUInt32BE(0xdeadbeef, 8 + 3 * 4);
    expect(parseError(bad).detail).toBe('bad page header');
  });

  it('refuses a cookie count larger than its page', () => {
    const bad = Buffer.from(file);
    bad.writeUInt32LE(0x7fffffff, 8 + 3 * 4 + 4);
    expect(parseError(bad).detail).toBe('truncated cookie table');
  });

  /** The cookies read, as domain/value pairs, and how many records were skipped. */
  const readBack = (bytes: Uint8Array): { cookies: string[]; damaged: number } => {
    const read = parseBinaryCookies(bytes);
    return { cookies: read.cookies.map((c) => `${c.domain} ${c.value}`), damaged: read.damaged };
  };
  const firstPage = pageStart(file, 0);
  const firstRecord = firstPage + file.readUInt32LE(firstPage + 8);

  it('skips a cookie whose offset is outside its page, and keeps the rest', () => {
    const outside = Buffer.from(file);
    outside.writeUInt32LE(0xfffffff0, firstPage + 8);
    expect(readBack(outside)).toEqual({ cookies: ['.kimi.com eyJ.a.b', 'example.org x', 'www.kimi.com second'], damaged: 1 });
  });

  it('skips the later of two records that overlap, so no byte is read twice', () => {
    const overlapping = Buffer.from(file);
    overlapping.writeUInt32LE(overlapping.readUInt32LE(firstPage + 8), firstPage + 12);
    expect(readBack(overlapping)).toEqual({ cookies: ['example.org x', 'example.org x', 'www.kimi.com second'], damaged: 1 });
  });

  it('reads records that the table lists out of file order', () => {
    const swapped = Buffer.from(file);
    const [a, b] = [swapped.readUInt32LE(firstPage + 8), swapped.readUInt32LE(firstPage + 12)];
    swapped.writeUInt32LE(b, firstPage + 8);
    swapped.writeUInt32LE(a, firstPage + 12);
    expect(readBack(swapped)).toEqual(readBack(file));
    expect(readBack(swapped).damaged).toBe(0);
  });

  it.each([
    ['a record size past its page', (bytes: Buffer) => bytes.writeUInt32LE(0xffffff, firstRecord)],
    ['a record size under its header', (bytes: Buffer) => bytes.writeUInt32LE(12, firstRecord)],
    ['a string offset past the record', (bytes: Buffer) => bytes.writeUInt32LE(0xffff, firstRecord + 28)],
    ['a string offset inside the header', (bytes: Buffer) => bytes.writeUInt32LE(4, firstRecord + 16)],
    ['an unterminated string', (bytes: Buffer) => bytes.fill(0x41, firstRecord + 56, firstRecord + bytes.readUInt32LE(firstRecord))],
  ])('skips a record with %s and reads its neighbours, kimi-auth included', (_label, damage) => {
    const bad = Buffer.from(file);
    damage(bad);
    expect(readBack(bad)).toEqual({ cookies: ['.kimi.com eyJ.a.b', 'example.org x', 'www.kimi.com second'], damaged: 1 });
  });

  it(`skips up to ${MAX_DAMAGED_RECORDS} damaged records and refuses a file with more`, () => {
    const withBadOffsets = (bad: number): Buffer => {
      const cookies = Array.from({ length: bad + 1 }, (_, i) => ({ ...other, value: `v${i}` }));
      const bytes = writeBinaryCookies([cookies]);
      const start = pageStart(bytes, 0);
      for (let i = 0; i < bad; i += 1) bytes.writeUInt32LE(0xfffffff0, start + 8 + i * 4);
      return bytes;
    };
    expect(readBack(withBadOffsets(MAX_DAMAGED_RECORDS))).toEqual({ cookies: [`example.org v${MAX_DAMAGED_RECORDS}`], damaged: MAX_DAMAGED_RECORDS });
    const error = parseError(withBadOffsets(MAX_DAMAGED_RECORDS + 1));
    expect([error.kind, error.detail]).toEqual(['unreadable-store', 'too many damaged cookies']);
  });

  it('reads a page of 150,000 cookies without an engine error', () => {
    const { cookies, damaged } = parseBinaryCookies(writeRepeatedCookies(kimi, 150_000));
    expect(damaged).toBe(0);
    expect(cookies).toHaveLength(150_000);
    expect(cookies[149_999]).toMatchObject({ domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.a.b' });
  });

  it(`refuses a file listing more than ${MAX_SAFARI_COOKIES} cookies before reading them`, () => {
    const count = MAX_SAFARI_COOKIES + 1;
    const table = Buffer.alloc(8 + count * 4 + 4);
    table.writeUInt32BE(0x00000100, 0);
    table.writeUInt32LE(count, 4);
    const head = Buffer.alloc(12);
    head.write('cook', 0, 'latin1');
    head.writeUInt32BE(1, 4);
    head.writeUInt32BE(table.length, 8);
    const error = parseError(Buffer.concat([head, table]));
    expect([error.kind, error.detail]).toEqual(['unreadable-store', 'too many cookies']);
  });

  it('refuses a file over 32 MiB as too large, before looking at it', () => {
    const error = parseError(new Uint8Array(32 * 1024 * 1024 + 1));
    expect([error.kind, error.detail]).toEqual(['store-too-large', 'over 32 MiB']);
  });

  it('treats NaN and infinite dates as absent', () => {
    const recordAt = 8 + 3 * 4 + file.readUInt32LE(8 + 3 * 4 + 8);
    const odd = Buffer.from(file);
    odd.writeDoubleLE(Number.NaN, recordAt + 40);
    odd.writeDoubleLE(Number.POSITIVE_INFINITY, recordAt + 48);
    const [first] = parseBinaryCookies(odd).cookies;
    expect(first?.expiresAt).toBeNull();
    expect(first?.createdAt).toBeNull();
  });
});
