// `kimibar usage`: the popover in a terminal, or the snapshot as JSON (the documented shape).
import { selectedAccount } from '../../../shared/accounts.js';
import { UsageSnapshotSchema } from '../../../shared/usage.js';
import type { SourceMode } from '../../core/auth/priority.js';
import type { Runtime } from '../../core/runtime.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { warnHistoryNotices } from '../history-notices.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';
import { renderUsage } from '../render-usage.js';

const MODES = ['auto', 'api', 'account', 'cli', 'web'] as const satisfies readonly SourceMode[];
const USAGE = 'kimibar usage [--source auto|api|account|cli|web] [--json] [--no-color]';

export async function runUsage(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { source: { type: 'string' }, json: { type: 'boolean' }, 'no-color': { type: 'boolean' } }, USAGE);
  const mode = oneOf('--source', values.source, MODES, selectedAccount(runtime.settings.get()).usageSource);
  const { value: snapshot } = await refreshSnapshot(runtime, { mode, signal: interruptSignal() }).finally(() => warnHistoryNotices(runtime, out));
  if (values.json) out.json(UsageSnapshotSchema.parse(snapshot));
  else out.line(renderUsage(snapshot, new Date(runtime.clock.now()), out));
  return 0;
}

/** Ctrl-C cancels the request in flight instead of leaving a half-written line. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
