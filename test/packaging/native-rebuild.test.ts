// The native-module step of packaging (src/packaging): the plan (where the copies are rebuilt,
// where the binaries go in the app), the check of a binary's format, architecture and module
// version, and the hook's copying — run here on the real node_modules with a stand-in for
// @electron/rebuild, which needs Electron's headers from the network. What must hold: the app
// gets the rebuilt binaries, a binary built for Node never ships, and node_modules is untouched.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installProblems, rebuildNativeModules, stageModules, type RebuildTools } from '../../src/packaging/after-pack.js';
import { binaryFacts, binaryProblem, REBUILT_MODULES, rebuildPlan, type PackTarget, type RebuildRequest, type TargetArch } from '../../src/packaging/native-modules.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_MODULES = join(ROOT, 'node_modules');
const NODE_ABI = Number(process.versions.modules);
/** Electron 45's module version (node_modules/electron/abi_version). */
const ELECTRON_ABI = Number(readFileSync(join(NODE_MODULES, 'electron/abi_version'), 'utf8'));
const HOST_ARCH = process.arch as TargetArch;
const SQLITE_BINARY = join(NODE_MODULES, 'better-sqlite3/build/Release/better_sqlite3.node');
const KEYTAR_BINARY = join(NODE_MODULES, 'keytar/build/Release/keytar.node');

function target(overrides: Partial<PackTarget> = {}): PackTarget {
  return {
    projectDir: '/work/project',
    outDir: '/work/project/release',
    appOutDir: '/work/project/release/mac-arm64',
    platform: 'darwin',
    arch: 'arm64',
    productFilename: 'KimiBar',
    electronVersion: '45.5.0',
    ...overrides,
  };
}

describe('the rebuild plan', () => {
  it('rebuilds copies in the output folder and installs into the app, never into node_modules', () => {
    const plan = rebuildPlan(target());
    expect(plan.stagingDir).toBe('/work/project/release/.native-rebuild/darwin-arm64');
    expect(plan.unpackedDir).toBe('/work/project/release/mac-arm64/KimiBar.app/Contents/Resources/app.asar.unpacked');
    const written = [plan.stagingDir, plan.rebuild.buildPath, ...plan.modules.flatMap((module) => [module.staged, ...module.binaries.flatMap((binary) => [binary.built, binary.packaged])])];
    for (const path of written) expect(relative('/work/project/node_modules', path).startsWith('..'), path).toBe(true);
    expect(plan.modules.map((module) => module.source)).toEqual(REBUILT_MODULES.map((module) => join('/work/project/node_modules', module.name)));
    expect(plan.modules[0]?.binaries[0]).toEqual({
      built: '/work/project/release/.native-rebuild/darwin-arm64/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      packaged: '/work/project/release/mac-arm64/KimiBar.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    });
  });

  it('asks @electron/rebuild for these modules only, for the Electron and architecture being packaged, looking nowhere above the staging folder', () => {
    const plan = rebuildPlan(target({ platform: 'linux', arch: 'x64', appOutDir: '/work/project/release/linux-unpacked' }));
    expect(plan.unpackedDir).toBe('/work/project/release/linux-unpacked/resources/app.asar.unpacked');
    expect(plan.rebuild).toEqual<RebuildRequest>({
      buildPath: '/work/project/release/.native-rebuild/linux-x64',
      projectRootPath: '/work/project/release/.native-rebuild/linux-x64',
      electronVersion: '45.5.0',
      platform: 'linux',
      arch: 'x64',
      onlyModules: ['better-sqlite3', 'keytar'],
      force: true,
      mode: 'sequential',
      disablePreGypCopy: true,
    });
  });

  it('keeps one staging folder per architecture: a Mac build makes arm64 and x64 in one run', () => {
    expect(rebuildPlan(target({ arch: 'x64' })).stagingDir).not.toBe(rebuildPlan(target({ arch: 'arm64' })).stagingDir);
  });

  it('refuses what KimiBar does not package, and an output folder inside node_modules', () => {
    expect(() => rebuildPlan(target({ platform: 'win32' }))).toThrow(/platform "win32"/);
    expect(() => rebuildPlan(target({ arch: 'universal' }))).toThrow(/architecture "universal"/);
    expect(() => rebuildPlan(target({ outDir: '/work/project/node_modules/.cache/release' }))).toThrow(/inside node_modules/);
    // Outside the checkout the copies would not find their build tools (node-addon-api, …).
    expect(() => rebuildPlan(target({ outDir: '/tmp/release' }))).toThrow(/must lie inside the checkout \/work\/project/);
  });

  it('lists every native dependency: the rebuilt ones ship a binding.gyp, none of the others does without prebuilds', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const withBinding = Object.keys(manifest.dependencies).filter((name) => existsSync(join(NODE_MODULES, name, 'binding.gyp')));
    const rebuilt = REBUILT_MODULES.map((module) => module.name);
    for (const name of withBinding) {
      // Either rebuilt, or a Node-API module with a prebuilt binary for each packaged target.
      if (rebuilt.includes(name)) continue;
      for (const prebuild of ['darwin-x64+arm64', 'linux-x64', 'linux-arm64']) expect(existsSync(join(NODE_MODULES, name, 'prebuilds', prebuild)), `${name} ${prebuild}`).toBe(true);
    }
    for (const module of REBUILT_MODULES) for (const binary of module.binaries) expect(existsSync(join(NODE_MODULES, module.name, binary)), binary).toBe(true);
  });
});

