// `kimibar statusline --refresh`: one refresh through the runtime, which writes the status-line
// cache and the line file (../refresh.ts), then the new line. A stale `kimibar statusline`
// starts it in the background with --release-lock: it then owns the single-flight lock the
// status line took (core/status-line/refresh-lock.ts) and removes it when done, whatever the
// outcome.
import type { Runtime } from '../../core/runtime.js';
import { readLineCache } from '../../core/status-line/cache-file.js';
import { renderStatusLine } from '../../core/status-line/line.js';
import { releaseRefreshLock } from '../../core/status-line/refresh-lock.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';
import { interruptSignal } from './usage.js';

const USAGE = 'kimibar statusline --refresh';

export async function runStatuslineRefresh(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { refresh: { type: 'boolean' }, 'release-lock': { type: 'boolean' } }, USAGE);
  const { configDir } = runtime.paths;
  try {
    await refreshSnapshot(runtime, { signal: interruptSignal() });
  } finally {
    if (values['release-lock']) releaseRefreshLock(configDir);
  }
  const line = renderStatusLine(readLineCache(configDir), { format: 'plain', windows: null, template: null, mode: 'left', now: runtime.clock.now() });
  out.line(line);
  return 0;
}
