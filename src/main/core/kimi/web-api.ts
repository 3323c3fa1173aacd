// The web usage path: GetUsages with a kimi.com web token, and the optional membership stats
// beside it (docs/kimi-api.md, "Web usage" and "Membership stats"). The stats are an extra:
// they get a short total budget and any failure of theirs is dropped, so they can never hold up
// or fail a refresh.
import { decodeJwtPayload } from '../jwt.js';
import { KimiError } from '../errors.js';
import { isSendableHeaderValue, isSendableToken } from './header-value.js';
import { request, type Transport } from './transport.js';

export interface FetchWebUsageInput {
  /** `resolveEndpoints(…).webBaseUrl`, already checked. */
  readonly webBaseUrl: string;
  /** The `kimi-auth` value (a JWT). */
  readonly token: string;
  /** IANA zone for `r-timezone`, e.g. "Europe/Berlin". */
  readonly timezone: string;
  readonly signal?: AbortSignal;
  readonly transport?: Transport;
  /** Total time the membership stats may take, counted from the start of the refresh. */
  readonly membershipBudgetMs?: number;
}

export interface WebUsageBodies {
  /** GetUsages' parsed body. */
  readonly usage: unknown;
  /** GetSubscriptionStats' parsed body, or null when it failed or ran out of time. */
  readonly membership: unknown;
}

export const MEMBERSHIP_BUDGET_MS = 2_000;

const USAGES_PATH = '/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages';
const MEMBERSHIP_PATH = '/apiv2/kimi.gateway.membership.v2.MembershipService/GetSubscriptionStats';
// What the site itself sends; the gateway expects a desktop browser.
const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

export async function fetchWebUsage({
  webBaseUrl,
  token,
  timezone,
  signal,
  transport = request,
  membershipBudgetMs = MEMBERSHIP_BUDGET_MS,
}: FetchWebUsageInput): Promise<WebUsageBodies> {
  const trimmed = token.trim();
  if (trimmed === '') throw new KimiError('auth-missing');
  if (!isSendableToken(trimmed)) throw new KimiError('auth-invalid', { detail: 'the token holds characters that cannot be sent' });
  const base = webBaseUrl.replace(/\/+$/, '');
  const headers = webHeaders(base, trimmed, timezone);

  const membershipAbort = new AbortController();
  const membership = fetchMembership(transport, `${base}${MEMBERSHIP_PATH}`, headers, membershipBudgetMs, membershipAbort, signal);
  try {
    const response = await transport({ url: `${base}${USAGES_PATH}`, method: 'POST', headers, body: JSON.stringify({ scope: ['FEATURE_CODING'] }), signal });
    if (response.status === 401 || response.status === 403) throw new KimiError('auth-invalid', { status: response.status });
    if (!response.ok) throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });
    return { usage: response.body, membership: await membership };
  } catch (error) {
    membershipAbort.abort();
    throw error;
  }
}

/** Resolves to the stats body or null: never rejects, and never later than the budget. */
function fetchMembership(
  transport: Transport,
  url: string,
  headers: Record<string, string>,
  budgetMs: number,
  abort: AbortController,
  callerSignal: AbortSignal | undefined,
): Promise<unknown> {
  const signal = callerSignal === undefined ? abort.signal : AbortSignal.any([abort.signal, callerSignal]);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      abort.abort();
      resolve(null);
    }, budgetMs);
    transport({ url, method: 'POST', headers, body: '{}', signal })
      .then(
        (response) => resolve(response.ok ? response.body : null),
        () => resolve(null),
      )
      .finally(() => clearTimeout(timer));
  });
}

function webHeaders(base: string, token: string, timezone: string): Record<string, string> {
  // The site's own origin; with KIMIBAR_WEB_BASE_URL (a proxy, tests) that is the override's.
  const origin = new URL(base).origin;
  return {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
    Cookie: `kimi-auth=${token}`,
    Origin: origin,
    Referer: `${origin}/code/console`,
    Accept: '*/*',
    'connect-protocol-version': '1',
    'x-language': 'en-US',
    'x-msh-platform': 'web',
    'r-timezone': isSendableHeaderValue(timezone) && timezone.trim() !== '' ? timezone.trim() : 'UTC',
    'User-Agent': BROWSER_USER_AGENT,
    ...jwtIdentityHeaders(token),
  };
}

/**
 * `x-msh-device-id`, `x-msh-session-id` and `x-traffic-id` from the JWT payload (signature not
 * checked; the server does that). A token that is not a readable JWT, or a claim that could
 * not travel in a header, simply adds nothing.
 */
function jwtIdentityHeaders(token: string): Record<string, string> {
  const claims = decodeJwtPayload(token);
  const headers: Record<string, string> = {};
  const add = (name: string, value: string | undefined): void => {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length <= 200 && isSendableHeaderValue(trimmed)) headers[name] = trimmed;
  };
  add('x-msh-device-id', claims?.device_id);
  add('x-msh-session-id', claims?.ssid);
  add('x-traffic-id', claims?.sub);
  return headers;
}
