// One line per credential source, in Auto's order: its name, whether it is ready, and a short
// detail ("set in the keychain", "signed in", "no login found") — never a secret. `kimibar
// status` prints these and a support bundle keeps them, so both say the same.
//
// Side-effect free, so it walks Auto's order itself rather than resolving the sources: no
// browser import (a keychain prompt for another app's item) and no token renewal.
import type { SourceKind } from '../../../shared/usage.js';
import { describeRefusedBase } from '../kimi/endpoints.js';
import type { AccountRuntime, Runtime } from '../runtime.js';
import { isConfigured, readConfiguredSource, typedWebToken, type ConfiguredSource, type ConfiguredSources } from './configured.js';
import { AUTO_ORDER } from './priority.js';

export interface SourceStatusLine {
  readonly kind: SourceKind;
  readonly title: string;
  readonly ready: boolean;
  readonly detail: string;
}

const TITLES: Record<SourceKind, string> = { 'api-key': 'API key', 'kimi-account': 'Kimi account', 'kimi-cli': 'Kimi Code CLI', web: 'Web token' };

/** What each source of an account (the selected one by default) has, in Auto's order. */
export async function describeSourceStatus(runtime: Runtime, account: AccountRuntime = runtime.account()): Promise<SourceStatusLine[]> {
  const places = account.credentialPlaces();
  const configured = await Promise.all(AUTO_ORDER.map((kind) => readConfiguredSource(kind, places)));
  const now = new Date(runtime.clock.now());
  return configured.map((source) => ({ kind: source.kind, title: TITLES[source.kind], ready: isConfigured(source), detail: detailOf(source, now) }));
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
    case 'kimi-cli':
      return cliDetail(source);
    case 'web':
      return webDetail(source, now);
  }
}

function cliDetail(source: ConfiguredSources['kimi-cli']): string {
  if (source.skipped) return 'skipped while an API base URL override is set';
  const cli = source.lookup;
  switch (cli.status) {
    case 'found':
      return `${cli.credential.path} for ${cli.credential.baseUrl} (expires ${cli.credential.expiresAt.toISOString()})`;
    case 'expired':
      return `${cli.path} for ${cli.baseUrl} (expired)`;
    case 'revoked':
      return `${cli.path} (signed out — kimi login)`;
    case 'refused':
      return `${cli.path} (${describeRefusedBase(cli.baseUrl)}: not used)`;
    case 'unreadable':
      return `${cli.path} (${cli.reason})`;
    case 'missing':
      return `no login found (${cli.path})`;
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
