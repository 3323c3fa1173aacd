#!/usr/bin/env node
// Builds the renderer for the browser with esbuild:
//   <out>/renderer/        popover and settings pages (html, css, js) — what Electron loads
//   <out>/preview/public/  the preview-only files: the bridge client and the preview page
// Prints every bundle's size. `node scripts/build-renderer.mjs [--out DIR]` (default: dist).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');

export async function buildRenderer(outDir = join(root, 'dist')) {
  const rendererOut = join(outDir, 'renderer');
  const previewOut = join(outDir, 'preview', 'public');
  mkdirSync(rendererOut, { recursive: true });
  mkdirSync(previewOut, { recursive: true });
  const browser = { bundle: true, minify: true, platform: 'browser', target: ['chrome120'], sourcemap: false, logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({ ...browser, format: 'esm', entryPoints: ['popover', 'settings'].map((name) => join(root, 'src/renderer', `${name}.ts`)), outdir: rendererOut }),
    build({ ...browser, format: 'iife', entryPoints: [join(root, 'src/renderer/preview-bridge.ts')], outfile: join(previewOut, 'bridge-client.js') }),
  ]);
  copyMatching(join(root, 'src/renderer'), rendererOut, /\.(html|css)$/);
  copyMatching(join(root, 'src/main/preview/public'), previewOut, /\.(html|css)$/);
  return { rendererOut, previewOut };
}

function copyMatching(from, to, pattern) {
  for (const name of readdirSync(from)) {
    if (pattern.test(name)) copyFileSync(join(from, name), join(to, name));
  }
}

function printSizes(dir, label) {
  for (const name of readdirSync(dir).sort()) {
    const size = statSync(join(dir, name)).size;
    console.log(`  ${label}/${name.padEnd(22)} ${(size / 1024).toFixed(1).padStart(6)} KiB`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { rendererOut, previewOut } = await buildRenderer(values.out ? resolve(values.out) : undefined);
  console.log('build-renderer:');
  printSizes(rendererOut, 'renderer');
  printSizes(previewOut, 'preview/public');
}
