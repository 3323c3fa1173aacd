// The four credential sources of SPEC §4, each reading only its own place: the keychain,
// the environment, KimiBar's own sign-ins, the Kimi Code CLI's file, and the browsers.
import type { CookieSource, Region } from '../../../shared/settings.js';
import type { SourceKind } from '../../../shared/usage.js';
import type { CookieImporter, FoundCookie } from '../cookies/types.js';
import { KimiError } from '../errors.js';
import type { Clock, Environment, SecretStore } from '../ports.js';
import { findCliCredential } from './cli-credential.js';
import type { Credential } from './credential.js';
import type { CredentialSource } from './priority.js';

/** An OAuth sign-in KimiBar keeps itself (device login, web session): null when signed out. */
export interface AccessTokenProvider {
  getAccessToken(signal?: AbortSignal): Promise<string | null>;
}

export interface SourceDeps {
  readonly env: Environment;
  readonly home: string;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly deviceLogin: AccessTokenProvider;
  readonly webSession: AccessTokenProvider;
  readonly cookies: CookieImporter;
  readonly cookieSource: CookieSource;
  readonly region: Region;
  /** A Code API base-URL override is set: the CLI's token must not be sent to it. */
  readonly baseUrlOverridden: boolean;
}

export function createCredentialSources(deps: SourceDeps): ReadonlyMap<SourceKind, CredentialSource> {
  return new Map<SourceKind, CredentialSource>([
    ['api-key', apiKeySource(deps)],
    ['kimi-account', accountSource(deps)],
    ['kimi-cli', cliSource(deps)],
    ['web', webSource(deps)],
  ]);
}

function apiKeySource({ secrets, env }: SourceDeps): CredentialSource {
  return {
    kind: 'api-key',
    async resolve() {
      const stored = nonEmpty(await secrets.get('api-key'));
      if (stored) return { kind: 'api-key', token: stored, origin: 'settings' };
      // KIMI_API_KEY belongs to a different Kimi product and is deliberately not read.
      const fromEnv = nonEmpty(env.KIMI_CODE_API_KEY);
      if (fromEnv) return { kind: 'api-key', token: fromEnv, origin: 'env' };
      throw new KimiError('api-key-missing');
    },
  };
}

function accountSource({ deviceLogin }: SourceDeps): CredentialSource {
  return {
    kind: 'kimi-account',
    async resolve(signal) {
      const token = await deviceLogin.getAccessToken(signal);
      if (!token) throw new KimiError('not-signed-in');
      return { kind: 'kimi-account', token };
    },
  };
}

function cliSource({ env, home, clock, baseUrlOverridden }: SourceDeps): CredentialSource {
  return {
    kind: 'kimi-cli',
    async resolve() {
      if (baseUrlOverridden) {
        throw new KimiError('cli-credential-missing', { detail: 'not used while an API base URL override is set' });
      }
      const found = await findCliCredential(env, home, new Date(clock.now()));
      if (found.status === 'found') return { kind: 'kimi-cli', token: found.credential.token, path: found.credential.path };
      if (found.status === 'expired') throw new KimiError('cli-credential-missing', { detail: 'the CLI login has expired — run the Kimi Code CLI once' });
      if (found.status === 'unreadable') throw new KimiError('cli-credential-missing', { detail: `its credentials file ${found.reason}` });
      throw new KimiError('cli-credential-missing');
    },
  };
}

/** The web token: in-app sign-in → pasted token → KIMI_AUTH_TOKEN → browser import. */
function webSource(deps: SourceDeps): CredentialSource {
  const { secrets, env, cookies, cookieSource, region, webSession } = deps;
  return {
    kind: 'web',
    async resolve(signal) {
      const session = await webSession.getAccessToken(signal);
      if (session) return { kind: 'web', token: session, origin: 'web-session', label: 'Kimi web session (signed in)' };
      if (cookieSource === 'manual') {
        const pasted = nonEmpty(await secrets.get('manual-token'));
        if (pasted) return { kind: 'web', token: pasted, origin: 'manual', label: 'Kimi web token (pasted)' };
      }
      const fromEnv = nonEmpty(env.KIMI_AUTH_TOKEN);
      if (fromEnv) return { kind: 'web', token: fromEnv, origin: 'env', label: 'Kimi web token (KIMI_AUTH_TOKEN)' };
      if (cookieSource === 'automatic') {
        const imported = await cookies.importKimiAuth({ region });
        if (imported.found) return browserCredential(imported.found);
        throw new KimiError('no-cookies');
      }
      throw new KimiError('auth-missing');
    },
    async renewAfterRejection(rejected) {
      if (rejected.kind !== 'web' || rejected.origin !== 'browser') return null;
      const imported = await cookies.importKimiAuth({ region, force: true });
      const fresh = imported.found;
      if (!fresh || fresh.token === rejected.token) return null;
      return browserCredential(fresh);
    },
  };
}

/** "Kimi web cookie (Chrome · Work)"; the site's own token is the browser's web session. */
function browserCredential({ token, source, browserName, profile }: FoundCookie): Credential {
  const where = profile ? `${browserName} · ${profile}` : browserName;
  const what = source === 'local-storage' ? 'Kimi web session' : 'Kimi web cookie';
  return { kind: 'web', token, origin: 'browser', label: `${what} (${where})` };
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** What a person reads as the snapshot's source. */
export function credentialLabel(credential: Credential): string {
  switch (credential.kind) {
    case 'api-key':
      return 'Kimi Code API key';
    case 'kimi-account':
      return 'Kimi account (signed in)';
    case 'kimi-cli':
      return 'Kimi Code CLI';
    case 'web':
      return credential.label;
  }
}
