import { describe, expect, it } from 'vitest';
import {
  blobScheme,
  decryptCookieBlob,
  deriveKey,
  LINUX_ITERATIONS,
  LINUX_V10_PASSWORD,
  MAC_ITERATIONS,
} from '../../../src/main/core/cookies/chromium-crypto.js';
import { encryptCookie } from '../../fixtures/cookies/chromium.js';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

describe('Chromium cookie decryption — known macOS and Linux v10 test vectors', () => {
  it('derives the macOS key from a Keychain password used as text, not base64-decoded', () => {
    expect(deriveKey('6eIDUdtKAacvlHwBVwvg/Q==', MAC_ITERATIONS).toString('hex')).toBe('083eeb96b918ca46d5b7cb3110d90ec1');
  });

  it('decrypts the macOS v10 vector', () => {
    const key = deriveKey('6eIDUdtKAacvlHwBVwvg/Q==', MAC_ITERATIONS);
    const outcome = decryptCookieBlob({ blob: hex('763130b3beada15b9f43a198e09a01d9cfbf63'), keys: [key], metaVersion: 23, hostKey: '.example.com' });
    expect(outcome).toEqual({ ok: true, value: '2021-06-01-22' });
  });

  it('derives the Linux "peanuts" key and decrypts the Linux v10 vector', () => {
    const key = deriveKey(LINUX_V10_PASSWORD, LINUX_ITERATIONS);
    expect(key.toString('hex')).toBe('fd621fe5a2b402539dfa147ca9272778');
    const outcome = decryptCookieBlob({ blob: hex('763130cc5725cde6e69f4d2220a7b0cae407d6'), keys: [key], metaVersion: 23, hostKey: '.example.com' });
    expect(outcome).toEqual({ ok: true, value: 'USD' });
  });
});

describe('Chromium cookie decryption — store version 24 host hash', () => {
  const key = deriveKey('secret', LINUX_ITERATIONS);
  const blob = encryptCookie('eyJ.token.sig', { password: 'secret', iterations: 1, prefix: 'v11', metaVersion: 24, hostKey: '.kimi.com' });

  it('verifies and strips SHA-256(host_key)', () => {
    expect(decryptCookieBlob({ blob, keys: [key], metaVersion: 24, hostKey: '.kimi.com' })).toEqual({ ok: true, value: 'eyJ.token.sig' });
  });

  it('refuses a value whose hash belongs to another host', () => {
    const outcome = decryptCookieBlob({ blob, keys: [key], metaVersion: 24, hostKey: 'www.kimi.com' });
    expect(outcome).toEqual({ ok: false, status: 'unreadable-store', detail: 'cookie failed its integrity check' });
  });

  it('refuses a tampered first block instead of returning altered bytes', () => {
    const tampered = Buffer.from(blob);
    tampered[5] = (tampered[5] ?? 0) ^ 0x01;
    const outcome = decryptCookieBlob({ blob: tampered, keys: [key], metaVersion: 24, hostKey: '.kimi.com' });
    expect(outcome.ok).toBe(false);
  });

  it('reads a pre-24 value as is, without looking for a hash', () => {
    const old = encryptCookie('plain-old', { password: 'secret', iterations: 1, prefix: 'v10', metaVersion: 23, hostKey: '.kimi.com' });
    expect(decryptCookieBlob({ blob: old, keys: [key], metaVersion: 23, hostKey: '.kimi.com' })).toEqual({ ok: true, value: 'plain-old' });
  });
});

describe('Chromium cookie decryption — keys and formats', () => {
  it('retries with the empty password, as Chromium does', () => {
    const blob = encryptCookie('eyJ.x.y', { password: '', iterations: 1, prefix: 'v11', metaVersion: 24, hostKey: '.kimi.com' });
    const keys = [deriveKey('wrong', 1), deriveKey('', 1)];
    expect(decryptCookieBlob({ blob, keys, metaVersion: 24, hostKey: '.kimi.com' })).toEqual({ ok: true, value: 'eyJ.x.y' });
  });

  it('says "cannot decrypt" when no key fits', () => {
    const blob = encryptCookie('eyJ.x.y', { password: 'right', iterations: 1003, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' });
    const outcome = decryptCookieBlob({ blob, keys: [deriveKey('wrong', 1003)], metaVersion: 24, hostKey: '.kimi.com' });
    expect(outcome).toEqual({ ok: false, status: 'cannot-decrypt', detail: 'decryption failed (wrong key?)' });
  });

  it.each([
    ['v20', 'v20 app-bound encryption'],
    ['v12', 'v12 encryption'],
    ['xyz', 'unknown encryption format'],
  ])('reports a %s blob as "cannot decrypt" (%s)', (prefix, detail) => {
    const blob = Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.alloc(32, 7)]);
    expect(blobScheme(blob)).toBe('other');
    expect(decryptCookieBlob({ blob, keys: [deriveKey('', 1)], metaVersion: 24, hostKey: '.kimi.com' })).toEqual({ ok: false, status: 'cannot-decrypt', detail });
  });

  it.each([
    ['no cipher text', Buffer.from('v10')],
    ['a partial block', Buffer.concat([Buffer.from('v10'), Buffer.alloc(15)])],
    ['an oversized blob', Buffer.concat([Buffer.from('v10'), Buffer.alloc(128 * 1024)])],
  ])('treats %s as unreadable', (_label, blob) => {
    expect(decryptCookieBlob({ blob, keys: [deriveKey('', 1)], metaVersion: 24, hostKey: '.kimi.com' })).toEqual({ ok: false, status: 'unreadable-store', detail: 'malformed encrypted value' });
  });

  it('rejects a plaintext with control characters (a wrong key that happened to unpad)', () => {
    const blob = encryptCookie('bad\u0001value', { password: 'k', iterations: 1, prefix: 'v10', metaVersion: 23, hostKey: '.kimi.com' });
    const outcome = decryptCookieBlob({ blob, keys: [deriveKey('k', 1)], metaVersion: 23, hostKey: '.kimi.com' });
    expect(outcome).toEqual({ ok: false, status: 'unreadable-store', detail: 'cookie failed its integrity check' });
  });
});
