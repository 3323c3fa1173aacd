// The demo's network: a Transport that answers the Kimi endpoints of docs/kimi-api.md in-process
// from the simulated service, so the demo runs the real core — credential choice, the parsers,
// the mapping, device login, token refresh — with only the wire replaced. Bodies are sent the
// way the real servers send them (counts as strings, ISO times), and through a JSON round trip,
// so nothing reaches the core that a server could not have sent. It never touches the network.
import { randomBytes } from 'node:crypto';
import { KimiError } from '../../core/errors.js';
import type { Transport, TransportRequest, TransportResponse } from '../../core/kimi/transport.js';
import type { Clock } from '../../core/ports.js';
import { depleteFiveHour, simulateUsage, type SimulatedWindow } from './simulated-kimi.js';

/** The page the simulated device login names; the demo never opens it in a real browser. */
export const SIMULATED_VERIFICATION_URI = 'https://www.kimi.com/code/authorize_device';

export interface SimulatedTransportOptions {
  readonly clock: Clock;
  /** When the demo started (defaults to the clock's now). */
  readonly epochMs?: number;
  /** Demo seconds per real second: lifetimes are stretched so a time-lapse does not expire them at once. */
  readonly timeScale?: number;
  /** How many polls a device login stays pending before the simulated person confirms it. */
  readonly pendingPolls?: number;
  /** Other accounts' usage by the bearer token they send (their API keys); any other token
   *  gets the first account's. */
  readonly profiles?: ReadonlyMap<string, UsageProfile>;
}

/** One simulated account: which usage it has, and whether Kimi takes its key at all. */
export interface UsageProfile {
  readonly variant: number;
  readonly state: 'normal' | 'depleted' | 'rejected';
}

const FIRST_PROFILE: UsageProfile = { variant: 0, state: 'normal' };

const DEVICE_CODE_LIFETIME_S = 15 * 60;
const ACCESS_TOKEN_LIFETIME_S = 15 * 60;
const POLL_INTERVAL_S = 1;

type Reply = { readonly status: number; readonly body: unknown };

export function createSimulatedTransport(options: SimulatedTransportOptions): Transport {
  const { clock } = options;
  const epochMs = options.epochMs ?? clock.now();
  const timeScale = options.timeScale ?? 1;
  const pendingPolls = options.pendingPolls ?? 2;
  const deviceCodes = new Map<string, { polls: number; expiresAtMs: number }>();
  const refreshTokens = new Set<string>();

  const usage = (profile: UsageProfile = FIRST_PROFILE): SimulatedWindow[] => {
    const windows = simulateUsage({ epochMs, nowMs: clock.now(), variant: profile.variant });
    return profile.state === 'depleted' ? depleteFiveHour(windows) : windows;
  };

  function issueTokens(): Reply {
    const refresh = `demo-refresh-${randomBytes(12).toString('hex')}`;
    refreshTokens.add(refresh);
    return {
      status: 200,
      body: {
        access_token: `demo-access-${randomBytes(12).toString('hex')}`,
        refresh_token: refresh,
        expires_in: Math.round(ACCESS_TOKEN_LIFETIME_S * timeScale),
        token_type: 'Bearer',
      },
    };
  }

  function deviceAuthorization(): Reply {
    const userCode = deviceUserCode();
    const deviceCode = randomBytes(16).toString('hex');
    const expiresIn = Math.round(DEVICE_CODE_LIFETIME_S * timeScale);
    deviceCodes.set(deviceCode, { polls: 0, expiresAtMs: clock.now() + expiresIn * 1000 });
    return {
      status: 200,
      body: {
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: SIMULATED_VERIFICATION_URI,
        verification_uri_complete: `${SIMULATED_VERIFICATION_URI}?user_code=${userCode}`,
        expires_in: expiresIn,
        interval: POLL_INTERVAL_S,
      },
    };
  }

  function token(form: URLSearchParams): Reply {
    if (form.get('grant_type') === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      // Refresh tokens rotate and are single use, as on the real server.
      if (!refreshTokens.delete(refresh)) return { status: 400, body: { error: 'invalid_grant' } };
      return issueTokens();
    }
    const pending = deviceCodes.get(form.get('device_code') ?? '');
    if (pending === undefined) return { status: 400, body: { error: 'invalid_grant' } };
    if (clock.now() >= pending.expiresAtMs) return { status: 400, body: { error: 'expired_token' } };
    pending.polls += 1;
    if (pending.polls <= pendingPolls) return { status: 400, body: { error: 'authorization_pending' } };
    deviceCodes.delete(form.get('device_code') ?? '');
    return issueTokens();
  }

  function route(request: TransportRequest): Reply {
    const { pathname } = new URL(request.url);
    const method = request.method ?? 'GET';
    const bearer = /^Bearer (\S+)/.exec(request.headers?.['Authorization'] ?? request.headers?.['authorization'] ?? '')?.[1];
    const profile = bearer === undefined ? undefined : options.profiles?.get(bearer);
    const authorized = bearer !== undefined && profile?.state !== 'rejected';
    const unauthorized = { status: 401, body: { code: 'unauthenticated', message: 'token is invalid' } };
    if (method === 'GET' && pathname.endsWith('/coding/v1/usages')) return authorized ? { status: 200, body: codeApiBody(usage(profile)) } : unauthorized;
    if (method === 'POST' && pathname.endsWith('/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages')) return authorized ? { status: 200, body: webUsageBody(usage()) } : unauthorized;
    if (method === 'POST' && pathname.endsWith('/apiv2/kimi.gateway.membership.v2.MembershipService/GetSubscriptionStats')) return authorized ? { status: 200, body: membershipBody(usage()) } : unauthorized;
    if (method === 'POST' && pathname === '/api/oauth/device_authorization') return deviceAuthorization();
    if (method === 'POST' && pathname === '/api/oauth/token') return token(new URLSearchParams(request.body ?? ''));
    return { status: 404, body: { code: 'not_found' } };
  }

  return async (request): Promise<TransportResponse> => {
    if (request.signal?.aborted) throw new KimiError('cancelled');
    const reply = route(request);
    return {
      status: reply.status,
      ok: reply.status >= 200 && reply.status < 300,
      body: JSON.parse(JSON.stringify(reply.body)) as unknown,
      retryAfterSeconds: undefined,
    };
  };
}

