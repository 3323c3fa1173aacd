// `kimibar diagnose`: a support bundle to attach to a bug report. It refreshes once (unless
// --no-refresh) so the bundle holds the shape of a fresh answer and its error, if any, and
// scans the browsers when browser import is on. The bundle never holds a secret: see
// core/diagnostics/bundle.ts for what goes in.
import { describeSourceStatus } from '../../core/auth/source-status.js';
import { collectDiagnostics, writeDiagnosticsFile } from '../../core/diagnostics/collect.js';
import type { Runtime } from '../../core/runtime.js';
import { APP_VERSION } from '../../core/version.js';
import { ACCOUNT_OPTION, accountFor } from '../account-option.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';

const USAGE = 'kimibar diagnose [--account NAME] [--no-refresh] [--json]';

export async function runDiagnose(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...ACCOUNT_OPTION, 'no-refresh': { type: 'boolean' }, json: { type: 'boolean' } }, USAGE);
  const account = accountFor(runtime, values.account);
  if (!values['no-refresh']) {
    // A failed refresh is what a bundle is often for: its error is recorded, not raised.
    await refreshSnapshot(runtime, account).catch(() => undefined);
  }
  const { region, cookieSource } = account.settings();
  const cookieImport = cookieSource === 'automatic' ? (await runtime.cookies.importKimiAuth({ region, scanAll: true })).reports : null;
  const sources = (await describeSourceStatus(runtime, account)).map(({ kind, ready, detail }) => ({ kind, ready, detail }));
  const bundle = await collectDiagnostics(runtime, { surface: 'cli', appVersion: APP_VERSION, sources, cookieImport });
  if (values.json) {
    out.json(bundle);
    return 0;
  }
  const path = writeDiagnosticsFile(runtime.paths.configDir, bundle);
  out.line(`Diagnostics written to ${path}`);
  out.line('It holds no keys, tokens or cookie values; look it over before you share it.');
  return 0;
}
