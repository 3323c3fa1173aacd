// `kimibar status`: which credential sources are configured and which one Auto would use.
// It names sources and expiry times only — never a token or key.
import { isConfigured, readConfiguredSource, typedWebToken, type ConfiguredSource, type ConfiguredSources } from '../../core/auth/configured.js';
import { AUTO_ORDER } from '../../core/auth/priority.js';
import type { Runtime } from '../../core/runtime.js';
import { maskSecret } from '../../core/settings/secrets.js';
import type { SourceKind } from '../../../shared/usage.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';

interface SourceLine {
  readonly kind: SourceKind;
  readonly title: string;
  readonly ready: boolean;
  readonly detail: string;
}

const TITLES: Record<SourceKind, string> = { 'api-key': 'API key', 'kimi-account': 'Kimi account', 'kimi-cli': 'Kimi Code CLI', web: 'Web token' };

export async function runStatus(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  parseCommandArgs(argv, {}, 'kimibar status');
  const settings = runtime.settings.get();
  // Side-effect free, so it walks Auto's order itself rather than resolving the sources:
  // no browser import (a keychain prompt for another app's item) and no token renewal.
  const places = runtime.credentialPlaces(settings);
  const configured = await Promise.all(AUTO_ORDER.map((kind) => readConfiguredSource(kind, places)));
  const now = new Date(runtime.clock.now());
  const lines = configured.map((source): SourceLine => ({ kind: source.kind, title: TITLES[source.kind], ready: isConfigured(source), detail: detailOf(source, now) }));
  const autoPick = lines.find((line) => line.ready);

  out.line(`Usage source: ${settings.kimi.usageSource}${settings.kimi.usageSource === 'auto' ? ` (would use: ${autoPick?.title ?? 'nothing — no credential found'})` : ''}`);
  out.line(`Region: ${settings.kimi.region}   Cookie source: ${settings.kimi.cookieSource}`);
  for (const line of lines) {
    const mark = line.ready ? out.style('green', '✓') : out.style('dim', '·');
    out.line(`${mark} ${line.title.padEnd(18)} ${line.detail}`);
  }
  if (!runtime.secrets.persistent) out.warn('no system keychain is available: secrets are kept for this session only');
  return 0;
}

function detailOf(source: ConfiguredSource, now: Date): string {
  switch (source.kind) {
    case 'api-key':
      return source.stored !== null ? 'set in the keychain' : source.env !== null ? 'from KIMI_CODE_API_KEY' : 'not set';
    case 'kimi-account': {
      const { tokens } = source;
      if (tokens === null) return 'not signed in (kimibar login)';
      return `signed in${tokens.refreshToken ? '' : ` (until ${new Date(tokens.expiresAt).toISOString()})`}`;
    }
    case 'kimi-cli': {
      if (source.skipped) return 'skipped while an API base URL override is set';
      const cli = source.lookup;
      if (cli.status === 'found') return `${cli.credential.path} (expires ${cli.credential.expiresAt.toISOString()})`;
      if (cli.status === 'expired') return `${cli.path} (expired)`;
      if (cli.status === 'unreadable') return `${cli.path} (${cli.reason})`;
      return 'no login found';
    }
    case 'web':
      return webDetail(source, now);
  }
}

function webDetail(web: ConfiguredSources['web'], now: Date): string {
  if (web.session !== null) return 'signed in to kimi.com in KimiBar';
  const typed = typedWebToken(web);
  if (typed !== null && 'error' in typed) return typed.error.message;
  if (typed?.origin === 'manual') return `pasted token${expiryText(typed.expiresAt, now)}`;
  if (typed?.origin === 'env') return `from KIMI_AUTH_TOKEN${expiryText(typed.expiresAt, now)}`;
  if (web.cookieSource === 'automatic') return 'browser import when needed (kimibar cookies)';
  return 'not set';
}

function expiryText(expiresAt: Date | null, now: Date): string {
  if (!expiresAt) return '';
  return expiresAt.getTime() <= now.getTime() ? ' (expired)' : ` (expires ${expiresAt.toISOString()})`;
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
    ...(runtime.secrets.persistent ? [] : ['(no system keychain: nothing is kept after this command)']),
  ];
}
