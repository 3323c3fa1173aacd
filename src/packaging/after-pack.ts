// electron-builder's `afterPack` hook (electron-builder.yml; `npm run build` bundles it to
// dist/packaging/after-pack.js): gives the app Electron's builds of the native modules without
// touching node_modules. It runs once per platform and architecture, after electron-builder has
// written app.asar and the unpacked native modules beside it, and before the fuses are flipped
// and the app is signed — so the binaries it installs are signed with the rest.
//
//   1. copy each module of the plan from node_modules into release/.native-rebuild/<platform-arch>
//      (without build/, so no binary made for Node comes along);
//   2. run @electron/rebuild (electron-builder's own dependency) on that folder only;
//   3. check every rebuilt binary (format, architecture, Electron's module version) and only
//      then copy them over the ones electron-builder unpacked from node_modules.
//
// app.asar's header keeps the hashes of the Node builds for those unpacked files; Electron's
// asar integrity check covers the header and the files inside the archive, not the unpacked
// ones, which the code signature covers instead (docs/packaging.md).
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AfterPackContext } from 'app-builder-lib';
import type * as ElectronRebuild from '@electron/rebuild';
import builderUtil from 'builder-util';
import { binaryFacts, binaryProblem, rebuildPlan, STAGING_SKIPS, type RebuildPlan, type RebuildRequest } from './native-modules.js';

export interface RebuildTools {
  /** @electron/rebuild's `rebuild`, or a stand-in in tests. */
  rebuild(request: RebuildRequest): Promise<void>;
  /** The module version (ABI) of the Electron being packaged. */
  readonly abi: number;
  log(line: string): void;
}

/** Fresh copies of the modules to rebuild, with a package.json that names them, so that
 *  @electron/rebuild finds exactly these. */
export function stageModules(plan: RebuildPlan): void {
  rmSync(plan.stagingDir, { recursive: true, force: true });
  mkdirSync(join(plan.stagingDir, 'node_modules'), { recursive: true });
  const dependencies: Record<string, string> = {};
  for (const module of plan.modules) {
    const source = realpathSync(module.source);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version?: string };
    dependencies[module.name] = manifest.version ?? '*';
    cpSync(source, module.staged, {
      recursive: true,
      dereference: true,
      filter: (path) => {
        const inModule = relative(source, path);
        return !STAGING_SKIPS.includes(inModule);
      },
    });
  }
  writeFileSync(join(plan.stagingDir, 'package.json'), `${JSON.stringify({ name: 'kimibar-native-rebuild', private: true, dependencies }, null, 2)}\n`);
}

function nodeFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => join(dir, path))
    .filter((path) => path.endsWith('.node') && statSync(path).isFile());
}

/** What keeps the rebuilt binaries from going into the app; empty when nothing does. Checked
 *  in full before anything is copied, so a failed build never leaves a half-installed app. */
export function installProblems(plan: RebuildPlan, abi: number): string[] {
  const problems: string[] = [];
  for (const module of plan.modules) {
    if (!existsSync(module.packagedDir)) {
      problems.push(`${module.name}: electron-builder did not unpack it to ${module.packagedDir} (asarUnpack in electron-builder.yml)`);
      continue;
    }
    for (const binary of module.binaries) {
      const name = `${module.name}/${relative(module.staged, binary.built)}`;
      if (!existsSync(binary.built)) {
        problems.push(`${name}: the rebuild did not make it`);
        continue;
      }
      const problem = binaryProblem(binaryFacts(readFileSync(binary.built)), { platform: plan.platform, arch: plan.arch, abi });
      if (problem !== null) problems.push(`${name}: ${problem}`);
      if (!existsSync(binary.packaged)) problems.push(`${name}: the app has no such file to replace (is the module's binary still called ${basename(binary.packaged)}?)`);
    }
    const replaced = new Set(module.binaries.map((binary) => binary.packaged));
    for (const extra of nodeFilesUnder(module.packagedDir).filter((path) => !replaced.has(path))) {
      problems.push(`${module.name}/${relative(module.packagedDir, extra)}: the app carries this binary built for Node and nothing replaces it (leave it out with a "!…" pattern in electron-builder.yml's files)`);
    }
  }
  return problems;
}

export async function rebuildNativeModules(plan: RebuildPlan, tools: RebuildTools): Promise<void> {
  stageModules(plan);
  const names = plan.modules.map((module) => module.name).join(', ');
  tools.log(`native modules: rebuilding ${names} for Electron ${plan.rebuild.electronVersion} (${plan.platform}-${plan.arch}) in ${plan.stagingDir}`);
  await tools.rebuild(plan.rebuild);
  const problems = installProblems(plan, tools.abi);
  if (problems.length > 0) throw new Error(`native modules: the app cannot get Electron's binaries:\n  - ${problems.join('\n  - ')}`);
  for (const module of plan.modules) for (const binary of module.binaries) copyFileSync(binary.built, binary.packaged);
  tools.log(`native modules: ${names} installed into ${plan.unpackedDir}`);
}

/** @electron/rebuild and node-abi, resolved the way electron-builder resolves them (they are its
 *  dependencies, not ours), so the rebuild and the ABI check use the tables it would. */
async function electronRebuildTools(): Promise<Omit<RebuildTools, 'abi'> & { abiOf(electronVersion: string): number }> {
  const builderManifest = createRequire(import.meta.url).resolve('app-builder-lib/package.json');
  const rebuildEntry = createRequire(builderManifest).resolve('@electron/rebuild');
  const { rebuild } = (await import(pathToFileURL(rebuildEntry).href)) as typeof ElectronRebuild;
  const nodeAbi = createRequire(rebuildEntry)('node-abi') as { getAbi(target: string, runtime: string): string };
  return {
    rebuild: async (request) => {
      await rebuild(request);
    },
    abiOf: (electronVersion) => Number(nodeAbi.getAbi(electronVersion, 'electron')),
    log: (line) => console.log(`  • ${line}`),
  };
}

/** The plan for the app electron-builder is assembling. */
export function planFor(context: AfterPackContext): RebuildPlan {
  const packager = context.packager;
  return rebuildPlan({
    projectDir: packager.projectDir,
    outDir: context.outDir,
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    arch: builderUtil.Arch[context.arch],
    productFilename: packager.appInfo.productFilename,
    electronVersion: packager.info.framework.version,
  });
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const plan = planFor(context);
  const tools = await electronRebuildTools();
  await rebuildNativeModules(plan, { ...tools, abi: tools.abiOf(plan.rebuild.electronVersion) });
}
