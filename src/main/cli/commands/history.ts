// `kimibar history`: the stored refreshes, as a table, CSV or JSON.
import { WindowIdSchema } from '../../../shared/usage.js';
import { formatHistoryCsv, formatHistoryTable, toHistoryEntryView } from '../../core/history/index.js';
import type { Runtime } from '../../core/runtime.js';
import { oneOf, parseCommandArgs, usageError, wholeNumber } from '../args.js';
import { warnHistoryNotices } from '../history-notices.js';
import type { Output } from '../output.js';

const USAGE = 'kimibar history [--window 5h|weekly] [--days N] [--csv|--json]';
const DAY_MS = 86_400_000;

export async function runHistory(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { window: { type: 'string' }, days: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.csv && values.json) throw usageError('choose one of --csv and --json', USAGE);
  const windowId = values.window === undefined ? undefined : oneOf('--window', values.window, WindowIdSchema.options, '5h');
  const days = wholeNumber('--days', values.days, { min: 1, max: 90 }) ?? 7;

  const to = runtime.clock.now();
  const entries = runtime.history().entries(runtime.account().id, { from: to - days * DAY_MS, to, windowId });
  warnHistoryNotices(runtime, out);
  if (values.json) out.json(entries.map(toHistoryEntryView));
  else if (values.csv) process.stdout.write(formatHistoryCsv(entries));
  else process.stdout.write(formatHistoryTable(entries));
  return 0;
}
