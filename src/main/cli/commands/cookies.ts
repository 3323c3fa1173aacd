// `kimibar cookies`: what browser import finds, per browser and profile — never the value.
import { selectedAccount } from '../../../shared/accounts.js';
import { formatImportReports } from '../../core/cookies/index.js';
import type { Runtime } from '../../core/runtime.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';

export async function runCookies(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, 'no-color': { type: 'boolean' } }, 'kimibar cookies [--json]');
  const { found, reports } = await runtime.cookies.importKimiAuth({ region: selectedAccount(runtime.settings.get()).region, force: true, scanAll: true });
  if (values.json) {
    out.json({
      found: found ? { browser: found.browser, browserName: found.browserName, profile: found.profile, expiresAt: found.expiresAt?.toISOString() ?? null } : null,
      reports,
    });
  } else {
    out.line(formatImportReports(reports, { color: out.color }).trimEnd());
  }
  return 0;
}
