// Which invocations draw the status line from the cache alone, and the drawing: one rule for
// the whole CLI (./main.ts, also the app's in-app `kimibar`) and for the status line's own small
// bundle (./statusline-entry.ts, which bin/kimibar.js loads for `statusline`).
import { runStatusline } from './commands/statusline.js';
import type { Output } from './output.js';
import { reportFailure } from './report-failure.js';

/** `kimibar statusline …` draws from the cache; only `--refresh` needs the runtime (keychain,
 *  settings store, HTTP client) and so the whole CLI. */
export function drawsLineOnly(argv: readonly string[]): boolean {
  return argv[0] === 'statusline' && !argv.includes('--refresh');
}

/**
 * A status line runs every second and must cost almost nothing: it reads only the cache,
 * never building the runtime. `argv` is the whole command line, `statusline` first.
 */
export async function drawStatusline(argv: readonly string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  try {
    return await runStatusline(argv.slice(1), out, { env, now: Date.now() });
  } catch (error) {
    return reportFailure(error, out);
  }
}
