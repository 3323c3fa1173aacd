// Signing in with a Kimi account (docs/kimi-api.md, "Device login"): the OAuth 2.0 device
// authorization grant the Kimi Code CLI uses — show a code, let the user approve it in the
// browser, poll for tokens — and the refresh-token grant that keeps the access token alive.
import * as z from '../../../shared/zod.js';
import type { Region } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import { systemClock, type Clock } from '../ports.js';
import { regionHosts } from './endpoints.js';
import type { IdentityHeaders } from './identity.js';
import type { OAuthTokens } from './token-manager.js';
import { request, type Transport, type TransportResponse } from './transport.js';

/** The Kimi Code CLI's public OAuth client (no secret). */
export const KIMI_CODE_CLIENT_ID = '17e5f671-d194-4dfb-9706-5516cb48c098';

export interface DeviceLoginContext {
  /** `resolveEndpoints(…).authBaseUrl`, already checked. */
  readonly authBaseUrl: string;
  /** Sent on every call, as the official CLI does. */
  readonly identity: IdentityHeaders;
  readonly transport?: Transport;
  readonly clock?: Clock;
}

const DEVICE_AUTHORIZATION_PATH = '/api/oauth/device_authorization';
const TOKEN_PATH = '/api/oauth/token';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_STEP_S = 5;
const MAX_WAIT_S = 15 * 60;
/** Access tokens last about 15 minutes; assume so when a reply leaves `expires_in` out. */
const DEFAULT_TOKEN_LIFETIME_S = 15 * 60;

const Seconds = z.coerce.number().check(z.positive());

const DeviceAuthorizationReplySchema = z.object({
  user_code: z.string().check(z.minLength(1), z.maxLength(64)),
  device_code: z.string().check(z.minLength(1), z.maxLength(4096)),
  verification_uri: z.string().check(z.minLength(1), z.maxLength(2048)),
  verification_uri_complete: z.catch(z.optional(z.string().check(z.minLength(1), z.maxLength(2048))), undefined),
  expires_in: z.catch(z.optional(Seconds), undefined),
  interval: z.catch(z.optional(Seconds), undefined),
});
const DeviceAuthorizationSchema = z.pipe(
  DeviceAuthorizationReplySchema,
  z.transform((reply: z.output<typeof DeviceAuthorizationReplySchema>) => ({
    userCode: reply.user_code,
    deviceCode: reply.device_code,
    verificationUri: reply.verification_uri,
    verificationUriComplete: reply.verification_uri_complete ?? null,
    expiresIn: Math.min(reply.expires_in ?? MAX_WAIT_S, MAX_WAIT_S),
    interval: Math.max(1, reply.interval ?? DEFAULT_INTERVAL_S),
  })),
);
export type DeviceAuthorization = z.output<typeof DeviceAuthorizationSchema>;

const TokenReplySchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.catch(z.optional(z.string().check(z.minLength(1))), undefined),
  expires_in: z.catch(z.optional(Seconds), undefined),
});

const OAuthErrorSchema = z.object({ error: z.string() });

/** Step 1: ask for a user code. Show `userCode`; open `verificationUriComplete` if allowed. */
export async function startDeviceLogin(context: DeviceLoginContext, signal?: AbortSignal): Promise<DeviceAuthorization> {
  const response = await postForm(context, DEVICE_AUTHORIZATION_PATH, { client_id: KIMI_CODE_CLIENT_ID }, signal);
  if (!response.ok) throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });
  const parsed = DeviceAuthorizationSchema.safeParse(response.body);
  if (!parsed.success) throw new KimiError('parse', { detail: 'unexpected device authorization reply' });
  return parsed.data;
}

/** Only an https page on the region's own domain is opened; anything else is shown, not opened. */
export function mayOpenVerificationUri(uri: string | null, region: Region): boolean {
  if (uri === null) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const { domain } = regionHosts(region);
  const onDomain = url.hostname === domain || url.hostname.endsWith(`.${domain}`);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && onDomain;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface PollOptions {
  readonly signal?: AbortSignal;
  /** Waits between polls; tests pass one that advances a fake clock. */
  readonly sleep?: Sleep;
}

/**
 * Step 2: poll until the user approves (tokens), denies (`device-login-denied`), or the code
 * expires (`device-login-expired`, also after `expires_in`, at most 15 minutes).
 */
export async function pollDeviceLogin(context: DeviceLoginContext, start: DeviceAuthorization, options: PollOptions = {}): Promise<OAuthTokens> {
  const { signal, sleep = abortableSleep } = options;
  const clock = context.clock ?? systemClock;
  const deadline = clock.now() + start.expiresIn * 1000;
  let intervalS = start.interval;
  for (;;) {
    await sleep(intervalS * 1000, signal);
    if (signal?.aborted) throw new KimiError('cancelled');
    if (clock.now() >= deadline) throw new KimiError('device-login-expired');
    const response = await postForm(
      context,
      TOKEN_PATH,
      { client_id: KIMI_CODE_CLIENT_ID, device_code: start.deviceCode, grant_type: DEVICE_CODE_GRANT },
      signal,
    ).catch(keepPollingThroughNetworkErrors);
    // A dropped connection while the user is still approving is not worth losing the code.
    if (response === null) continue;
    if (response.ok) return toTokens(response, clock);
    switch (oauthError(response)) {
      case 'authorization_pending':
        break;
      case 'slow_down':
        intervalS += SLOW_DOWN_STEP_S;
        break;
      case 'expired_token':
        throw new KimiError('device-login-expired');
      case 'access_denied':
        throw new KimiError('device-login-denied');
      default:
        throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });
    }
  }
}

/** The refresh-token grant; `invalid_grant`, 401 and 403 mean the sign-in is gone. */
export async function refreshDeviceLogin(context: DeviceLoginContext, refreshToken: string): Promise<OAuthTokens> {
  const response = await postForm(context, TOKEN_PATH, { client_id: KIMI_CODE_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken });
  if (response.ok) return toTokens(response, context.clock ?? systemClock);
  if (response.status === 401 || response.status === 403 || oauthError(response) === 'invalid_grant') {
    throw new KimiError('signed-out', { status: response.status });
  }
  throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });
}

function postForm(context: DeviceLoginContext, path: string, form: Record<string, string>, signal?: AbortSignal): Promise<TransportResponse> {
  const transport = context.transport ?? request;
  return transport({
    url: `${context.authBaseUrl.replace(/\/+$/, '')}${path}`,
    method: 'POST',
    headers: { ...context.identity, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    signal,
  });
}

function keepPollingThroughNetworkErrors(error: unknown): null {
  if (error instanceof KimiError && error.code === 'network') return null;
  throw error;
}

function toTokens(response: TransportResponse, clock: Clock): OAuthTokens {
  const parsed = TokenReplySchema.safeParse(response.body);
  if (!parsed.success) throw new KimiError('parse', { detail: 'unexpected token reply' });
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresAt: clock.now() + (parsed.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
  };
}

function oauthError(response: TransportResponse): string | null {
  const parsed = OAuthErrorSchema.safeParse(response.body);
  return parsed.success ? parsed.data.error : null;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new KimiError('cancelled'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new KimiError('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
