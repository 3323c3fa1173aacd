// The native modules inside the packaged app, and the plan that gives each one Electron's binary.
// Pure: paths and decisions only; src/packaging/after-pack.ts does the copying and the rebuild.
//
// Why a plan of our own: electron-builder's own step (`npmRebuild`) runs @electron/rebuild with
// the project itself as its build path, so it rewrites node_modules/better-sqlite3 in place for
// Electron's ABI (and, on a Mac building both architectures, for the last one built). After
// `npm run dist` the Node CLI and the tests on the same checkout could no longer load it. Here
// the modules are copied into a staging folder under the output directory, rebuilt there, and
// only the resulting binaries go into the app; node_modules is only ever read.
import { isAbsolute, join, relative } from 'node:path';

export interface NativeModule {
  readonly name: string;
  /** The binaries the module loads at run time, relative to its folder. */
  readonly binaries: readonly string[];
}

/** Modules whose binary is built against one runtime's ABI or one architecture: rebuilt for
 *  every packaged Electron version and architecture. better-sqlite3 uses V8's API (its binary
 *  names Node's or Electron's module version); keytar is Node-API, but its binary is still one
 *  architecture's, and the x64 Mac app is built on Apple silicon. */
export const REBUILT_MODULES: readonly NativeModule[] = [
  { name: 'better-sqlite3', binaries: ['build/Release/better_sqlite3.node'] },
  { name: 'keytar', binaries: ['build/Release/keytar.node'] },
];

/** Modules that ship Node-API binaries for every platform and architecture in `prebuilds/` and
 *  pick one at run time: the same files work in Node and in Electron, so nothing is rebuilt. */
export const PREBUILT_MODULES: readonly string[] = ['classic-level'];

/** What electron-builder packages: macOS and Linux, Apple silicon / ARM and Intel. */
const PLATFORMS = ['darwin', 'linux'] as const;
const ARCHES = ['x64', 'arm64'] as const;
export type TargetPlatform = (typeof PLATFORMS)[number];
export type TargetArch = (typeof ARCHES)[number];

export interface PackTarget {
  /** The checkout: its node_modules is read, never written. */
  readonly projectDir: string;
  /** electron-builder's output directory (`release/`). */
  readonly outDir: string;
  /** The unpacked app electron-builder is assembling (`release/mac-arm64`, `release/linux-unpacked`). */
  readonly appOutDir: string;
  /** electron-builder's `electronPlatformName`. */
  readonly platform: string;
  /** electron-builder's architecture name (`Arch[context.arch]`). */
  readonly arch: string;
  readonly productFilename: string;
  readonly electronVersion: string;
}

/** The options handed to @electron/rebuild (a subset of its RebuildOptions). */
export interface RebuildRequest {
  readonly buildPath: string;
  /** The same folder: @electron/rebuild looks for modules only up to here, never in the checkout. */
  readonly projectRootPath: string;
  readonly electronVersion: string;
  readonly platform: TargetPlatform;
  readonly arch: TargetArch;
  readonly onlyModules: string[];
  /** Never trust a binary the copy brought along; the copy leaves `build/` out anyway. */
  readonly force: true;
  readonly mode: 'sequential';
  /** No bin/<platform>-<arch>-<abi> copies: the app loads build/Release. */
  readonly disablePreGypCopy: true;
}

export interface BinaryInstall {
  /** Where the rebuild leaves it (staging folder). */
  readonly built: string;
  /** Where electron-builder put the module's own binary in the app (unpacked from the asar). */
  readonly packaged: string;
}

export interface ModulePlan {
  readonly name: string;
  readonly source: string;
  readonly staged: string;
  /** The module's folder inside the app, outside the asar. */
  readonly packagedDir: string;
  readonly binaries: readonly BinaryInstall[];
}

export interface RebuildPlan {
  readonly platform: TargetPlatform;
  readonly arch: TargetArch;
  readonly stagingDir: string;
  readonly unpackedDir: string;
  readonly modules: readonly ModulePlan[];
  readonly rebuild: RebuildRequest;
}

/** Folders of a module's package that the staging copy leaves out: whatever an earlier build
 *  for Node left there, so that a binary in the staging folder can only come from the rebuild. */
export const STAGING_SKIPS: readonly string[] = ['build', 'bin'];

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`native modules: cannot package for ${what} "${value}" (only ${allowed.join(', ')})`);
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Where the app's resources live in electron-builder's unpacked app. */
export function resourcesDir(platform: TargetPlatform, appOutDir: string, productFilename: string): string {
  return platform === 'darwin' ? join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources') : join(appOutDir, 'resources');
}