/** The Code API body in the classic shape, with the monthly pool beside it as newer plans send,
 *  the plan's parallel limit and an extra-usage wallet (fixed point: ÷ 1 000 000 = cents). */
export function codeApiBody(windows: readonly SimulatedWindow[]): unknown {
  const [fiveHour, weekly, monthly] = pick(windows);
  return {
    user: { userId: 'demo-user', region: 'REGION_OVERSEA', membership: { level: 'LEVEL_INTERMEDIATE' } },
    usage: countDetail(weekly),
    limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: countDetail(fiveHour) }],
    usages: { limit_month_total: { used_ratio: monthly.usedRatio, reset_time: iso(monthly.resetsAtMs) } },
    parallel: { limit: '30' },
    boosterWallet: {
      balance: { type: 'BOOSTER', amount: '5000000000', amountLeft: '3260000000', unit: 'UNIT_CURRENCY' },
      monthlyChargeLimitEnabled: false,
      monthlyUsed: { currency: 'USD', priceInCents: '1740' },
    },
    authentication: { method: 'METHOD_API_KEY', scope: 'FEATURE_CODING' },
  };
}

/** The web GetUsages body. */
function webUsageBody(windows: readonly SimulatedWindow[]): unknown {
  const [fiveHour, weekly] = pick(windows);
  return {
    usages: [
      {
        scope: 'FEATURE_CODING',
        detail: countDetail(weekly),
        limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: countDetail(fiveHour) }],
      },
    ],
  };
}

/** The membership stats body. */
function membershipBody(windows: readonly SimulatedWindow[]): unknown {
  const [, , monthly] = pick(windows);
  return {
    subscriptionBalance: { feature: 'FEATURE_OMNI', type: 'SUBSCRIPTION', amountUsedRatio: monthly.usedRatio, expireTime: iso(monthly.resetsAtMs) },
  };
}

function pick(windows: readonly SimulatedWindow[]): [SimulatedWindow, SimulatedWindow, SimulatedWindow] {
  const byId = (id: SimulatedWindow['id']): SimulatedWindow => {
    const found = windows.find((window) => window.id === id);
    if (found === undefined) throw new KimiError('parse', { detail: `simulation has no ${id} window` });
    return found;
  };
  return [byId('5h'), byId('weekly'), byId('monthly-total')];
}

/** Counts travel as strings, as the real server sends its int64 fields. */
function countDetail(window: SimulatedWindow): Record<string, string> {
  const limit = window.limit ?? 0;
  const used = window.used ?? 0;
  return { limit: String(limit), used: String(used), remaining: String(limit - used), resetTime: iso(window.resetsAtMs) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** "ABCD-2345": the shape of a real device-login code, without look-alike characters. */
function deviceUserCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length] ?? 'A');
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
