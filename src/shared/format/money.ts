// Money in the reader's own writing: "$100.00", "¥182.08". Kimi bills in US dollars or in yuan;
// the narrow symbol is what both sites and the official CLI print. An amount whose currency
// Kimi did not name is shown as a bare number rather than under a guessed symbol.
import type { Locale } from '../i18n/index.js';
import type { ExtraUsage } from '../usage.js';
import { t } from '../i18n/index.js';

const CENTS = { minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;

export function moneyText(locale: Locale, amount: number, currency: string | null): string {
  const options: Intl.NumberFormatOptions = currency === null ? CENTS : { ...CENTS, style: 'currency', currency, currencyDisplay: 'narrowSymbol' };
  return new Intl.NumberFormat(locale, options).format(amount);
}

export interface ExtraUsageTexts {
  /** "$100.00 left": the headline. */
  readonly left: string;
  /** "of $200.00 bought". */
  readonly bought: string;
  /** "$50.00 of $200.00 this month", when a monthly cap is on; else null. */
  readonly month: string | null;
}

export function extraUsageTexts(locale: Locale, extra: ExtraUsage): ExtraUsageTexts {
  const money = (amount: number) => moneyText(locale, amount, extra.currency);
  return {
    left: t(locale, 'extra.left', { amount: money(extra.left) }),
    bought: t(locale, 'extra.bought', { amount: money(extra.bought) }),
    month: extra.monthlyCap === null ? null : t(locale, 'extra.month', { spent: money(extra.monthlySpent), cap: money(extra.monthlyCap) }),
  };
}