describe('what a binary was built for', () => {
  it("reads a V8-API module's ABI and architecture: node_modules holds Node's build of better-sqlite3", () => {
    expect(binaryFacts(readFileSync(SQLITE_BINARY))).toEqual({ format: 'elf', arches: [HOST_ARCH], abi: NODE_ABI });
  });

  it('recognises a Node-API module (keytar), which any ABI loads', () => {
    const facts = binaryFacts(readFileSync(KEYTAR_BINARY));
    expect(facts.abi).toBe('node-api');
    expect(binaryProblem(facts, { platform: 'linux', arch: HOST_ARCH, abi: ELECTRON_ABI })).toBeNull();
  });

  it("refuses Node's better-sqlite3 for Electron: the binary that in-place rebuilding was about", () => {
    const problem = binaryProblem(binaryFacts(readFileSync(SQLITE_BINARY)), { platform: 'linux', arch: HOST_ARCH, abi: ELECTRON_ABI });
    expect(problem).toBe(`it is built for module version ${NODE_ABI} (a Node build?), not Electron's ${ELECTRON_ABI}`);
  });

  it('refuses the wrong platform and the wrong architecture', () => {
    const facts = binaryFacts(readFileSync(KEYTAR_BINARY));
    expect(binaryProblem(facts, { platform: 'darwin', arch: HOST_ARCH, abi: ELECTRON_ABI })).toBe('it is not a macOS (Mach-O) library');
    const other: TargetArch = HOST_ARCH === 'x64' ? 'arm64' : 'x64';
    expect(binaryProblem(facts, { platform: 'linux', arch: other, abi: ELECTRON_ABI })).toBe(`it is built for ${HOST_ARCH}, not ${other}`);
  });

  it('reads Mach-O headers, thin and universal', () => {
    const symbol = Buffer.from(`\0node_register_module_v${ELECTRON_ABI}\0`, 'latin1');
    const thin = Buffer.alloc(32);
    thin.writeUInt32LE(0xfeedfacf, 0);
    thin.writeUInt32LE(0x0100000c, 4);
    expect(binaryFacts(Buffer.concat([thin, symbol]))).toEqual({ format: 'mach-o', arches: ['arm64'], abi: ELECTRON_ABI });
    const universal = Buffer.alloc(48);
    universal.writeUInt32BE(0xcafebabe, 0);
    universal.writeUInt32BE(2, 4);
    universal.writeUInt32BE(0x01000007, 8);
    universal.writeUInt32BE(0x0100000c, 28);
    const facts = binaryFacts(Buffer.concat([universal, symbol]));
    expect(facts.arches).toEqual(['x64', 'arm64']);
    expect(binaryProblem(facts, { platform: 'darwin', arch: 'x64', abi: ELECTRON_ABI })).toBeNull();
    expect(binaryProblem(binaryFacts(Buffer.from('not a library')), { platform: 'darwin', arch: 'x64', abi: ELECTRON_ABI })).toBe('it is not a macOS (Mach-O) library');
  });
});

