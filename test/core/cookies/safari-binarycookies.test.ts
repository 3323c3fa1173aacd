import { describe, expect, it } from 'vitest';
import { parseBinaryCookies, SAFARI_FLAGS } from '../../../src/main/core/cookies/safari-binarycookies.js';
import { CookieStoreError } from '../../../src/main/core/cookies/store-error.js';
import { writeBinaryCookies } from '../../fixtures/cookies/safari.js';
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
    const cookies = parseBinaryCookies(file);
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
    expect(parseBinaryCookies(writeBinaryCookies([]))).toEqual([]);
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

  it('refuses a file over 32 MiB as too large, before looking at it', () => {
    const error = parseError(new Uint8Array(32 * 1024 * 1024 + 1));
    expect([error.kind, error.detail]).toEqual(['store-too-large', 'over 32 MiB']);
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

  it('refuses a cookie offset outside its page and records that overlap', () => {
    const outside = Buffer.from(file);
    outside.writeUInt32LE(0xfffffff0, 8 + 3 * 4 + 8);
    expect(parseError(outside).detail).toBe('cookie offset outside its page');
    const overlapping = Buffer.from(file);
    const firstOffset = overlapping.readUInt32LE(8 + 3 * 4 + 8);
    overlapping.writeUInt32LE(firstOffset, 8 + 3 * 4 + 12);
    expect(parseError(overlapping).detail).toBe('cookie offset outside its page');
  });

  it('refuses a record size past its page, and string offsets outside the record', () => {
    const recordAt = 8 + 3 * 4 + file.readUInt32LE(8 + 3 * 4 + 8);
    const big = Buffer.from(file);
    big.writeUInt32LE(0xffffff, recordAt);
    expect(parseError(big).detail).toBe('bad cookie size');
    const stray = Buffer.from(file);
    stray.writeUInt32LE(0xffff, recordAt + 28);
    expect(parseError(stray).detail).toBe('string offset outside its cookie');
    const inHeader = Buffer.from(file);
    inHeader.writeUInt32LE(4, recordAt + 16);
    expect(parseError(inHeader).detail).toBe('string offset outside its cookie');
  });

  it('refuses an unterminated string', () => {
    const recordAt = 8 + 3 * 4 + file.readUInt32LE(8 + 3 * 4 + 8);
    const size = file.readUInt32LE(recordAt);
    const bad = Buffer.from(file);
    bad.fill(0x41, recordAt + 56, recordAt + size);
    expect(parseError(bad).detail).toBe('unterminated string');
  });

  it('treats NaN and infinite dates as absent', () => {
    const recordAt = 8 + 3 * 4 + file.readUInt32LE(8 + 3 * 4 + 8);
    const odd = Buffer.from(file);
    odd.writeDoubleLE(Number.NaN, recordAt + 40);
    odd.writeDoubleLE(Number.POSITIVE_INFINITY, recordAt + 48);
    const [first] = parseBinaryCookies(odd);
    expect(first?.expiresAt).toBeNull();
    expect(first?.createdAt).toBeNull();
  });
});
