// What the fake Kimi service answers when a test does not script otherwise: the example bodies
// of docs/kimi-api.md (CodexBar's usage examples, with the fields newer bodies add), and the
// other bodies Kimi sends today for tests to script, each shaped like a captured answer
// (test/fixtures/kimi/README.md).

/** Code API, classic shape: CodexBar's example plus the user and authentication blocks, on a
 *  request plan (2048 a week, 200 per 5 hours). */
export const CODE_API_USAGE = {
  user: { userId: 'user-fake-1', region: 'REGION_CN', membership: { level: 'LEVEL_INTERMEDIATE' } },
  usage: { limit: '2048', used: '214', remaining: '1834', resetTime: '2026-01-09T15:23:13.716839300Z' },
  limits: [
    {
      window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' },
      detail: { limit: '200', used: '139', remaining: '61', resetTime: '2026-01-06T13:33:02.717479433Z' },
    },
  ],
  authentication: { method: 'METHOD_API_KEY', scope: 'FEATURE_CODING' },
};

/**
 * The extra-usage balance as Kimi sends it: fixed-point amounts (÷ 1 000 000 = cents), plain
 * cents for the month. 200.00 USD bought, 150.00 left, 12.50 of a 50.00 monthly cap spent.
 */
export const BOOSTER_WALLET = {
  id: 'wallet-fake-1',
  balance: { type: 'BOOSTER', amount: '20000000000', amountLeft: '15000000000', unit: 'UNIT_CURRENCY' },
  monthlyChargeLimitEnabled: true,
  monthlyChargeLimit: { currency: 'USD', priceInCents: '5000' },
  monthlyUsed: { currency: 'USD', priceInCents: '1250' },
};

/**
 * Most accounts since 2026: the weekly scheme in percent units (limits of "100"), a parallel
 * limit, the ratio pools beside the counts, and an extra-usage wallet.
 */
export const CODE_API_USAGE_PERCENT = {
  user: { userId: 'user-fake-2', region: 'REGION_OVERSEA', membership: { level: 'LEVEL_BASIC' }, businessId: '' },
  usage: { limit: '100', used: '47', remaining: '53', resetTime: '2026-01-09T15:23:13.716839Z' },
  limits: [
    {
      window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' },
      detail: { limit: '100', used: '12', remaining: '88', resetTime: '2026-01-06T13:33:02.717479Z' },
    },
  ],
  usages: {
    limit_5h: { used_ratio: 0.1204, reset_time: '2026-01-06T13:33:02Z' },
    limit_7d: { used_ratio: 0.4711, reset_time: '2026-01-09T15:23:13Z' },
  },
  parallel: { limit: '20' },
  totalQuota: {},
  boosterWallet: BOOSTER_WALLET,
  authentication: { method: 'METHOD_ACCESS_TOKEN', scope: 'FEATURE_CODING' },
  subType: 'TYPE_PURCHASE',
  domain: 'DOMAIN_NEXUS',
  version: 'GOODS_VERSION_V1',
};

/** Web GetUsages: CodexBar's example. */
export const WEB_USAGES = {
  usages: [
    {
      scope: 'FEATURE_CODING',
      detail: { limit: '2048', used: '214', remaining: '1834', resetTime: '2026-01-09T15:23:13.716839300Z' },
      limits: [
        {
          window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' },
          detail: { limit: '200', used: '139', remaining: '61', resetTime: '2026-01-06T13:33:02.717479433Z' },
        },
      ],
    },
  ],
};

/** Membership stats. */
export const MEMBERSHIP_STATS = {
  subscriptionBalance: {
    feature: 'FEATURE_OMNI',
    type: 'SUBSCRIPTION',
    amountUsedRatio: 0.31,
    kimiCodeUsedRatio: 0.22,
    expireTime: '2026-02-01T00:00:00Z',
  },
  ratelimitCode7d: { ratio: 0.4, enabled: true, resetTime: '2026-01-12T00:00:00Z' },
};

export const DEVICE_USER_CODE = 'ABCD-EFGH';
export const DEVICE_CODE = 'fake-device-code';

/** Device login: start. */
export const DEVICE_AUTHORIZATION = {
  user_code: DEVICE_USER_CODE,
  device_code: DEVICE_CODE,
  verification_uri: 'https://www.kimi.com/code/authorize_device',
  verification_uri_complete: `https://www.kimi.com/code/authorize_device?user_code=${DEVICE_USER_CODE}`,
  expires_in: 900,
  interval: 5,
};

/** An unsigned JWT-shaped token with the given claims (the client never checks signatures). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.${Buffer.from('fake-signature').toString('base64url')}`;
}

/** CODE_API_USAGE (weekly 214/2048, 5-hour 139/200) with its resets placed around `now`, so
 *  countdowns and pace show: the weekly in 4 days, the 5-hour in 2 hours. */
export function liveCodeApiUsage(now = Date.now()): typeof CODE_API_USAGE {
  const at = (inMs: number): string => new Date(now + inMs).toISOString();
  const [fiveHour] = CODE_API_USAGE.limits;
  return {
    ...CODE_API_USAGE,
    usage: { ...CODE_API_USAGE.usage, resetTime: at(4 * 24 * 3_600_000) },
    limits: fiveHour === undefined ? [] : [{ ...fiveHour, detail: { ...fiveHour.detail, resetTime: at(2 * 3_600_000) } }],
  };
}

export interface UsageNumbers {
  readonly fiveHourUsed: number;
  readonly weeklyUsed: number;
  /** The limits, 200 and 2048 unless given. */
  readonly fiveHourLimit?: number;
  readonly weeklyLimit?: number;
}

/** What the Code API sends (classic shape, docs/kimi-api.md) for these numbers, resetting 3½ h
 *  and 4 days after `nowMs`. */
export function codeApiUsageBody(numbers: UsageNumbers, nowMs: number): unknown {
  const detail = (limit: number, used: number, resetsInMs: number) => ({
    limit: String(limit),
    used: String(used),
    remaining: String(limit - used),
    resetTime: new Date(nowMs + resetsInMs).toISOString(),
  });
  return {
    user: { userId: 'user-e2e', region: 'REGION_CN', membership: { level: 'LEVEL_INTERMEDIATE' } },
    usage: detail(numbers.weeklyLimit ?? 2048, numbers.weeklyUsed, 4 * 86_400_000),
    limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: detail(numbers.fiveHourLimit ?? 200, numbers.fiveHourUsed, 3 * 3_600_000 + 30 * 60_000) }],
    authentication: { method: 'METHOD_API_KEY', scope: 'FEATURE_CODING' },
  };
}
