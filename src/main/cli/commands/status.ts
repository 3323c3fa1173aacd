// `kimibar status`: which credential sources are configured and which one Auto would use.
// It names sources and expiry times only — never a token or key.
import { selectedAccount } from '../../../shared/accounts.js';
import { describeSourceStatus } from '../../core/auth/source-status.js';
import type { Runtime } from '../../core/runtime.js';
import { maskSecret } from '../../core/settings/secrets.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';

export async function runStatus(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  parseCommandArgs(argv, {}, 'kimibar status');
  const settings = runtime.settings.get();
  const lines = await describeSourceStatus(runtime);
  const autoPick = lines.find((line) => line.ready);

  out.line(`Usage source: ${selectedAccount(settings).usageSource}${selectedAccount(settings).usageSource === 'auto' ? ` (would use: ${autoPick?.title ?? 'nothing — no credential found'})` : ''}`);
  const regionFrom = runtime.settings.regionOrigin() === 'kimi-code-cli' ? ' (from the Kimi Code CLI login)' : '';
  out.line(`Region: ${selectedAccount(settings).region}${regionFrom}   Cookie source: ${selectedAccount(settings).cookieSource}`);
  for (const line of lines) {
    const mark = line.ready ? out.style('green', '✓') : out.style('dim', '·');
    out.line(`${mark} ${line.title.padEnd(18)} ${line.detail}`);
  }
  if (!(await runtime.secrets.persistent())) out.warn('no system keychain is available: secrets are kept for this session only');
  return 0;
}

/** For `config show`: one line per secret, masked. */
export async function describeSecrets(runtime: Runtime): Promise<string[]> {
  const [apiKey, manual, device, session] = await Promise.all([
    runtime.secrets.get('api-key'),
    runtime.secrets.get('manual-token'),
    runtime.deviceLogin.load(),
    runtime.webSession.load(),
  ]);
  return [
    `api-key: ${maskSecret(apiKey)}`,
    `manual-token: ${maskSecret(manual)}`,
    `device-login: ${device ? 'signed in' : 'not signed in'}`,
    `web-session: ${session ? 'signed in' : 'not signed in'}`,
    ...((await runtime.secrets.persistent()) ? [] : ['(no system keychain: nothing is kept after this command)']),
  ];
}
