// `electron-builder --dir` for Linux, run for real with electron-builder.yml: electron-builder
// collects node_modules, writes app.asar, unpacks the native modules, copies the `kimibar`
// wrapper, calls the afterPack hook with its real context and flips the fuses. Two things stand
// in, because this machine and CI have neither: the Electron binary (a small file carrying the
// fuse wire @electron/fuses looks for) and the compile of the native modules (the hook's
// @electron/rebuild step, which needs Electron's headers from the network; here it puts this
// Node's binaries in the staging folder, marked, and the ABI check is told this Node's ABI).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { AfterPackContext } from 'app-builder-lib';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFor, rebuildNativeModules } from '../../src/packaging/after-pack.js';
import { REBUILT_MODULES, type RebuildPlan } from '../../src/packaging/native-modules.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_MODULES = join(ROOT, 'node_modules');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const MARK = Buffer.from('\0rebuilt in the staging folder by the test\0');
/** @electron/asar, electron-builder's own (resolved from app-builder-lib, whose dependency it is). */
const asar = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
};

let work: string;
let app: string;
let plan: RebuildPlan | undefined;
let nodeModulesBefore: string[];

function nodeModulesState(): string[] {
  return REBUILT_MODULES.flatMap((module) => {
    const release = join(NODE_MODULES, module.name, 'build/Release');
    return readdirSync(release).map((name) => {
      const stat = statSync(join(release, name));
      return `${module.name}/${name} ${stat.isFile() ? createHash('sha256').update(readFileSync(join(release, name))).digest('hex') : 'dir'} ${stat.mtimeMs}`;
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(dir, path)).isFile());
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/main/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  nodeModulesBefore = nodeModulesState();
  // Inside the checkout, where the hook requires its staging folder (release/ is git-ignored).
  mkdirSync(join(ROOT, 'release'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'release', 'test-builder-dir-'));
  // The Electron stand-in: every fuse the wrong way round, so each one electron-builder sets shows.
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\n# ${SENTINEL}`), Buffer.from([1, 8]), Buffer.from('10111100\n')]));
  chmodSync(join(electronDist, 'electron'), 0o755);

  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      directories: { output: join(work, 'release') },
      // The hook as electron-builder.yml's does it, with the compile stood in for.
      afterPack: async (context: AfterPackContext) => {
        plan = planFor(context);
        await rebuildNativeModules(plan, {
          abi: Number(process.versions.modules),
          log: () => undefined,
          rebuild: async () => {
            for (const module of plan?.modules ?? []) {
              for (const binary of module.binaries) {
                mkdirSync(join(binary.built, '..'), { recursive: true });
                writeFileSync(binary.built, Buffer.concat([readFileSync(join(module.source, relative(module.staged, binary.built))), MARK]));
              }
            }
          },
        });
      },
    },
  });
  app = join(work, 'release/linux-unpacked');
  // A guard against a hang of electron-builder on a busy machine, not a time budget.
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir (Linux, stand-in Electron binary and compile)', () => {
  it('hands the hook the app it is assembling, and the hook installs the rebuilt binaries there', () => {
    expect(plan?.unpackedDir).toBe(join(app, 'resources/app.asar.unpacked'));
    expect(plan?.stagingDir).toBe(join(work, 'release/.native-rebuild/linux-x64'));
    for (const module of REBUILT_MODULES) {
      for (const binary of module.binaries) {
        const installed = readFileSync(join(app, 'resources/app.asar.unpacked/node_modules', module.name, binary));
        expect(installed.subarray(-MARK.length).equals(MARK), `${module.name}/${binary}`).toBe(true);
      }
    }
    expect(nodeModulesState()).toEqual(nodeModulesBefore);
  });

  it('unpacks only the binaries and the code that loads them, no sources or build leftovers', () => {
    const unpacked = join(app, 'resources/app.asar.unpacked/node_modules');
    expect(filesUnder(join(unpacked, 'better-sqlite3')).filter((path) => !path.startsWith('lib/')).sort()).toEqual([
      'LICENSE',
      'build/Release/better_sqlite3.node',
      'package.json',
    ]);
    expect(filesUnder(join(unpacked, 'keytar')).filter((path) => path.endsWith('.node'))).toEqual(['build/Release/keytar.node']);
    expect(existsSync(join(unpacked, 'classic-level/prebuilds/linux-x64/classic-level.node'))).toBe(true);
  });

  it('packs the built app into app.asar: main, preload, CLI and pages, without maps, preview or the hook', () => {
    const listed = asar.listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((path) => path.replace(/^[/\\]/, ''));
    for (const needed of ['package.json', 'dist/main/index.js', 'dist/preload/index.cjs', 'dist/cli/kimibar.cjs', 'dist/renderer/popover.html', 'dist/renderer/settings.html']) {
      expect(listed).toContain(needed);
    }
    expect(listed.filter((path) => /^dist\/.*\.map$|^dist\/(preview|bench|packaging)(\/|$)/.test(path))).toEqual([]);
  });

  it('ships the kimibar wrapper, executable, as resources/bin/kimibar', () => {
    const wrapper = join(app, 'resources/bin/kimibar');
    expect(readFileSync(wrapper, 'utf8')).toBe(readFileSync(join(ROOT, 'assets/cli/kimibar'), 'utf8'));
    expect(statSync(wrapper).mode & 0o111).toBe(0o111);
  });

  it("names the binary kimibar-app and flips electron-builder.yml's fuses in it", () => {
    const binary = readFileSync(join(app, 'kimibar-app'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // only app.asar on; the two fuses KimiBar leaves alone stay as the binary had them.
    expect(binary.subarray(at + 2, at + 10).toString('latin1')).toBe('01001100');
  });
});
