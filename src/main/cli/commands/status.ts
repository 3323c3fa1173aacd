// `kimibar status`: which credential sources are configured and which one Auto would use.
// It names sources and expiry times only — never a token or key.
import { describeSourceStatus } from '../../core/auth/source-status.js';
import type { AccountRuntime, Runtime } from '../../core/runtime.js';
import { maskSecret } from '../../core/settings/secrets.js';
import { ACCOUNT_OPTION, accountFor } from '../account-option.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';

export async function runStatus(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, ACCOUNT_OPTION, 'kimibar status [--account NAME]');
  const account = accountFor(runtime, values.account);
  const settings = account.settings();
  const lines = await describeSourceStatus(runtime, account);
  const autoPick = lines.find((line) => line.ready);

  if (runtime.settings.get().accounts.length > 1) out.line(`Account: ${settings.name} (${settings.id})${settings.enabled ? '' : ', turned off'}`);
  out.line(`Usage source: ${settings.usageSource}${settings.usageSource === 'auto' ? ` (would use: ${autoPick?.title ?? 'nothing — no credential found'})` : ''}`);
  const regionFrom = runtime.settings.regionOrigin(account.id) === 'kimi-code-cli' ? ' (from the Kimi Code CLI login)' : '';
  out.line(`Region: ${settings.region}${regionFrom}   Cookie source: ${settings.cookieSource}`);
  for (const line of lines) {
    const mark = line.ready ? out.style('green', '✓') : out.style('dim', '·');
    out.line(`${mark} ${line.title.padEnd(18)} ${line.detail}`);
  }
  if (!(await account.secrets.persistent())) out.warn('no system keychain is available: secrets are kept for this session only');
  return 0;
}

/** For `config show`: one line per secret, masked. */
export async function describeSecrets(account: AccountRuntime): Promise<string[]> {
  const [apiKey, manual, device, session] = await Promise.all([
    account.secrets.get('api-key'),
    account.secrets.get('manual-token'),
    account.deviceLogin.load(),
    account.webSession.load(),
  ]);
  return [
    `api-key: ${maskSecret(apiKey)}`,
    `manual-token: ${maskSecret(manual)}`,
    `device-login: ${device ? 'signed in' : 'not signed in'}`,
    `web-session: ${session ? 'signed in' : 'not signed in'}`,
    ...((await account.secrets.persistent()) ? [] : ['(no system keychain: nothing is kept after this command)']),
  ];
}
