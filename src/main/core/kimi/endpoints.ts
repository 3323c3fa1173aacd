// Where each Kimi endpoint lives (docs/kimi-api.md, "Regions and hosts"): the region's hosts,
// and the overrides for proxies and tests. Every override is checked here, before any request
// is built, so a token can never be sent to a plain-http or user-info URL.
import type { Region } from '../../../shared/settings.js';
import type { Environment } from '../ports.js';
import { KimiError } from '../errors.js';

export interface RegionHosts {
  /** The registrable domain; links we open must stay on it. */
  readonly domain: string;
  readonly www: string;
  readonly api: string;
  readonly auth: string;
}

const REGION_DOMAINS: Readonly<Record<Region, string>> = { 'kimi.com': 'kimi.com', 'kimi.ai': 'kimi.ai' };

export function regionHosts(region: Region): RegionHosts {
  const domain = REGION_DOMAINS[region];
  return { domain, www: `www.${domain}`, api: `api.${domain}`, auth: `auth.${domain}` };
}

export interface KimiEndpoints {
  /** `GET` here for the Code API usage. */
  readonly codeApiUsagesUrl: string;
  /** Origin (and optional path prefix) of the web API (GetUsages, membership stats), without a trailing slash. */
  readonly webBaseUrl: string;
  /** Origin (and optional path prefix) of the OAuth and web-session hosts (device login, web-session refresh). */
  readonly authBaseUrl: string;
}

export interface ResolveEndpointsInput {
  readonly region: Region;
  readonly env: Environment;
  /** The settings field "API base URL"; when set it wins over `KIMI_CODE_BASE_URL`. */
  readonly apiBaseUrl?: string | null;
}

const CODE_API_USAGES_PATH = '/coding/v1/usages';

/**
 * Resolves every endpoint for a region, applying overrides. The settings field beats the
 * environment because it is what the user chose in this app; the variable (`KIMI_CODE_BASE_URL`,
 * the name the official CLI and CodexBar read too) is for scripts, proxies and tests. Throws
 * `insecure-base-url` for any override that is not a plain absolute https URL.
 */
export function resolveEndpoints({ region, env, apiBaseUrl }: ResolveEndpointsInput): KimiEndpoints {
  const hosts = regionHosts(region);
  const codeOverride = nonBlank(apiBaseUrl) ?? nonBlank(env.KIMI_CODE_BASE_URL);
  const webOverride = nonBlank(env.KIMIBAR_WEB_BASE_URL);
  const authOverride = nonBlank(env.KIMI_CODE_OAUTH_HOST);

  const codeBase = codeOverride === undefined ? `https://${hosts.api}` : checkedBaseUrl(codeOverride);
  return {
    codeApiUsagesUrl: appendUsagesPath(codeBase),
    webBaseUrl: webOverride === undefined ? `https://${hosts.www}` : checkedBaseUrl(webOverride),
    authBaseUrl: authOverride === undefined ? `https://${hosts.auth}` : checkedBaseUrl(authOverride),
  };
}

function nonBlank(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// The authority as typed: a hostname of letters, digits, dots and hyphens, an IPv4 address,
// or a bracketed IPv6 one, and an optional port. Checked on the raw text because the URL
// parser quietly decodes percent escapes and converts non-ASCII names, and a base URL that
// needs either is not a "plain host".
const PLAIN_AUTHORITY =
  /^https:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:[/?#]|$)/i;

/**
 * Returns the override without trailing slashes, or throws `insecure-base-url`. A query or
 * fragment is refused too: paths are appended to this base, and either would swallow them.
 */
function checkedBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KimiError('insecure-base-url');
  }
  const refused =
    url.protocol !== 'https:' ||
    url.username !== '' ||
    url.password !== '' ||
    !PLAIN_AUTHORITY.test(raw) ||
    url.search !== '' ||
    url.hash !== '' ||
    // `new URL` drops an empty "?" or "#", so look at the raw text as well.
    /[?#]/.test(raw);
  if (refused) throw new KimiError('insecure-base-url');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

// The registrable domains of Kimi's own servers (the regions' domains); a Kimi Code CLI
// login's token may go to nothing else.
const KIMI_DOMAINS: readonly string[] = Object.values(REGION_DOMAINS);

/**
 * A Kimi Code CLI login's own base URL, normalised, when it is one of Kimi's servers: https,
 * the default port, a host on kimi.com or kimi.ai (or a subdomain), no user info, query or
 * fragment. Null for anything else. The CLI sends its token to whatever its config names (a
 * staging server, a proxy); KimiBar reuses that token only with Kimi itself, because a login
 * read from another program's files is not the user's explicit choice of server.
 */
export function kimiServiceBaseUrl(raw: string): string | null {
  let base: string;
  try {
    base = checkedBaseUrl(raw);
  } catch {
    return null;
  }
  const url = new URL(base);
  return isKimiHost(url.hostname) && url.port === '' ? base : null;
}

/**
 * The usage URL of a Kimi Code CLI login, checked right before its token is sent: the
 * login's own base URL, never the Region setting's host. Throws when the base is not Kimi's.
 */
export function cliLoginUsagesUrl(baseUrl: string): string {
  const base = kimiServiceBaseUrl(baseUrl);
  if (base === null) throw refusedCliLogin(baseUrl);
  return appendUsagesPath(base);
}

/** "Its login belongs to <host>, not Kimi": said the same way by `status` and a refresh. */
export function refusedCliLogin(baseUrl: string): KimiError {
  return new KimiError('cli-credential-missing', { detail: `${describeRefusedBase(baseUrl)}; its token is only sent to https on kimi.com or kimi.ai` });
}

/** Why a login's base URL is refused, naming its host only (never user info or a path). */
export function describeRefusedBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'its login names a base URL that is not a URL';
  }
  if (url.protocol !== 'https:') return `its login's base URL (${url.host || url.protocol}) does not use https`;
  if (!isKimiHost(url.hostname)) return `its login is for ${url.host}, not one of Kimi's servers`;
  return `its login's base URL for ${url.host} is not a plain https address`;
}

function isKimiHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return KIMI_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Appends `/coding/v1/usages`, without doubling a base that already ends in `/coding[/v1]`. */
function appendUsagesPath(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (/\/coding\/v1$/i.test(trimmed)) return `${trimmed}/usages`;
  if (/\/coding$/i.test(trimmed)) return `${trimmed}/v1/usages`;
  return `${trimmed}${CODE_API_USAGES_PATH}`;
}
