// How long mapping a Kimi response takes: CodexBar's example body, a full body with ratio pools and
// membership, and the largest body the transport lets through (1 MiB of limits entries).
// Prints figures only; nothing here asserts time.
import { buildSnapshot, mapCodeApiUsage, mapWebUsage } from '../src/main/core/kimi/usage-mapping.js';
import { KimiError } from '../src/main/core/errors.js';

const SEED_BODY = {
  usage: { limit: '2048', used: '214', remaining: '1834', resetTime: '2026-01-09T15:23:13.716839300Z' },
  limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', used: '139', remaining: '61', resetTime: '2026-01-06T13:33:02.717479433Z' } }],
};
const SEED = JSON.stringify(SEED_BODY);
const MIXED = JSON.stringify({
  ...SEED_BODY,
  user: { membership: { level: 'LEVEL_INTERMEDIATE' } },
  usages: {
    limit_5h: { used_ratio: 0.695, reset_time: '2026-01-06T13:33:02Z' },
    limit_7d: { used_ratio: 0.1045, reset_time: '2026-01-09T15:23:13Z' },
    limit_month_total: { used_ratio: 0.33, reset_time: '2026-01-31T00:00:00Z' },
    limit_month_code: { used_ratio: 0.2, reset_time: '2026-01-31T00:00:00Z' },
  },
});
const WEB = JSON.stringify({ usages: [{ scope: 'FEATURE_CODING', ...{ detail: SEED_BODY.usage, limits: SEED_BODY.limits } }] });
const MEMBERSHIP = JSON.stringify({
  data: {
    subscriptionBalance: { amountUsedRatio: 0.62, kimiCodeUsedRatio: 0.15, expireTime: '2026-01-31T16:00:00Z' },
    ratelimitCode7d: { ratio: 0.7, enabled: true, resetTime: '2026-01-12T00:00:00Z' },
  },
});
const entry = JSON.stringify({ window: { duration: 60, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '0' } });
const HUGE_ENTRIES = Math.floor((1024 * 1024) / (entry.length + 1));
const HUGE = `{"limits":[${Array.from({ length: HUGE_ENTRIES }, () => entry).join(',')}]}`;

const NOW = new Date('2026-01-06T11:00:00Z');
const SOURCE = { kind: 'api-key', label: 'Kimi Code API key' } as const;

function measure(name: string, iterations: number, run: () => void): void {
  for (let i = 0; i < Math.min(iterations, 50); i += 1) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) run();
  const perOpUs = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${name.padEnd(58)} ${perOpUs.toFixed(1).padStart(10)} µs/op  (${iterations} runs)`);
}

measure('seed body: JSON.parse + map + snapshot', 20_000, () => {
  buildSnapshot(mapCodeApiUsage(JSON.parse(SEED)), SOURCE, NOW);
});
measure('mixed body with 4 ratio pools: parse + map + snapshot', 20_000, () => {
  buildSnapshot(mapCodeApiUsage(JSON.parse(MIXED)), SOURCE, NOW);
});
measure('web body + membership: parse + map + snapshot', 20_000, () => {
  buildSnapshot(mapWebUsage(JSON.parse(WEB), JSON.parse(MEMBERSHIP)), SOURCE, NOW);
});
console.log(`1 MiB body: ${(HUGE.length / 1024).toFixed(0)} KiB, ${HUGE_ENTRIES} placeholder limits entries`);
measure('1 MiB body of placeholder limits: parse + map (→ parse error)', 20, () => {
  try {
    mapCodeApiUsage(JSON.parse(HUGE));
  } catch (error) {
    if (!(error instanceof KimiError)) throw error;
  }
});
