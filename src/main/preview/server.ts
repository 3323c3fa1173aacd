// `node dist/preview/server.js [--demo [--signed-out] [--speed N] [--accounts N]] [--port N]`: the UI in a
// browser. Without --demo it is the real app core — the user's settings file, keychain,
// browsers and the real Kimi service — exactly as the desktop app runs it; with --demo the
// same core runs against the built-in simulated Kimi service in a throw-away folder.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveLocale } from '../../shared/i18n/index.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { APP_VERSION } from '../core/version.js';
import { browserShellPorts } from './browser-shell.js';
import { createDemoRuntime } from './demo/demo-runtime.js';
import { SIMULATED_VERIFICATION_URI } from './demo/simulated-transport.js';
import { systemUrlOpener } from './open-url.js';
import { startPreviewApp, type PreviewApp } from './preview-app.js';
import { parsePreviewArgs, type PreviewCliOptions } from './preview-options.js';

const QUIT_GRACE_MS = 200;

interface Backing {
  readonly runtime: Runtime;
  readonly openUrl: (url: string) => Promise<void>;
  readonly describe: string;
  readonly remove: () => void;
}

async function realBacking(): Promise<Backing> {
  const runtime = await createRuntime({ env: process.env, platform: process.platform, home: homedir(), appVersion: APP_VERSION });
  const secrets = (await runtime.account().secrets.persistent()) ? 'the keychain' : 'memory for this session (no keychain found)';
  return {
    runtime,
    openUrl: systemUrlOpener(),
    describe: `KimiBar preview — settings in ${runtime.paths.configDir}, secrets in ${secrets}`,
    remove: () => undefined,
  };
}

async function demoBacking(options: PreviewCliOptions): Promise<Backing> {
  const demo = await createDemoRuntime({ speed: options.speed, signedOut: options.signedOut, accounts: options.accounts });
  const open = systemUrlOpener();
  return {
    runtime: demo.runtime,
    // The simulated device login's code means nothing to kimi.com; say where it would go instead.
    openUrl: async (url) => {
      if (url.startsWith(SIMULATED_VERIFICATION_URI)) console.log(`(demo) the browser would open ${url}`);
      else await open(url);
    },
    describe: `KimiBar demo — simulated Kimi service, files in ${demo.runtime.paths.configDir} (deleted on exit)`,
    remove: () => demo.remove(),
  };
}

async function main(): Promise<void> {
  const options = parsePreviewArgs(process.argv.slice(2), process.env);
  const backing = options.demo ? await demoBacking(options) : await realBacking();
  const distDir = join(import.meta.dirname, '..');
  let app: PreviewApp | null = null;
  const shutdown = async (): Promise<void> => {
    await app?.close();
    backing.remove();
    process.exit(0);
  };
  app = await startPreviewApp({
    runtime: backing.runtime,
    // Quit is itself a request: let its reply reach the page before the server closes.
    shell: browserShellPorts({
      openUrl: backing.openUrl,
      quit: () => void setTimeout(() => void shutdown(), QUIT_GRACE_MS),
      log: (line) => console.log(line),
      // Notifications read as the desktop app would word them: the Language setting, else the system's.
      locale: () => resolveLocale(backing.runtime.settings.get().general.language, [Intl.DateTimeFormat().resolvedOptions().locale]),
      now: () => backing.runtime.clock.now(),
    }),
    rendererDir: join(distDir, 'renderer'),
    previewDir: join(distDir, 'preview', 'public'),
    port: options.port,
  });
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  console.log(`${backing.describe}\n${app.server.url}`);
}

main().catch((error: unknown) => {
  console.error(`kimibar preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
