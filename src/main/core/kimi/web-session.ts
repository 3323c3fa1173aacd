// Renewing the kimi.com web session kept from the in-app sign-in window (docs/kimi-api.md,
// "Web session refresh"): the site's short-lived access token is renewed with its ~90-day
// refresh token. Storage and one-at-a-time renewal are the token manager's, shared with the
// device login.
import * as z from '../../../shared/zod.js';
import { jwtExpiry } from '../jwt.js';
import { KimiError } from '../errors.js';
import { systemClock, type Clock } from '../ports.js';
import type { OAuthTokens } from './token-manager.js';
import { request, type Transport } from './transport.js';

export interface WebSessionContext {
  /** `resolveEndpoints(…).authBaseUrl`, already checked. */
  readonly authBaseUrl: string;
  readonly transport?: Transport;
  readonly clock?: Clock;
}

const REFRESH_PATH = '/api/account.gateway.v1.AuthService/RefreshToken';
/** Used when neither the reply nor the token itself says when it lapses. */
const DEFAULT_ACCESS_LIFETIME_MS = 15 * 60_000;

const Token = z.string().check(z.trim(), z.minLength(1), z.maxLength(16_384));
/** Absent or unusable: left out, never a failed parse. */
const OptionalToken = z.catch(z.optional(Token), undefined);
const OptionalSeconds = z.catch(z.optional(z.coerce.number().check(z.positive())), undefined);
const RefreshReplyFields = z.object({
  accessToken: OptionalToken,
  access_token: OptionalToken,
  refreshToken: OptionalToken,
  refresh_token: OptionalToken,
  expiresIn: OptionalSeconds,
  expires_in: OptionalSeconds,
});
type RefreshReply = z.output<typeof RefreshReplyFields>;
// The gateway answers either flat or wrapped in `data`, in camelCase or snake_case.
const RefreshReplySchema = z.union([
  z.pipe(
    z.object({ data: RefreshReplyFields }),
    z.transform((reply: { data: RefreshReply }) => reply.data),
  ),
  RefreshReplyFields,
]);

export async function refreshWebSession(context: WebSessionContext, refreshToken: string): Promise<OAuthTokens> {
  const transport = context.transport ?? request;
  const clock = context.clock ?? systemClock;
  const response = await transport({
    url: `${context.authBaseUrl.replace(/\/+$/, '')}${REFRESH_PATH}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new KimiError('signed-out', { status: response.status });
  }
  if (!response.ok) throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });

  const parsed = RefreshReplySchema.safeParse(response.body);
  const fields = parsed.success ? parsed.data : null;
  const accessToken = fields?.accessToken ?? fields?.access_token;
  if (fields === null || accessToken === undefined) throw new KimiError('parse', { detail: 'unexpected session refresh reply' });
  const expiresIn = fields.expiresIn ?? fields.expires_in;
  return {
    accessToken,
    refreshToken: fields.refreshToken ?? fields.refresh_token ?? null,
    expiresAt: expiresIn !== undefined ? clock.now() + expiresIn * 1000 : (jwtExpiry(accessToken)?.getTime() ?? clock.now() + DEFAULT_ACCESS_LIFETIME_MS),
  };
}
