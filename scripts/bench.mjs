#!/usr/bin/env node
// Runs TypeScript benchmarks (and small TS tools such as the tray contact sheet): bundles each
// file with esbuild, then runs it with Node. Benchmarks print figures; nothing here asserts time.
//   node scripts/bench.mjs                 run every bench/*.bench.ts
//   node scripts/bench.mjs <file.ts> [...] run the given files
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'dist', 'bench');
mkdirSync(outDir, { recursive: true });

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(join(root, 'bench'))
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
      .map((f) => join(root, 'bench', f));

let failed = false;
for (const file of files) {
  const outfile = join(outDir, basename(file).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  console.log(`\n# ${basename(file)}`);
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
