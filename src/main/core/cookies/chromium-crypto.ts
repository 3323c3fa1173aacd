// Chromium's cookie encryption: `v10`/`v11` blobs are AES-128-CBC under a key
// derived with PBKDF2-HMAC-SHA1 from a password; from store version 24 the plaintext starts
// with SHA-256(host_key), which is verified before it is stripped, as Chromium does.
import { createDecipheriv, createHash, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { isCookieValue } from './text.js';

const SALT = 'saltysalt';
const KEY_BYTES = 16;
const IV = Buffer.alloc(16, 0x20);
const HASH_PREFIX_VERSION = 24;
const HASH_BYTES = 32;
/** A kimi-auth JWT is a few kilobytes; anything far larger is not a cookie we want. */
export const MAX_ENCRYPTED_BYTES = 64 * 1024;

export const MAC_ITERATIONS = 1003;
export const LINUX_ITERATIONS = 1;
export const LINUX_V10_PASSWORD = 'peanuts';

export function deriveKey(password: string, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), SALT, iterations, KEY_BYTES, 'sha1');
}

export type BlobScheme = 'v10' | 'v11' | 'other';

/** Names the scheme of an encrypted_value; `other` covers v12/v20 and anything unknown. */
export function blobScheme(blob: Uint8Array): BlobScheme {
  const prefix = Buffer.from(blob.subarray(0, 3)).toString('latin1');
  return prefix === 'v10' || prefix === 'v11' ? prefix : 'other';
}

/** A safe label for an undecryptable blob: "v20 encryption", never the blob's bytes. */
export function describeUnsupportedBlob(blob: Uint8Array): string {
  const prefix = Buffer.from(blob.subarray(0, 3)).toString('latin1');
  if (prefix === 'v20') return 'v20 app-bound encryption';
  return /^v\d\d$/.test(prefix) ? `${prefix} encryption` : 'unknown encryption format';
}

export type DecryptOutcome =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly status: 'cannot-decrypt' | 'unreadable-store'; readonly detail: string };

export interface DecryptInput {
  readonly blob: Uint8Array;
  /** Keys to try in order (the real one, then the empty-password key Chromium also tries). */
  readonly keys: readonly Buffer[];
  readonly metaVersion: number;
  readonly hostKey: string;
}

/**
 * Decrypts one `v10`/`v11` blob. Never throws: any input ends in a value or a typed outcome, and
 * a value is returned only when it is intact (hash prefix matches from v24, text is well formed).
 */
export function decryptCookieBlob({ blob, keys, metaVersion, hostKey }: DecryptInput): DecryptOutcome {
  if (blobScheme(blob) === 'other') return { ok: false, status: 'cannot-decrypt', detail: describeUnsupportedBlob(blob) };
  const cipherText = blob.subarray(3);
  if (cipherText.length === 0 || cipherText.length % 16 !== 0 || cipherText.length > MAX_ENCRYPTED_BYTES) {
    return { ok: false, status: 'unreadable-store', detail: 'malformed encrypted value' };
  }
  let integrityFailed = false;
  for (const key of keys) {
    const plain = aesDecrypt(key, cipherText);
    if (plain === null) continue;
    const body = metaVersion >= HASH_PREFIX_VERSION ? stripHostHash(plain, hostKey) : plain;
    const text = body === null ? null : cookieText(body);
    if (text !== null) return { ok: true, value: text };
    integrityFailed = true;
  }
  return integrityFailed
    ? { ok: false, status: 'unreadable-store', detail: 'cookie failed its integrity check' }
    : { ok: false, status: 'cannot-decrypt', detail: 'decryption failed (wrong key?)' };
}

function aesDecrypt(key: Buffer, cipherText: Uint8Array): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, IV);
    return Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    return null;
  }
}

function stripHostHash(plain: Buffer, hostKey: string): Buffer | null {
  if (plain.length < HASH_BYTES) return null;
  const expected = createHash('sha256').update(hostKey, 'utf8').digest();
  return timingSafeEqual(plain.subarray(0, HASH_BYTES), expected) ? plain.subarray(HASH_BYTES) : null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A cookie value is printable text; control bytes mean the key was wrong or the bytes altered. */
export function cookieText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
  return isCookieValue(text) ? text : null;
}
