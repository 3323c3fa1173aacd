// Runs a TypeScript entry file in a separate Node process (bundled with esbuild, packages left
// external), for tests that need a second process: a different environment, a second
// connection to the same file.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Inside the project (.tmp is git-ignored) so the bundle's imports resolve from node_modules.
const projectRoot = resolve(import.meta.dirname, '../../../..');
let outDir: string | null = null;

export async function bundleChild(entry: string): Promise<string> {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  outDir ??= mkdtempSync(join(projectRoot, '.tmp', 'child-'));
  const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
  return outfile;
}

/** Removes the bundles; call from afterAll. */
export function removeChildBundles(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  outDir = null;
}

/** Starts a bundled child; resolves when it exits. */
export function runChild(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
