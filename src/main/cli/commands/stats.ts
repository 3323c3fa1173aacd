// `kimibar stats`: what Kimi Code spent, from its own session logs on this machine, per day,
// model, project or session. The stats module (and SQLite with it) is loaded only here.
import { STATS_GROUPS, type StatsGroup } from '../../../shared/local-stats.js';
import { KimiError } from '../../core/errors.js';
import type { Runtime } from '../../core/runtime.js';
import { oneOf, parseCommandArgs, usageError, wholeNumber } from '../args.js';
import type { Output } from '../output.js';

const USAGE = 'kimibar stats [--days N] [--by day|model|project|session] [--json|--csv]';

export async function runStats(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { days: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } },
    USAGE,
  );
  if (values.csv && values.json) throw usageError('choose one of --csv and --json', USAGE);
  const by: StatsGroup = oneOf('--by', values.by, STATS_GROUPS, 'day');
  const days = wholeNumber('--days', values.days, { min: 1, max: 366 }) ?? 7;
  if (!runtime.settings.get().general.localStats) {
    throw new KimiError('usage', { detail: 'local usage stats are off (turn them on in Settings → Usage, or: kimibar config set general.localStats true)' });
  }

  const [stats, format] = await Promise.all([runtime.localStats(), import('../../core/stats/format.js')]);
  const report = await stats.scan();
  for (const notice of stats.takeNotices()) out.warn(notice.message);
  if (report.unreadable > 0) out.warn(`${report.unreadable} Kimi Code log file(s) could not be read`);
  if (report.symlinksOutside > 0) out.warn(`${report.symlinksOutside} link(s) out of the sessions folder were not followed`);
  const rows = stats.rows(by, days);
  if (values.json) out.json(format.toJsonRows(by, rows));
  else if (values.csv) process.stdout.write(format.formatStatsCsv(by, rows));
  else process.stdout.write(format.formatStatsTable(by, rows));
  return 0;
}
