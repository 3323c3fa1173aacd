// `kimibar usage` for an account as most are since 2026: percent units, a parallel limit and an
// extra-usage wallet — the built CLI as a child process against fake-kimi over HTTPS.
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { BOOSTER_WALLET, CODE_API_USAGE_PERCENT } from '../fake-kimi/index.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const HOUR = 3_600_000;
const API_KEY = 'sk-kimi-cli-percent-0123456789abcdef';

const kimi = useFakeKimi();
let sandbox: CliSandbox;

/** The fake's percent-unit account, with its resets placed around now. */
function percentAccount(now = Date.now(), wallet: unknown = BOOSTER_WALLET) {
  const weeklyReset = new Date(now + 4 * 24 * HOUR);
  const rateReset = new Date(now + 2 * HOUR);
  const [rate] = CODE_API_USAGE_PERCENT.limits;
  return {
    ...CODE_API_USAGE_PERCENT,
    usage: { ...CODE_API_USAGE_PERCENT.usage, resetTime: weeklyReset.toISOString() },
    limits: [{ ...rate, detail: { ...rate!.detail, resetTime: rateReset.toISOString() } }],
    usages: {
      limit_5h: { ...CODE_API_USAGE_PERCENT.usages.limit_5h, reset_time: rateReset.toISOString() },
      limit_7d: { ...CODE_API_USAGE_PERCENT.usages.limit_7d, reset_time: weeklyReset.toISOString() },
    },
    boosterWallet: wallet,
  };
}

beforeEach(() => {
  kimi.on('usages', () => ({ body: percentAccount() }));
  sandbox = cliSandbox(kimi.url);
});

describe('kimibar usage on a percent-unit account', () => {
  it('says percent, never requests; names the parallel limit; shows the extra usage', async () => {
    const result = await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Kimi · Moderato · Kimi Code API key · Up to 20 parallel requests');
    expect(lines[1]).toMatch(/^5-hour\s+█+░+\s+88% left {2}12% used$/);
    expect(lines[3]).toMatch(/^Weekly\s+█+░+\s+53% left {2}47% used$/);
    expect(lines[5]).toBe('Extra usage   $150.00 left of $200.00 bought');
    expect(lines[6]).toBe('              $12.50 of $50.00 this month');
    expect(lines[7]).toBe('Updated just now');
    expect(lines.slice(1).join('\n')).not.toMatch(/requests|\/100|Rate:/);
  });

  it('--json marks the unit of the counts and carries the parallel limit and the extra usage', async () => {
    const result = await sandbox.run(['usage', '--json'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    const snapshot = UsageSnapshotSchema.parse(json);
    expect(snapshot.windows.map((w) => [w.id, w.used, w.limit, w.unit])).toEqual([
      ['5h', 12, 100, 'percent'],
      ['weekly', 47, 100, 'percent'],
    ]);
    // The pools' finer shares, with the counts kept beside them.
    expect(snapshot.windows.map((w) => w.usedPercent)).toEqual([12.04, 47.11]);
    expect(json['parallelLimit']).toBe(20);
    expect(json['extraUsage']).toEqual({ currency: 'USD', left: 150, bought: 200, monthlySpent: 12.5, monthlyCap: 50 });
  });

  it('a turned-off wallet and no parallel limit: no Extra usage row, a plain header, nulls in JSON', async () => {
    const body = { ...percentAccount(Date.now(), { ...BOOSTER_WALLET, status: 'STATUS_DISABLED' }), parallel: undefined };
    kimi.on('usages', { body });
    const text = await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('Kimi · Moderato · Kimi Code API key');
    expect(text.stdout).not.toContain('Extra usage');

    const json = await sandbox.run(['usage', '--json'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(JSON.parse(json.stdout)).toMatchObject({ parallelLimit: null, extraUsage: null });
  });
});
