// `kimibar guard`: a yes/no for scripts and agent hooks — exit 0 while at least N % of the
// window remains, 1 below that (or when the window is not in this plan's usage).
import type { Runtime } from '../../core/runtime.js';
import { ACCOUNT_OPTION, accountFor } from '../account-option.js';
import { oneOf, parseCommandArgs, usageError, wholeNumber } from '../args.js';
import { warnHistoryNotices } from '../history-notices.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';
import { interruptSignal } from './usage.js';

const USAGE = 'kimibar guard --window 5h|weekly --min-remaining N [--account NAME]';

export async function runGuard(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...ACCOUNT_OPTION, window: { type: 'string' }, 'min-remaining': { type: 'string' } }, USAGE);
  if (values.window === undefined || values['min-remaining'] === undefined) throw usageError('--window and --min-remaining are required', USAGE);
  const windowId = oneOf('--window', values.window, ['5h', 'weekly'] as const, '5h');
  const minRemaining = wholeNumber('--min-remaining', values['min-remaining'], { min: 0, max: 100 }) ?? 0;

  const account = accountFor(runtime, values.account);
  const { value: snapshot } = await refreshSnapshot(runtime, account, { signal: interruptSignal() }).finally(() => warnHistoryNotices(runtime, out));
  const window = snapshot.windows.find((w) => w.id === windowId);
  if (!window) {
    out.error(`${windowId === '5h' ? '5-hour' : 'Weekly'} window not reported for this account`);
    return 1;
  }
  const remaining = Math.round((100 - window.usedPercent) * 10) / 10;
  const ok = remaining >= minRemaining;
  out.line(`${window.title}: ${remaining}% left (${ok ? 'at least' : 'below'} ${minRemaining}%)`);
  return ok ? 0 : 1;
}
