// The built `kimibar` starting the whole CLI through its V8 code cache (src/main/cli/launch.ts,
// code-cache.ts): where the cache goes, that a second run compiles from it, that no secret the
// run handled is in it, and that a damaged cache — which V8 alone would crash on — costs the
// user nothing but its rewrite.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const API_KEY = 'sk-kimi-code-cache-secret-0123456789abcdef';

const kimi = useFakeKimi();
let sandbox: CliSandbox;
let cacheDir: string;

beforeEach(() => {
  sandbox = cliSandbox(kimi.url, { KIMI_CODE_API_KEY: API_KEY });
  // The sandbox sets no XDG_CACHE_HOME: the OS's per-user cache folder under its HOME.
  cacheDir = join(sandbox.home, '.cache', 'KimiBar', 'code-cache');
});

async function usageJson(): Promise<void> {
  const result = await sandbox.run(['usage', '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(UsageSnapshotSchema.parse(JSON.parse(result.stdout)).source.kind).toBe('api-key');
}

function theCacheFile(): string {
  const files = readdirSync(cacheDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^kimibar-[0-9a-f]{8}-\d+-v8-.+\.bin$/);
  return join(cacheDir, files[0]!);
}

it('the first command writes the code cache in the user cache folder, without the key it used; the next compiles from it', async () => {
  await usageJson();
  const file = theCacheFile();
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const bytes = readFileSync(file);
  expect(bytes.includes(API_KEY)).toBe(false);
  expect(bytes.includes(Buffer.from(API_KEY, 'utf16le'))).toBe(false);
  const written = statSync(file);

  await usageJson();
  // Not rewritten: the second run had a cache V8 accepted.
  const after = statSync(theCacheFile());
  expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
});

it('a damaged code cache is not handed to V8: the command works and the cache is written anew', async () => {
  await usageJson();
  const file = theCacheFile();
  const bytes = readFileSync(file);
  for (let at = Math.floor(bytes.length / 3); at < bytes.length; at += 13) bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  const damaged = statSync(file);

  await usageJson();
  const rewritten = statSync(theCacheFile());
  expect(rewritten.ino).not.toBe(damaged.ino);
  // …and the new one is good: the run after it leaves it as it is.
  await usageJson();
  expect(statSync(theCacheFile()).ino).toBe(rewritten.ino);
});
