// `kimibar status`: which credential sources are configured and which one Auto would use.
// It names sources and expiry times only — never a token or key.
import { findCliCredential } from '../../core/auth/cli-credential.js';
import { jwtExpiry } from '../../core/jwt.js';
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

export async function runStatus(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  parseCommandArgs(argv, {}, 'kimibar status');
  const settings = runtime.settings.get();
  const lines = await describeSources(runtime);
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

async function describeSources(runtime: Runtime): Promise<SourceLine[]> {
  const settings = runtime.settings.get();
  const now = new Date(runtime.clock.now());
  const [apiKey, device, session, manual] = await Promise.all([
    runtime.secrets.get('api-key'),
    runtime.deviceLogin.load(),
    runtime.webSession.load(),
    runtime.secrets.get('manual-token'),
  ]);
  const processEnv = runtime.env;
  const overridden = safeOverride(runtime);
  const cli = await findCliCredential(processEnv, runtime.paths.home, now);

  const byKind: Record<SourceKind, SourceLine> = {
    'api-key': {
      kind: 'api-key',
      title: 'API key',
      ready: Boolean(apiKey || processEnv.KIMI_CODE_API_KEY),
      detail: apiKey ? 'set in the keychain' : processEnv.KIMI_CODE_API_KEY ? 'from KIMI_CODE_API_KEY' : 'not set',
    },
    'kimi-account': {
      kind: 'kimi-account',
      title: 'Kimi account',
      ready: device !== null,
      detail: device ? `signed in${device.refreshToken ? '' : ` (until ${new Date(device.expiresAt).toISOString()})`}` : 'not signed in (kimibar login)',
    },
    'kimi-cli': {
      kind: 'kimi-cli',
      title: 'Kimi Code CLI',
      ready: cli.status === 'found' && !overridden,
      detail: overridden
        ? 'skipped while an API base URL override is set'
        : cli.status === 'found'
          ? `${cli.credential.path} (expires ${cli.credential.expiresAt.toISOString()})`
          : cli.status === 'expired'
            ? `${cli.path} (expired)`
            : cli.status === 'unreadable'
              ? `${cli.path} (${cli.reason})`
              : 'no login found',
    },
    web: webLine(session !== null, settings.kimi.cookieSource === 'manual' ? manual : null, processEnv.KIMI_AUTH_TOKEN, settings.kimi.cookieSource, now),
  };
  return AUTO_ORDER.map((kind) => byKind[kind]);
}

function webLine(sessionSignedIn: boolean, manual: string | null, envToken: string | undefined, cookieSource: string, now: Date): SourceLine {
  const base = { kind: 'web' as const, title: 'Web token' };
  if (sessionSignedIn) return { ...base, ready: true, detail: 'signed in to kimi.com in KimiBar' };
  if (manual) return { ...base, ready: true, detail: `pasted token${expiryText(manual, now)}` };
  if (envToken?.trim()) return { ...base, ready: true, detail: `from KIMI_AUTH_TOKEN${expiryText(envToken, now)}` };
  if (cookieSource === 'automatic') return { ...base, ready: false, detail: 'browser import when needed (kimibar cookies)' };
  return { ...base, ready: false, detail: 'not set' };
}

function expiryText(token: string, now: Date): string {
  const expiresAt = jwtExpiry(token);
  if (!expiresAt) return '';
  return expiresAt.getTime() <= now.getTime() ? ' (expired)' : ` (expires ${expiresAt.toISOString()})`;
}

function safeOverride(runtime: Runtime): boolean {
  try {
    return runtime.endpoints().usingBaseUrlOverride;
  } catch {
    return true;
  }
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
