// What the fake Kimi service answers when a test does not script otherwise: the example bodies
// of docs/kimi-api.md (CodexBar's usage examples, with the fields newer bodies add).

/** Code API, classic shape: CodexBar's example plus the user and authentication blocks. */
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