export function rebuildPlan(target: PackTarget): RebuildPlan {
  const platform = oneOf(target.platform, PLATFORMS, 'platform');
  const arch = oneOf(target.arch, ARCHES, 'architecture');
  const nodeModules = join(target.projectDir, 'node_modules');
  // One folder per platform and architecture: a Mac build makes arm64 and x64 in one run.
  const stagingDir = join(target.outDir, '.native-rebuild', `${platform}-${arch}`);
  if (isInside(stagingDir, nodeModules)) {
    throw new Error(`native modules: the staging folder ${stagingDir} lies inside node_modules, which must stay as the Node CLI and the tests need it`);
  }
  // The copies find their build tools (prebuild-install, node-addon-api, bindings) the way Node
  // finds any module: in the node_modules folders above them, so the checkout's must be one.
  if (!isInside(stagingDir, target.projectDir)) {
    throw new Error(`native modules: the staging folder ${stagingDir} must lie inside the checkout ${target.projectDir} (electron-builder.yml's directories.output), where the modules' build tools are found`);
  }
  const unpackedDir = join(resourcesDir(platform, target.appOutDir, target.productFilename), 'app.asar.unpacked');
  const modules = REBUILT_MODULES.map((module): ModulePlan => {
    const staged = join(stagingDir, 'node_modules', module.name);
    const packagedDir = join(unpackedDir, 'node_modules', module.name);
    return {
      name: module.name,
      source: join(nodeModules, module.name),
      staged,
      packagedDir,
      binaries: module.binaries.map((binary) => ({ built: join(staged, binary), packaged: join(packagedDir, binary) })),
    };
  });
  return {
    platform,
    arch,
    stagingDir,
    unpackedDir,
    modules,
    rebuild: {
      buildPath: stagingDir,
      projectRootPath: stagingDir,
      electronVersion: target.electronVersion,
      platform,
      arch,
      onlyModules: REBUILT_MODULES.map((module) => module.name),
      force: true,
      mode: 'sequential',
      disablePreGypCopy: true,
    },
  };
}

// ---- what a binary was built for ---------------------------------------------------------------

export interface BinaryFacts {
  readonly format: 'elf' | 'mach-o' | 'unknown';
  /** Architectures it contains (a universal Mach-O file has several). */
  readonly arches: readonly string[];
  /** 'node-api' for a Node-API module, else the module version (ABI) it registers for. */
  readonly abi: 'node-api' | number | null;
}

const ELF_MACHINES: Record<number, string> = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

function machOArches(bytes: Buffer): string[] | null {
  const magic = bytes.readUInt32BE(0);
  if (magic === 0xcafebabe) {
    // Universal: a big-endian table of (cputype, subtype, offset, size, align) per architecture.
    const count = bytes.readUInt32BE(4);
    const arches: string[] = [];
    for (let index = 0; index < count && 8 + index * 20 + 4 <= bytes.length; index++) {
      arches.push(MACHO_CPUS[bytes.readUInt32BE(8 + index * 20)] ?? 'unknown');
    }
    return arches;
  }
  if (magic === 0xcffaedfe) return [MACHO_CPUS[bytes.readUInt32LE(4)] ?? 'unknown'];
  return null;
}

/** Reads the file's header (ELF or Mach-O) and the registration symbol Node looks up: V8-API
 *  modules export `node_register_module_v<ABI>`, Node-API modules `napi_register_module_v1`. */
export function binaryFacts(bytes: Buffer): BinaryFacts {
  let format: BinaryFacts['format'] = 'unknown';
  let arches: string[] = [];
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    format = 'elf';
    const littleEndian = bytes[5] === 1;
    const machine = littleEndian ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    arches = [ELF_MACHINES[machine] ?? 'unknown'];
  } else if (bytes.length >= 8) {
    const mach = machOArches(bytes);
    if (mach !== null) {
      format = 'mach-o';
      arches = mach;
    }
  }
  const text = bytes.toString('latin1');
  const versioned = /node_register_module_v(\d+)/.exec(text);
  const abi = versioned ? Number(versioned[1]) : text.includes('napi_register_module_v') ? 'node-api' : null;
  return { format, arches, abi };
}

/** Why this binary must not ship in an app for that platform, architecture and Electron ABI;
 *  null when it may. */
export function binaryProblem(facts: BinaryFacts, target: { platform: TargetPlatform; arch: TargetArch; abi: number }): string | null {
  const format = target.platform === 'darwin' ? 'mach-o' : 'elf';
  if (facts.format !== format) return `it is not a ${format === 'elf' ? 'Linux (ELF)' : 'macOS (Mach-O)'} library`;
  if (!facts.arches.includes(target.arch)) return `it is built for ${facts.arches.join(' + ')}, not ${target.arch}`;
  if (facts.abi === null) return 'it registers no Node module';
  if (facts.abi !== 'node-api' && facts.abi !== target.abi) {
    return `it is built for module version ${facts.abi} (a Node build?), not Electron's ${target.abi}`;
  }
  return null;
}
