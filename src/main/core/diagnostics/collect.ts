// Gathers a support bundle from a running core: the app (Settings → "Save diagnostics…") and
// `kimibar diagnose` call this one function, so both bundles hold the same facts.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '../../../shared/cookies.js';
import type { Runtime } from '../runtime.js';
import { buildDiagnostics, type DiagnosticsBundle, type SourceStatus } from './bundle.js';

export interface CollectOptions {
  readonly surface: DiagnosticsBundle['app']['surface'];
  readonly appVersion: string;
  readonly sources: readonly SourceStatus[];
  readonly cookieImport: readonly ImportReport[] | null;
}

export async function collectDiagnostics(runtime: Runtime, options: CollectOptions): Promise<DiagnosticsBundle> {
  return buildDiagnostics({
    ...options,
    now: new Date(runtime.clock.now()),
    versions: process.versions,
    os: { platform: platform(), release: release(), arch: arch(), locale: Intl.DateTimeFormat().resolvedOptions().locale },
    home: runtime.paths.home,
    configDir: runtime.paths.configDir,
    keychainPersistent: await runtime.account().secrets.persistent(),
    settings: runtime.settings.get(),
    activity: runtime.activity,
  });
}

/** The bundle as a file of its own in `<config dir>/diagnostics`, readable by the user only. */
export function writeDiagnosticsFile(dir: string, bundle: DiagnosticsBundle): string {
  const folder = join(dir, 'diagnostics');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = bundle.createdAt.replace(/[:.]/g, '-');
  const path = join(folder, `kimibar-diagnostics-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
