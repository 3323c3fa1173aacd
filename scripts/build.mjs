#!/usr/bin/env node
// Builds every process of the app with esbuild:
//   dist/main/index.js     Electron main (ESM; electron and native modules stay external)
//   dist/preload/index.cjs preload (CommonJS: sandboxed preloads cannot be ES modules)
//   dist/cli/kimibar.cjs   the `kimibar` command, every command (plain Node, CommonJS; its module
//                          graph in kimibar.meta.json)
//   dist/cli/launch.cjs    what bin/kimibar.js starts for a command: kimibar.cjs through its V8
//                          code cache (src/main/cli/code-cache.ts)
//   dist/cli/statusline.cjs `kimibar statusline` alone (graph in statusline.meta.json); hands the
//                          rest to launch's code
//   dist/preview/server.js the preview/demo bridge server (plain Node)
//   dist/renderer/         popover and settings UI (scripts/build-renderer.mjs)
//   dist/packaging/after-pack.js  electron-builder's afterPack hook (not part of the app)
//   artifacts/tray-states.png  every tray-icon state at 1x and 2x, to look at
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

// Native modules and electron are loaded at run time, never bundled. better-sqlite3 is the
// exception: its JavaScript is small and is bundled, so it comes with the rest of a bundle's code
// instead of a dozen files resolved through Node's module loader (~8 ms of a CLI run), while its
// addon is loaded by path (core/sqlite.ts); `bindings`, its own search for the addon, stays
// outside and is reached only through core/sqlite.ts's fallback.
const external = ['electron', 'bindings', 'keytar', 'classic-level'];
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', external };
// ESM bundles that pull in CommonJS dependencies need a real `require`, and `__dirname` /
// `__filename`, which CommonJS code reads freely (menubar's start-up does; without them the
// popover is never created).
const esmBanner = {
  js: [
    "import { createRequire as __kimibarRequire } from 'node:module';",
    "import { dirname as __kimibarDirname } from 'node:path';",
    "import { fileURLToPath as __kimibarFileURLToPath } from 'node:url';",
    'const require = __kimibarRequire(import.meta.url);',
    'const __filename = __kimibarFileURLToPath(import.meta.url);',
    'const __dirname = __kimibarDirname(__filename);',
  ].join(' '),
};

// The CLI's bundles are CommonJS: bin/kimibar.js loads them without Node's ES module loader (a
// cost every status line would pay), and only a classic script can be compiled from a V8 code
// cache on Node 20 (vm.Script's cachedData; ES modules have no such door). `import()` becomes
// `require` (every package the CLI imports at run time is CommonJS, and a script run by
// vm.Script has no loader for `import()`); `import.meta` is filled in from the CommonJS
// module's own file name (import.meta.url, which better-sqlite3's loading needs, only in the
// bundle that opens databases: the status line does not load node:url for it).
//
// The CLI's bundles are also minified (whitespace and syntax; names stay, for readable stack
// traces) and must be ASCII: Node reads them on every run, and a pure-ASCII file is read as a
// one-byte string instead of being decoded as UTF-8 into a two-byte one twice its size (the
// check is below).
const cjs = {
  ...node,
  format: 'cjs',
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.dirname': '__dirname' },
};
const cjsWithUrl = {
  ...cjs,
  define: { ...cjs.define, 'import.meta.url': '__kimibarImportMetaUrl' },
  banner: { js: "var __kimibarImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
const cliBundle = join(dist, 'cli/kimibar.cjs');
const statuslineBundle = join(dist, 'cli/statusline.cjs');
const [, , cli, statusline] = await Promise.all([
  build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'src/main/index.ts')], outfile: join(dist, 'main/index.js') }),
  build({ ...node, format: 'cjs', entryPoints: [join(root, 'src/preload/index.ts')], outfile: join(dist, 'preload/index.cjs') }),
  // The CLI is started for every status-line refresh: its size is start-up time (Node parses
  // all of it), so the build reports it and keeps its module graph for test/cli/cli-bundle.
  build({ ...cjsWithUrl, metafile: true, entryPoints: [join(root, 'src/main/cli/main.ts')], outfile: cliBundle }),
  // Started every second by status-line hosts: only what drawing the line needs.
  build({ ...cjs, metafile: true, entryPoints: [join(root, 'src/main/cli/statusline-entry.ts')], outfile: statuslineBundle }),
  build({ ...cjs, entryPoints: [join(root, 'src/main/cli/launch.ts')], outfile: join(dist, 'cli/launch.cjs') }),
  build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'src/main/preview/server.ts')], outfile: join(dist, 'preview/server.js') }),
  // Loaded by electron-builder in its own process: its dependencies (app-builder-lib,
  // builder-util, @electron/rebuild) come from node_modules there, never bundled.
  build({ ...node, format: 'esm', packages: 'external', entryPoints: [join(root, 'src/packaging/after-pack.ts')], outfile: join(dist, 'packaging/after-pack.js') }),
]);

for (const bundle of [cliBundle, statuslineBundle, join(dist, 'cli/launch.cjs')]) {
  const offset = readFileSync(bundle).findIndex((byte) => byte > 0x7f);
  if (offset !== -1) throw new Error(`build: ${bundle} has a non-ASCII byte at offset ${offset}; write it as an escape (\\u…) in the source`);
}
writeFileSync(join(dist, 'cli/kimibar.meta.json'), JSON.stringify(cli.metafile));
writeFileSync(join(dist, 'cli/statusline.meta.json'), JSON.stringify(statusline.metafile));
const kib = (file) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;
console.log(`build: CLI bundle dist/cli/kimibar.cjs ${kib(cliBundle)}, status line dist/cli/statusline.cjs ${kib(statuslineBundle)}`);

const renderer = spawnSync(process.execPath, [join(root, 'scripts/build-renderer.mjs')], { stdio: 'inherit' });
if (renderer.status !== 0) process.exit(renderer.status ?? 1);
const sheet = spawnSync(process.execPath, [join(root, 'scripts/bench.mjs'), join(root, 'scripts/tray-contact-sheet.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (sheet.status !== 0) process.exit(sheet.status ?? 1);
console.log('build: dist/ ready; tray icon contact sheet in artifacts/tray-states.png');
