// The `kimibar` command inside the packaged app. The app's binary cannot run as Node — its
// runAsNode fuse is off, so that the binary the Keychain trusts runs nothing but KimiBar — so
// resources/bin/kimibar (assets/cli/kimibar) starts the binary itself with IN_APP_CLI_FLAG, and
// the main entry runs this command line instead of the menu-bar app: no single-instance lock, no
// window, no tray, and Node's own transport like the `kimibar` from npm.
import { EXIT } from '../core/errors.js';
import { main } from './main.js';

/** What resources/bin/kimibar passes before `--` and the user's arguments. */
export const IN_APP_CLI_FLAG = '--kimibar-cli';

/** The command line's arguments when the app was started as `kimibar`; null for the app. */
export function inAppCliArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(IN_APP_CLI_FLAG);
  if (at === -1) return null;
  const rest = argv.slice(at + 1);
  // The wrapper ends Chromium's switches with `--`, so that an option of ours (`--json`) is
  // never taken for one of Chromium's; it is not an argument of the command.
  return rest[0] === '--' ? rest.slice(1) : rest;
}

/** Resolves once everything written so far has left the process (or the reader has gone). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/** Runs the command and ends the process with its exit code. Electron's `app.exit` does not wait
 *  for pending output, and writes to a pipe are asynchronous on macOS: `kimibar usage --json | jq`
 *  would lose its output without the wait. */
export async function runInAppCli(argv: readonly string[], exit: (code: number) => void): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch {
    // main reports its own failures; anything escaping it still ends the process with a failure.
    code = EXIT.failure;
  }
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  exit(code);
}
