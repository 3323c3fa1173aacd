// The Kimi Code CLI's own login, reused read-only. The CLI owns this file and rotates its
// refresh token: refreshing or rewriting it here would sign the CLI out, so KimiBar only
// reads the access token and uses it while it has more than a minute left.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Environment } from '../ports.js';

const MAX_FILE_BYTES = 64 * 1024;
/** A token that lapses within this margin could expire mid-request. */
const MIN_REMAINING_MS = 60_000;

const CliCredentialFileSchema = z.object({
  access_token: z.string().min(1).max(16 * 1024),
  /** Seconds since the epoch; the CLI writes a float. */
  expires_at: z.union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)]),
});

export interface CliCredential {
  readonly token: string;
  readonly expiresAt: Date;
  readonly path: string;
}

export type CliCredentialLookup =
  | { readonly status: 'found'; readonly credential: CliCredential }
  | { readonly status: 'expired'; readonly path: string; readonly expiresAt: Date }
  | { readonly status: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly status: 'missing' };

/** Candidate files, newest layout first. */
export function cliCredentialPaths(env: Environment, home: string): string[] {
  const paths: string[] = [];
  if (env.KIMI_CODE_HOME) paths.push(join(env.KIMI_CODE_HOME, 'credentials', 'kimi-code.json'));
  paths.push(join(home, '.kimi-code', 'credentials', 'kimi-code.json'));
  paths.push(join(home, '.kimi', 'credentials', 'kimi-code.json'));
  return paths;
}

/** The first existing credential file decides; a newer layout shadows an older one. */
export async function findCliCredential(env: Environment, home: string, now: Date): Promise<CliCredentialLookup> {
  for (const path of cliCredentialPaths(env, home)) {
    const text = await readSmallFile(path);
    if (text === null) continue;
    if (text instanceof Error) return { status: 'unreadable', path, reason: text.message };
    return interpret(path, text, now);
  }
  return { status: 'missing' };
}

function interpret(path: string, text: string, now: Date): CliCredentialLookup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'unreadable', path, reason: 'not valid JSON' };
  }
  const parsed = CliCredentialFileSchema.safeParse(json);
  if (!parsed.success) return { status: 'unreadable', path, reason: 'no access_token / expires_at' };
  const expiresMs = parsed.data.expires_at * 1000;
  if (!Number.isFinite(expiresMs) || Math.abs(expiresMs) > 8.64e15) {
    return { status: 'unreadable', path, reason: 'expires_at is not a time' };
  }
  const expiresAt = new Date(expiresMs);
  if (expiresMs - now.getTime() <= MIN_REMAINING_MS) return { status: 'expired', path, expiresAt };
  return { status: 'found', credential: { token: parsed.data.access_token, expiresAt, path } };
}

/** The file's text; null when it does not exist; an Error when it cannot be used. */
async function readSmallFile(path: string): Promise<string | null | Error> {
  let handle;
  try {
    // Non-blocking, so a FIFO planted at the path cannot hang the refresh.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return new Error(code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'cannot be opened');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return new Error('not a regular file');
    if (info.size > MAX_FILE_BYTES) return new Error('too large to be a credential file');
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_FILE_BYTES) return new Error('too large to be a credential file');
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return new Error('cannot be read');
  } finally {
    await handle.close();
  }
}
