// How a failed command ends: one clear stderr line and the documented exit code. Shared by the
// whole CLI (./main.ts) and the status line's own bundle (./statusline-entry.ts), which must not
// load the rest of the CLI to report a bad option.
import { EXIT, KimiError, redactSecrets } from '../core/errors.js';
import type { Output } from './output.js';

/** Nothing set up is where everyone starts: the one line says how to begin, not what failed. */
export const START_HINT = 'Nothing is set up yet: sign in with `kimibar login`, or save an API key with `kimibar config set-api-key`';

export function reportFailure(error: unknown, out: Output): number {
  if (error instanceof KimiError) {
    out.error(error.code === 'not-configured' ? START_HINT : error.message);
    return error.exitCode;
  }
  // An unexpected failure still gets one line, never a stack trace with secrets in it.
  out.error(`kimibar: ${redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300)}`);
  return EXIT.failure;
}
