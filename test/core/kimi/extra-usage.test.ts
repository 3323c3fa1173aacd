// The booster wallet as Kimi sends it (strings or numbers, zeros left out) → the snapshot's
// extra usage, or none.
import { describe, expect, it } from 'vitest';
import { mapCodeApiUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import { ExtraUsageSchema } from '../../../src/shared/usage.js';

const USAGE = { limit: '100', used: '26', remaining: '74', resetTime: '2026-08-11T15:53:05.519605Z' };
const extraOf = (boosterWallet: unknown) => mapCodeApiUsage({ usage: USAGE, boosterWallet }).extraUsage;

/** The official CLI's sample: 200.00 bought, 100.00 left, 50.00 of a 200.00 monthly cap spent. */
const SAMPLE = {
  id: 'wallet_1',
  balance: { type: 'BOOSTER', amount: '20000000000', amountLeft: '10000000000', unit: 'UNIT_CURRENCY' },
  monthlyChargeLimitEnabled: true,
  monthlyChargeLimit: { currency: 'USD', priceInCents: '20000' },
  monthlyUsed: { currency: 'USD', priceInCents: '5000' },
};

describe('extra usage from boosterWallet', () => {
  it.each([
    ['the official sample', SAMPLE, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['numbers instead of strings', { ...SAMPLE, balance: { type: 'BOOSTER', amount: 2e10, amountLeft: 1e10 }, monthlyUsed: { currency: 'USD', priceInCents: 5000 } }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['the earlier balance type BALANCE_BOOSTER', { ...SAMPLE, balance: { ...SAMPLE.balance, type: 'BALANCE_BOOSTER' } }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['an active status', { ...SAMPLE, status: 'STATUS_ACTIVE' }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['no amountLeft (proto3: nothing left)', { ...SAMPLE, balance: { type: 'BOOSTER', amount: '20000000000' } }, { currency: 'USD', left: 0, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['the cap turned off', { ...SAMPLE, monthlyChargeLimitEnabled: false }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: null }],
    ['a cap of 0 (no cap)', { ...SAMPLE, monthlyChargeLimit: { currency: 'USD', priceInCents: '0' } }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 50, monthlyCap: null }],
    ['no monthly fields', { balance: SAMPLE.balance }, { currency: null, left: 100, bought: 200, monthlySpent: 0, monthlyCap: null }],
    ['yuan, the currency named only by the spend', { balance: { type: 'BOOSTER', amount: '40000000000', amountLeft: '18208000000' }, monthlyUsed: { currency: 'cny', priceInCents: '21792' } }, { currency: 'CNY', left: 182.08, bought: 400, monthlySpent: 217.92, monthlyCap: null }],
    ['a left of less than a cent shows as a cent', { balance: { type: 'BOOSTER', amount: '20000000000', amountLeft: '1' } }, { currency: null, left: 0.01, bought: 200, monthlySpent: 0, monthlyCap: null }],
    ['a currency that is not a code is none', { ...SAMPLE, monthlyChargeLimit: { currency: 'US$', priceInCents: '20000' }, monthlyUsed: { currency: '', priceInCents: '5000' } }, { currency: null, left: 100, bought: 200, monthlySpent: 50, monthlyCap: 200 }],
    ['a negative spend is none', { ...SAMPLE, monthlyUsed: { currency: 'USD', priceInCents: '-5' } }, { currency: 'USD', left: 100, bought: 200, monthlySpent: 0, monthlyCap: 200 }],
  ])('%s', (_name, wallet, expected) => {
    const extra = extraOf(wallet);
    expect(extra).toEqual(expected);
    expect(ExtraUsageSchema.safeParse(extra).success).toBe(true);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['not an object', 'wallet'],
    ['turned off (status)', { ...SAMPLE, status: 'STATUS_DISABLED' }],
    ['turned off (isEnabled)', { ...SAMPLE, isEnabled: false }],
    ['the captured disabled wallet, with no balance', { status: 'STATUS_DISABLED', monthlyChargeLimit: { currency: 'CNY', priceInCents: '10000' }, monthlyUsed: { currency: 'CNY', priceInCents: '0' } }],
    ['enabled but without a balance', { status: 'STATUS_ENABLED', monthlyChargeLimit: { currency: 'CNY', priceInCents: '10000' }, monthlyUsed: { currency: 'CNY', priceInCents: '2500' } }],
    ['nothing bought (amount 0)', { ...SAMPLE, balance: { type: 'BOOSTER', amount: '0', amountLeft: '0' } }],
    ['nothing bought (amount left out)', { ...SAMPLE, balance: { type: 'BOOSTER' } }],
    ['another balance type', { ...SAMPLE, balance: { ...SAMPLE.balance, type: 'OTHER' } }],
    ['a balance without a type', { ...SAMPLE, balance: { amount: '20000000000', amountLeft: '10000000000' } }],
    ['a negative amount', { ...SAMPLE, balance: { type: 'BOOSTER', amount: '-20000000000' } }],
    ['an amount beyond safe integers', { ...SAMPLE, balance: { type: 'BOOSTER', amount: '1e300' } }],
    ['an amount that is no number', { ...SAMPLE, balance: { type: 'BOOSTER', amount: 'lots' } }],
  ])('no extra usage when the wallet is %s', (_name, wallet) => {
    expect(extraOf(wallet)).toBeNull();
  });

  it('a wallet never stands in for usage: a body with only a wallet is no answer', () => {
    expect(() => mapCodeApiUsage({ boosterWallet: SAMPLE })).toThrow(/no usage windows/);
  });
});

describe('parallel limit', () => {
  it.each([
    [{ limit: '30' }, 30],
    [{ limit: 10 }, 10],
    [{ limit: ' 20 ' }, 20],
    [{ limit: '30', details: [{}] }, 30],
    [{ limit: '0' }, null],
    [{ limit: '-1' }, null],
    [{ limit: '2.5' }, null],
    [{ limit: 'many' }, null],
    [{ limit: '1e300' }, null],
    [{}, null],
    ['30', null],
    [undefined, null],
  ])('parallel %j → %j', (parallel, expected) => {
    expect(mapCodeApiUsage({ usage: USAGE, parallel }).parallelLimit).toBe(expected);
  });
});
