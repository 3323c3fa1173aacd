// The Safari parser against an independent reader, on files in each layout Safari and WebKit
// apps write. No npm package offers a binarycookies parser that runs off macOS, so the reader is
// written here, deliberately unlike ours: it ignores the offset tables and walks each page's
// records back to back, decodes text with TextDecoder, and counts dates from 2001-01-01 itself.
import { describe, expect, it } from 'vitest';
import { parseBinaryCookies } from '../../../src/main/core/cookies/safari-binarycookies.js';
import { writeBinaryCookies } from '../../fixtures/cookies/safari.js';
import type { SafariCookieSpec, SafariLayout } from '../../fixtures/cookies/safari.js';

interface Row {
  readonly domain: string;
  readonly name: string;
  readonly path: string;
  readonly value: string;
  readonly flags: number;
  readonly expiresMs: number | null;
  readonly createdMs: number | null;
}

const MAC_EPOCH_MS = Date.UTC(2001, 0, 1);
const text = new TextDecoder('utf-8');

/** Reads a file front to back: page sizes, then each page's records in storage order. */
function readSequentially(file: Buffer): Row[] {
  expect(text.decode(file.subarray(0, 4))).toBe('cook');
  const pageCount = file.readUInt32BE(4);
  const sizes = Array.from({ length: pageCount }, (_, i) => file.readUInt32BE(8 + 4 * i));
  const rows: Row[] = [];
  let cursor = 8 + 4 * pageCount;
  for (const size of sizes) {
    const page = file.subarray(cursor, cursor + size);
    cursor += size;
    expect(Array.from(page.subarray(0, 4))).toEqual([0, 0, 1, 0]);
    const count = page.readUInt32LE(4);
    // Past the offset table and the zero word that closes it, the records follow one another.
    let at = 8 + 4 * count + 4;
    for (let i = 0; i < count; i += 1) {
      const size = page.readUInt32LE(at);
      rows.push(readRecord(page.subarray(at, at + size)));
      at += size;
    }
    expect(at).toBe(page.length);
  }
  return rows;
}

function readRecord(record: Buffer): Row {
  const field = (position: number): string => {
    const start = record.readUInt32LE(position);
    const bytes: number[] = [];
    for (let i = start; record[i] !== 0; i += 1) bytes.push(record[i] as number);
    return text.decode(Uint8Array.from(bytes));
  };
  const date = (position: number): number | null => {
    const seconds = record.readDoubleLE(position);
    return seconds === 0 ? null : MAC_EPOCH_MS + seconds * 1000;
  };
  return {
    domain: field(16),
    name: field(20),
    path: field(24),
    value: field(28),
    flags: record.readUInt32LE(8),
    expiresMs: date(40),
    createdMs: date(48),
  };
}

function ours(file: Buffer): Row[] {
  const { cookies, damaged } = parseBinaryCookies(file);
  expect(damaged).toBe(0);
  return cookies.map((c) => ({
    domain: c.domain,
    name: c.name,
    path: c.path,
    value: c.value,
    flags: c.flags,
    expiresMs: c.expiresAt?.getTime() ?? null,
    createdMs: c.createdAt?.getTime() ?? null,
  }));
}

const at = (iso: string): Date => new Date(iso);
const kimi: SafariCookieSpec = { domain: '.kimi.com', name: 'kimi-auth', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', flags: 5, expiresAt: at('2026-09-01T12:30:00Z'), createdAt: at('2026-03-01T10:00:00Z') };
const jar: readonly SafariCookieSpec[] = [
  { domain: 'example.org', name: 'sid', path: '/app', value: 'x', flags: 0, expiresAt: at('2027-01-01T00:00:00Z'), createdAt: at('2025-01-01T00:00:00.500Z') },
  { domain: '.news.example', name: 'prefs', value: 'lang=zh-CN&theme=dark', flags: 1, expiresAt: at('2026-12-24T08:00:00Z'), createdAt: at('2025-06-30T23:59:59Z') },
  { domain: 'www.kimi.com', name: 'locale', value: 'café', flags: 4 | 8 | 16, expiresAt: at('2030-05-05T05:05:05Z'), createdAt: at('2026-02-28T12:00:00Z') },
  { domain: 'localhost', name: 'dev', value: '', expiresAt: at('2026-04-01T00:00:00Z'), createdAt: at('2026-01-01T00:00:00Z'), port: 8443 },
  { domain: 'intranet.example', name: 'legacy', value: 'v1', expiresAt: at('2026-08-08T08:08:08Z'), createdAt: at('2024-08-08T08:08:08Z'), comment: 'old RFC 2965 cookie', commentUrl: 'https://intranet.example/cookies' },
];

const LAYOUTS: readonly (readonly [string, SafariLayout, readonly (readonly SafariCookieSpec[])[]])[] = [
  ['version-0 records, checksum and footer, one page', { recordVersion: 0, tail: 'footer' }, [[...jar, kimi]]],
  ['version-1 records with the cookie-policy plist after the footer', { recordVersion: 1, tail: 'footer-plist' }, [[jar[0]!, kimi], [jar[1]!, jar[2]!]]],
  ['no tail at all (files cut after the last page)', { tail: 'none' }, [[kimi, jar[0]!]]],
  ['offset tables listing records out of storage order', { recordVersion: 1, reversedOffsets: true, tail: 'footer-plist' }, [[...jar], [kimi, jar[2]!, jar[0]!]]],
  ['many pages, one of them empty, ports and comments', { tail: 'footer' }, [[jar[3]!], [], [jar[4]!, kimi], [jar[1]!]]],
];

describe('parseBinaryCookies against an independent sequential reader', () => {
  it.each(LAYOUTS)('reads %s identically', (_label, layout, pages) => {
    const file = writeBinaryCookies(pages, layout);
    const independent = readSequentially(file);
    expect(independent).toHaveLength(pages.flat().length);
    expect(ours(file)).toEqual(independent);
    // Both agree with what was written, not only with each other.
    expect(independent.map((r) => [r.domain, r.name, r.path, r.value])).toEqual(pages.flat().map((c) => [c.domain, c.name, c.path ?? '/', c.value]));
    expect(independent.find((r) => r.name === 'kimi-auth')?.expiresMs).toBe(kimi.expiresAt?.getTime());
  });
});
