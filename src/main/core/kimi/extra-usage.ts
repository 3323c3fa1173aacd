// Extra usage: Kimi's booster wallet, the prepaid balance an account spends once its plan's
// quota is used up, turned into the snapshot's currency amounts. The rules follow the official
// Kimi Code CLI's parser and the bodies other meters captured (docs/kimi-api.md, "Extra usage").
import type { ExtraUsage } from '../../../shared/usage.js';
import type { BoosterWallet } from './wire.js';

/** `balance.amount` and `amountLeft` are fixed point: this many units make one cent. */
const FIXED_POINT_PER_CENT = 1_000_000;
const CENTS_PER_UNIT = 100;

/** The balance types that mean "extra usage"; the official parser read the second earlier. */
const BOOSTER_TYPES: ReadonlySet<string> = new Set(['BOOSTER', 'BALANCE_BOOSTER']);
const DISABLED_STATUS = 'STATUS_DISABLED';
const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/** The wallet as the snapshot shows it, or null when there is none to show: no wallet, a
 *  turned-off one (its `amountLeft` is then an estimate, not a balance), or nothing bought. */
export function extraUsageFrom(wallet: BoosterWallet | undefined): ExtraUsage | null {
  if (wallet === undefined || wallet.status === DISABLED_STATUS || wallet.isEnabled === false) return null;
  const balance = wallet.balance;
  if (balance?.type === undefined || !BOOSTER_TYPES.has(balance.type)) return null;
  const boughtCents = centsFromFixedPoint(balance.amount);
  if (boughtCents === undefined || boughtCents <= 0) return null;
  // proto3 leaves out a zero: no `amountLeft` is nothing left.
  const leftCents = centsFromFixedPoint(balance.amountLeft) ?? 0;
  const capCents = plainCents(wallet.monthlyChargeLimit?.priceInCents) ?? 0;
  return {
    currency: currencyOf(wallet),
    left: leftCents / CENTS_PER_UNIT,
    bought: boughtCents / CENTS_PER_UNIT,
    monthlySpent: (plainCents(wallet.monthlyUsed?.priceInCents) ?? 0) / CENTS_PER_UNIT,
    // A cap of 0 means "no cap", as does a cap that is not enabled.
    monthlyCap: wallet.monthlyChargeLimitEnabled === true && capCents > 0 ? capCents / CENTS_PER_UNIT : null,
  };
}

/** Whole cents; a positive amount below one cent shows as one cent, never as nothing. */
function centsFromFixedPoint(value: number | undefined): number | undefined {
  if (value === undefined || value < 0) return undefined;
  const cents = value / FIXED_POINT_PER_CENT;
  const rounded = cents > 0 && cents < 1 ? 1 : Math.round(cents);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

function plainCents(value: number | undefined): number | undefined {
  if (value === undefined || value < 0) return undefined;
  const cents = Math.round(value);
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** The cap's currency, else the spend's. None named means none shown: guessing USD would make
 *  a mainland account's yuan read as dollars. */
function currencyOf(wallet: BoosterWallet): string | null {
  const named = [wallet.monthlyChargeLimit?.currency, wallet.monthlyUsed?.currency].find(
    (code): code is string => code !== undefined && CURRENCY_CODE.test(code),
  );
  return named === undefined ? null : named.toUpperCase();
}
