// The four credential sources, each reading only its own place: the keychain, the
// environment, KimiBar's own sign-ins, the Kimi Code CLI's file, and the browsers. What is
// configured comes from readConfiguredSource, the reading `kimibar status` and the settings
// screen show; on top of it a source renews a sign-in's token or imports from a browser.
import { basename } from 'node:path';
import type { Region } from '../../../shared/settings.js';
import type { SourceKind } from '../../../shared/usage.js';
import type { CookieImporter, FoundCookie } from '../cookies/types.js';
import { KimiError } from '../errors.js';
import type { Credential } from '../kimi/credential.js';
import { refusedCliLogin } from '../kimi/endpoints.js';
import { readConfiguredSource, typedWebToken, type ConfiguredDeps, type StoredTokens } from './configured.js';
import type { CredentialSource } from './priority.js';

/** An OAuth sign-in KimiBar keeps itself (device login, web session). */
export interface AccessTokenProvider extends StoredTokens {
  /** A usable access token, renewed first if needed; null when signed out. */
  getAccessToken(signal?: AbortSignal): Promise<string | null>;
}

export interface SourceDeps extends ConfiguredDeps {
  readonly deviceLogin: AccessTokenProvider;
  readonly webSession: AccessTokenProvider;
  readonly cookies: CookieImporter;
  readonly region: Region;
}

export function createCredentialSources(deps: SourceDeps): ReadonlyMap<SourceKind, CredentialSource> {
  return new Map<SourceKind, CredentialSource>([
    ['api-key', apiKeySource(deps)],
    ['kimi-account', accountSource(deps)],
    ['kimi-cli', cliSource(deps)],
    ['web', webSource(deps)],
  ]);
}

function apiKeySource(deps: SourceDeps): CredentialSource {
  return {
    kind: 'api-key',
    async resolve() {
      const { stored, env } = await readConfiguredSource('api-key', deps);
      if (stored !== null) return { kind: 'api-key', token: stored, origin: 'settings' };
      if (env !== null) return { kind: 'api-key', token: env, origin: 'env' };
      throw new KimiError('api-key-missing');
    },
  };
}

function accountSource({ deviceLogin }: SourceDeps): CredentialSource {
  return {
    kind: 'kimi-account',
    async resolve(signal) {
      // Signed in while tokens are stored (as readConfiguredSource says); this also renews them.
      const token = await deviceLogin.getAccessToken(signal);
      if (!token) throw new KimiError('not-signed-in');
      return { kind: 'kimi-account', token };
    },
  };
}

function cliSource(deps: SourceDeps): CredentialSource {
  return {
    kind: 'kimi-cli',
    async resolve() {
      const cli = await readConfiguredSource('kimi-cli', deps);
      if (cli.skipped) {
        throw new KimiError('cli-credential-missing', { detail: 'not used while an API base URL override is set' });
      }
      const found = cli.lookup;
      switch (found.status) {
        case 'found':
          return { kind: 'kimi-cli', token: found.credential.token, path: found.credential.path, baseUrl: found.credential.baseUrl };
        case 'expired':
          throw new KimiError('cli-credential-missing', { detail: 'the CLI login has expired — run the Kimi Code CLI once' });
        case 'revoked':
          throw new KimiError('cli-credential-missing', { detail: 'the CLI login was signed out — sign in again with `kimi login`' });
        case 'refused':
          throw refusedCliLogin(found.baseUrl);
        case 'unreadable':
          throw new KimiError('cli-credential-missing', { detail: `${basename(found.path)}: ${found.reason}` });
        case 'missing':
          throw new KimiError('cli-credential-missing');
      }
    },
  };
}

/** The web token: in-app sign-in → pasted token → KIMI_AUTH_TOKEN → browser import. */
function webSource(deps: SourceDeps): CredentialSource {
  const { cookies, region, webSession } = deps;
  return {
    kind: 'web',
    async resolve(signal) {
      const web = await readConfiguredSource('web', deps);
      if (web.session !== null) {
        const session = await webSession.getAccessToken(signal);
        if (session) return { kind: 'web', token: session, origin: 'web-session', label: 'Kimi web session (signed in)' };
      }
      const typed = typedWebToken(web);
      if (typed !== null && 'error' in typed) throw typed.error;
      if (typed?.origin === 'manual') return { kind: 'web', token: typed.token, origin: 'manual', label: 'Kimi web token (pasted)' };
      if (typed?.origin === 'env') return { kind: 'web', token: typed.token, origin: 'env', label: 'Kimi web token (KIMI_AUTH_TOKEN)' };
      if (web.cookieSource === 'automatic') {
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
