// `npm start` (scripts/start.mjs) run as a child process from a copy of the scripts next to an
// electron package in each state a checkout can be in: never installed, installed without its
// binary (CI, offline, headless servers), and installed with it.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const scripts = resolve(import.meta.dirname, '../../scripts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A checkout with the real start scripts and, optionally, an electron package. */
function checkout(electron: 'absent' | 'no-path-file' | 'missing-binary' | 'installed'): string {
  const root = mkdtempSync(join(tmpdir(), 'kimibar-start-'));
  dirs.push(root);
  mkdirSync(join(root, 'scripts'));
  for (const name of ['start.mjs', 'electron-binary.mjs']) copyFileSync(join(scripts, name), join(root, 'scripts', name));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'kimibar', type: 'module' }));
  if (electron === 'absent') return root;
  const pkg = join(root, 'node_modules/electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }));
  if (electron === 'no-path-file') return root;
  writeFileSync(join(pkg, 'path.txt'), 'electron');
  if (electron === 'missing-binary') return root;
  // The "binary" records what it was started with; the build records that it ran first.
  writeFileSync(join(root, 'scripts/build.mjs'), "import { appendFileSync } from 'node:fs';\nappendFileSync(new URL('../log', import.meta.url), 'build\\n');\n");
  writeFileSync(join(pkg, 'dist/electron'), `#!/bin/sh\necho "electron $*" >> "${join(root, 'log')}"\nexit 7\n`);
  chmodSync(join(pkg, 'dist/electron'), 0o755);
  return root;
}

function start(root: string) {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, encoding: 'utf8' });
}

describe('npm start (scripts/start.mjs)', () => {
  it.each(['absent', 'no-path-file', 'missing-binary'] as const)('without the Electron binary (%s): one line naming `npm run demo`, no stack trace, exit 1', (state) => {
    const run = start(checkout(state));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('`npm run demo`');
    expect(lines[0]).toContain('Electron binary is not installed');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/Error:/);
  });

  it('with the binary: builds, then runs it on the checkout and exits with its code', () => {
    const root = checkout('installed');
    const run = start(root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(7);
    expect(readFileSync(join(root, 'log'), 'utf8')).toBe(`build\nelectron ${root}\n`);
  });
});
