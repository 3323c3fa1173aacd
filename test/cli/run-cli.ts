// Runs the built `kimibar` as a real child process with a private HOME, config folder and
// keychain service, pointed at a fake-kimi server.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/kimibar.js');
const BUNDLE = join(ROOT, 'dist/cli/kimibar.cjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliSandbox {
  readonly home: string;
  readonly configDir: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[], options?: { env?: NodeJS.ProcessEnv; stdin?: string }): Promise<CliResult>;
}

/** A fresh user: empty HOME, its own settings folder and its own keychain service. */
export function cliSandbox(fakeKimiUrl: string, extraEnv: NodeJS.ProcessEnv = {}): CliSandbox {
  if (!existsSync(BUNDLE)) throw new Error('dist/cli/kimibar.cjs is missing: run `npm run build` first');
  const home = mkdtempSync(join(tmpdir(), 'kimibar-cli-home-'));
  const configDir = join(home, 'config');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
    DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    KIMIBAR_CONFIG_DIR: configDir,
    KIMIBAR_KEYCHAIN_SERVICE: `KimiBar-test-${home.slice(-6)}`,
    KIMI_CODE_BASE_URL: fakeKimiUrl,
    KIMIBAR_WEB_BASE_URL: fakeKimiUrl,
    KIMI_CODE_OAUTH_HOST: fakeKimiUrl,
    TZ: 'UTC',
    NO_COLOR: '1',
    ...extraEnv,
  };
  return {
    home,
    configDir,
    env,
    run: (args, options = {}) => runCli(args, { ...env, ...options.env }, options.stdin),
  };
}

function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], env, stdin);
}

/** Any command, its output collected; for running `kimibar` under a wrapper such as `unshare`. */
export function runProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
