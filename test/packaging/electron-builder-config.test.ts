// electron-builder.yml as electron-builder itself reads and validates it (app-builder-lib's
// getConfig + validateConfiguration, against its scheme.json) — the check `npm run dist` makes
// first, run here because packaging itself needs the Electron binary this machine cannot fetch.
import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { resolveFunction } from 'app-builder-lib/out/util/resolve.js';
import type { Filter } from 'builder-util';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { REBUILT_MODULES } from '../../src/packaging/native-modules.js';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const keep = (pattern: string): string => pattern;

/** electron-builder's filter for files inside node_modules (internal to app-builder-lib: only the
 *  "!…" patterns of `files` apply there), as computeNodeModuleFileSets builds it per module. */
type NodeModuleFileMatcher = (appDir: string, destination: string, macroExpander: typeof keep, platformOptions: object, packager: object) => fileMatcher.FileMatcher;
const { getNodeModuleFileMatcher } = fileMatcher as unknown as { getNodeModuleFileMatcher: NodeModuleFileMatcher };

function distFiles(dir = dist): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? distFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** A file inside node_modules the way electron-builder's copier presents it to a filter. */
function moduleFile(module: string, inModule: string): { path: string; stat: Stats } {
  const path = join(root, 'node_modules', module, inModule);
  return { path, stat: Object.assign(statSync(path), { moduleFullFilePath: join('node_modules', module, inModule) }) };
}

/** electron-builder's matcher for a file list of the configuration (`files`, `asarUnpack`, …). */
async function matcher(name: 'files' | 'asarUnpack'): Promise<fileMatcher.FileMatcher> {
  const found = fileMatcher.getFileMatchers(await load(), name, '/app', { macroExpander: keep, customBuildOptions: {}, globalOutDir: join(root, 'release'), defaultSrc: root });
  if (found?.[0] === undefined) throw new Error(`electron-builder.yml has no ${name}`);
  return found[0];
}

async function packsNodeModuleFile(module: string, inModule: string): Promise<boolean> {
  const config = await load();
  const modules = getNodeModuleFileMatcher(root, '/app', keep, {}, { config, debugLogger: new DebugLogger(false) });
  const filter: Filter = new fileMatcher.FileMatcher(join(root, 'node_modules', module), join('/app/node_modules', module), keep, modules.patterns).createFilter();
  const { path, stat } = moduleFile(module, inModule);
  return filter(path, stat);
}

async function load(): Promise<Configuration> {
  return getConfig(root, resolve(root, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses that keep the Keychain-trusted binary from running anything but the app', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it("requires the macOS Electron 45 runs on, and hides the packaged app's Dock icon in its Info.plist", async () => {
    const mac = (await load()).mac;
    expect(mac?.minimumSystemVersion).toBe('13.0');
    // The one place for the packaged app (the `kimibar` command runs its binary too, and code
    // runs only after the icon has appeared); src/main/index.ts covers `npm start` alone.
    expect(mac?.extendInfo).toEqual({ LSUIElement: true });
  });

  it('the validation is real: a misspelt fuse is refused', async () => {
    const config = { ...(await load()), electronFuses: { runAsNode: false, enableNodeOptionsEnvironmentVariables: false } };
    await expect(validateConfiguration(config as Configuration, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });
});

describe('native modules', () => {
  it('are not rebuilt in node_modules: npmRebuild is off and the afterPack hook electron-builder loads is the built one', async () => {
    const config = await load();
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('./dist/packaging/after-pack.js');
    // Loaded the way electron-builder loads hooks: our default export, from dist.
    const hook = await resolveFunction<unknown>('module', config.afterPack, 'afterPack', root);
    expect(hook).toBeTypeOf('function');
    expect((hook as (context: unknown) => Promise<void>).name).toBe('afterPack');
    expect(existsSync(join(dist, 'packaging/after-pack.js'))).toBe(true);
  });

  it('are unpacked from the asar, binaries and all', async () => {
    const filter = (await matcher('asarUnpack')).createFilter();
    const binaries = [
      ...REBUILT_MODULES.flatMap((module) => module.binaries.map((binary) => moduleFile(module.name, binary))),
      moduleFile('classic-level', 'prebuilds/linux-x64/classic-level.node'),
    ];
    for (const { path, stat } of binaries) expect(filter(path, stat), path).toBe(true);
    const { path, stat } = moduleFile('better-sqlite3', 'lib/index.js');
    expect(filter(path, stat)).toBe(false);
  });

  it("carry the binaries the app loads, and neither better-sqlite3's sources nor its Node-built test extension", async () => {
    expect(await packsNodeModuleFile('better-sqlite3', 'build/Release/better_sqlite3.node')).toBe(true);
    expect(await packsNodeModuleFile('better-sqlite3', 'lib/index.js')).toBe(true);
    expect(await packsNodeModuleFile('keytar', 'build/Release/keytar.node')).toBe(true);
    expect(await packsNodeModuleFile('classic-level', 'prebuilds/linux-x64/classic-level.node')).toBe(true);
    expect(await packsNodeModuleFile('better-sqlite3', 'build/Release/test_extension.node')).toBe(false);
    expect(await packsNodeModuleFile('better-sqlite3', 'deps/sqlite3/sqlite3.c')).toBe(false);
    expect(await packsNodeModuleFile('better-sqlite3', 'src/better_sqlite3.cpp')).toBe(false);
    expect(await packsNodeModuleFile('better-sqlite3', 'build/Release/obj/gen/sqlite3/sqlite3.c')).toBe(false);
  });
});

describe('the files of the app (after `npm run build`)', () => {
  it('are the built main, preload, CLI and pages, without source maps, the preview, the bench or the packaging hook', async () => {
    if (!existsSync(join(dist, 'main/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const filter = (await matcher('files')).createFilter();
    const packed = distFiles()
      .filter((path) => filter(path, statSync(path)))
      .map((path) => relative(root, path));
    for (const needed of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/cli/kimibar.cjs', 'dist/renderer/popover.html', 'dist/renderer/settings.html']) {
      expect(packed).toContain(needed);
    }
    expect(packed.filter((path) => /\.map$|^dist\/(preview|bench|packaging)\//.test(path))).toEqual([]);
    expect(filter(join(root, 'package.json'), statSync(join(root, 'package.json')))).toBe(true);
  });
});
