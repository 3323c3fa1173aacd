// The fake Kimi service's public face for tests, benchmarks and scripts.
export { ROUTES, assertSecretNotSent, byBearer, formOf, startFakeKimi } from './server.js';
export type { FakeKimi, Handler, RecordedRequest, Reply, RouteKey, RouteName, StartFakeKimiOptions } from './server.js';
export { BOOSTER_WALLET, CODE_API_USAGE, CODE_API_USAGE_PERCENT, DEVICE_AUTHORIZATION, DEVICE_CODE, DEVICE_USER_CODE, MEMBERSHIP_STATS, WEB_USAGES, codeApiUsageBody, fakeJwt } from './defaults.js';
export type { UsageNumbers } from './defaults.js';
export { TEST_CA_DIR_ENV, createTestCa, ensureTestCa, withServerNames } from './test-ca.js';
export type { TestCa } from './test-ca.js';
