#!/usr/bin/env node
// Where the Electron binary is, or null when it was never downloaded (CI, offline machines and
// headless servers skip the download). Read the way the electron package itself finds it —
// node_modules/electron/path.txt names the executable inside its dist/ folder — but without
// requiring the package, whose index.js throws when the binary is missing.
// As a command (`node scripts/electron-binary.mjs`) it exits 0 when the binary is there, else 1:
// scripts/setup.sh asks this before it tries the download, scripts/start.mjs before it starts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @returns {string | null} */
export function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return relative !== '' && existsSync(binary) ? binary : null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = electronBinary() ? 0 : 1;
}