describe('the afterPack hook on the real node_modules', () => {
  let work: string;
  let plan: ReturnType<typeof rebuildPlan>;
  const PLACEHOLDER = 'the binary electron-builder unpacked from node_modules';

  /** Hash and mtime of every file the Node CLI loads from node_modules' native modules. */
  function nodeModulesState(): string[] {
    return REBUILT_MODULES.flatMap((module) => {
      const release = join(NODE_MODULES, module.name, 'build/Release');
      return readdirSync(release).map((name) => {
        const path = join(release, name);
        const stat = statSync(path);
        const hash = stat.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'dir';
        return `${module.name}/${name} ${hash} ${stat.mtimeMs}`;
      });
    });
  }

  /** The app as electron-builder leaves it for afterPack: each module unpacked with its binary. */
  function packApp(): void {
    for (const module of plan.modules) {
      for (const binary of module.binaries) {
        mkdirSync(join(binary.packaged, '..'), { recursive: true });
        writeFileSync(binary.packaged, PLACEHOLDER);
      }
    }
  }

  /** Stands in for @electron/rebuild: checks what it was given, then "builds" by putting the
   *  binaries of this machine's Node in place — the build for `abi` below when that is Node's. */
  function tools(abi: number, seen: RebuildRequest[] = []): RebuildTools {
    return {
      abi,
      log: () => undefined,
      rebuild: async (request) => {
        seen.push(request);
        for (const module of plan.modules) {
          // A real copy without build/: nothing made for Node comes along into the staging folder.
          expect(lstatSync(module.staged).isSymbolicLink()).toBe(false);
          expect(existsSync(join(module.staged, 'binding.gyp'))).toBe(true);
          expect(existsSync(join(module.staged, 'build'))).toBe(false);
          for (const binary of module.binaries) {
            mkdirSync(join(binary.built, '..'), { recursive: true });
            copyFileSync(join(module.source, relative(module.staged, binary.built)), binary.built);
          }
        }
      },
    };
  }

  beforeEach(() => {
    // Inside the checkout, as the plan requires (release/ is git-ignored); removed afterwards.
    mkdirSync(join(ROOT, 'release'), { recursive: true });
    work = mkdtempSync(join(ROOT, 'release', 'test-after-pack-'));
    plan = rebuildPlan({
      projectDir: ROOT,
      outDir: join(work, 'release'),
      appOutDir: join(work, 'release/linux-unpacked'),
      platform: 'linux',
      arch: HOST_ARCH,
      productFilename: 'KimiBar',
      electronVersion: '45.5.0',
    });
    packApp();
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('installs the rebuilt binaries into the app and leaves node_modules exactly as it was', async () => {
    const before = nodeModulesState();
    const seen: RebuildRequest[] = [];
    await rebuildNativeModules(plan, tools(NODE_ABI, seen));
    expect(seen).toEqual([plan.rebuild]);
    for (const module of plan.modules) {
      for (const binary of module.binaries) expect(readFileSync(binary.packaged).equals(readFileSync(binary.built))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(plan.stagingDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(['better-sqlite3', 'keytar']);
    expect(nodeModulesState()).toEqual(before);
  });

  it("refuses to ship Node's better-sqlite3 in an Electron app and installs nothing", async () => {
    await expect(rebuildNativeModules(plan, tools(ELECTRON_ABI))).rejects.toThrow(
      `better-sqlite3/build/Release/better_sqlite3.node: it is built for module version ${NODE_ABI} (a Node build?), not Electron's ${ELECTRON_ABI}`,
    );
    for (const module of plan.modules) for (const binary of module.binaries) expect(readFileSync(binary.packaged, 'utf8')).toBe(PLACEHOLDER);
  });

  it('fails when the rebuild made nothing, rather than shipping what the app had', async () => {
    const silent: RebuildTools = { abi: NODE_ABI, log: () => undefined, rebuild: async () => undefined };
    await expect(rebuildNativeModules(plan, silent)).rejects.toThrow('better-sqlite3/build/Release/better_sqlite3.node: the rebuild did not make it');
  });

  it('names a binary built for Node that the app carries and nothing replaces', async () => {
    stageModules(plan);
    await tools(NODE_ABI).rebuild(plan.rebuild);
    const stray = join(plan.unpackedDir, 'node_modules/better-sqlite3/build/Release/test_extension.node');
    writeFileSync(stray, PLACEHOLDER);
    expect(installProblems(plan, NODE_ABI)).toEqual([expect.stringContaining('better-sqlite3/build/Release/test_extension.node: the app carries this binary built for Node')]);
  });

  it('names a module electron-builder did not unpack', async () => {
    stageModules(plan);
    await tools(NODE_ABI).rebuild(plan.rebuild);
    rmSync(join(plan.unpackedDir, 'node_modules/keytar'), { recursive: true });
    expect(installProblems(plan, NODE_ABI)).toEqual([expect.stringContaining('keytar: electron-builder did not unpack it')]);
  });
});
