// Wire schemas for the Kimi usage responses (docs/kimi-api.md). They are deliberately tolerant:
// the server omits zero values (proto3), sends numbers as strings and has changed shape before,
// so every scalar that is not what we expect becomes `undefined` instead of failing the parse.
// Only the mapping (usage-mapping.ts) decides what is usable; these schemas never throw on data.
import * as z from '../../../shared/zod.js';

/** Longer scalars are not numbers or timestamps we know; refusing them keeps regexes cheap. */
const MAX_SCALAR_CHARS = 64;

// One optional fraction group and no nested quantifiers: linear time on any input.
const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a JSON number or a numeric string (`"2048"`, `" 2048 "`), else undefined. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length > MAX_SCALAR_CHARS) return undefined;
  const text = value.trim();
  if (!NUMERIC_TEXT.test(text)) return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

// JS Date cannot parse the server's nanosecond fractions ("…13.716839300Z"), so we parse
// ISO 8601 ourselves: seconds optional, 0–9 fraction digits, `Z` or a ±hh:mm offset required.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch milliseconds of an ISO 8601 instant with a zone, else undefined (never throws). */
export function parseIsoInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > MAX_SCALAR_CHARS) return undefined;
  const match = ISO_INSTANT.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zulu, sign, offsetHours = '0', offsetMinutes = '0'] =
    match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const oh = Number(offsetHours);
  const om = Number(offsetMinutes);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  if (!zulu && (oh > 23 || om > 59)) return undefined;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, millis);
  const offsetMs = zulu ? 0 : (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return date.getTime() - offsetMs;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const UNIT_MINUTES: ReadonlyMap<string, number> = new Map([
  ['TIME_UNIT_MINUTE', 1],
  ['TIME_UNIT_HOUR', 60],
  ['TIME_UNIT_DAY', 1440],
  ['TIME_UNIT_WEEK', 10_080],
]);

/** Window length in whole minutes; unknown for other units, ≤ 0, fractions or overflow. */
export function windowMinutes(duration: number | undefined, unit: string | undefined): number | undefined {
  const factor = unit === undefined ? undefined : UNIT_MINUTES.get(unit);
  if (duration === undefined || factor === undefined) return undefined;
  const minutes = duration * factor;
  const fitsInMillis = Number.isSafeInteger(minutes * 60_000);
  return Number.isInteger(minutes) && minutes > 0 && fitsInMillis ? minutes : undefined;
}

/** `schema`, then `read` on what it parsed. */
function transformed<S extends z.ZodMiniType, Out>(schema: S, read: (value: z.output<S>) => Out) {
  return z.pipe(schema, z.transform(read));
}

/** Anything, or nothing: the loose fields below read what they can of it. */
const AnyValue = z.optional(z.unknown());

const LooseNumber = transformed(AnyValue, toFiniteNumber);

/**
 * A share (0–1, or a percent above 1.5) that tells "not sent" from "sent but no share": proto3
 * leaves out a zero, so an absent share is 0 % (undefined here), while "NaN", a negative or a
 * non-number is no reading at all (null here) and must never become a 0 % row.
 */
const LooseShare = transformed(AnyValue, (value): number | null | undefined => {
  if (value === undefined || value === null) return undefined;
  const share = toFiniteNumber(value);
  return share !== undefined && share >= 0 ? share : null;
});

/** The first share that was sent (a null — sent but unreadable — counts as sent). */
function firstShare(...shares: (number | null | undefined)[]): number | null | undefined {
  return shares.find((share) => share !== undefined);
}
const LooseInstant = transformed(AnyValue, parseIsoInstant);
const LooseString = transformed(AnyValue, (value) => (typeof value === 'string' && value.length <= MAX_SCALAR_CHARS ? value : undefined));
const LooseBoolean = transformed(AnyValue, (value) =>
  typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined,
);

/** An object that may be missing or of the wrong type: either way it is absent. */
function tolerant<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}

/** A list that may be missing, null or not a list; entries of the wrong type are skipped. */
function tolerantList<T extends z.ZodMiniType>(entry: T) {
  return listOf(entry, (value) => (Array.isArray(value) ? (value as unknown[]) : []));
}

/** A single object or a list of them (some responses wrap one record in an array). */
function oneOrMany<T extends z.ZodMiniType>(entry: T) {
  return listOf(entry, (value) => (Array.isArray(value) ? (value as unknown[]) : [value]));
}

function listOf<T extends z.ZodMiniType>(entry: T, toList: (value: unknown) => unknown[]) {
  return transformed(z.pipe(transformed(AnyValue, toList), z.array(tolerant(entry))), (entries) =>
    entries.filter((e): e is NonNullable<typeof e> => e !== undefined),
  );
}

const RESET_KEYS = { resetTime: LooseInstant, resetAt: LooseInstant, reset_time: LooseInstant, reset_at: LooseInstant };

/** resetTime, else resetAt, reset_time, reset_at (the first that parses): the four spellings
 *  other clients read, in their order (docs/kimi-api.md, "Classic shape"). */
function firstReset(keys: { resetTime?: number; resetAt?: number; reset_time?: number; reset_at?: number }) {
  return keys.resetTime ?? keys.resetAt ?? keys.reset_time ?? keys.reset_at;
}

/** `usage` (A), `detail` (B) and `limits[].detail`: counts plus a reset time. */
const CountDetailSchema = transformed(z.object({ limit: LooseNumber, used: LooseNumber, remaining: LooseNumber, ...RESET_KEYS }), (d) => ({
  limit: d.limit,
  used: d.used,
  remaining: d.remaining,
  resetsAtMs: firstReset(d),
}));
export type CountDetail = z.output<typeof CountDetailSchema>;

const RateWindowSchema = transformed(z.object({ duration: LooseNumber, timeUnit: LooseString, time_unit: LooseString }), (w) => ({
  minutes: windowMinutes(w.duration, w.timeUnit ?? w.time_unit),
}));

const LimitEntrySchema = z.object({ window: tolerant(RateWindowSchema), detail: tolerant(CountDetailSchema) });
export type LimitEntry = z.output<typeof LimitEntrySchema>;

const RatioPoolSchema = transformed(z.object({ used_ratio: LooseShare, usedRatio: LooseShare, ...RESET_KEYS }), (p) => ({
  usedRatio: firstShare(p.used_ratio, p.usedRatio),
  resetsAtMs: firstReset(p),
}));
export type RatioPool = z.output<typeof RatioPoolSchema>;

const RatioPoolsSchema = z.object({
  limit_5h: tolerant(RatioPoolSchema),
  limit_7d: tolerant(RatioPoolSchema),
  limit_month_total: tolerant(RatioPoolSchema),
  limit_month_code: tolerant(RatioPoolSchema),
});

/** `{currency, priceInCents}`: plain cents, not fixed point. */
const MoneySchema = z.object({ currency: LooseString, priceInCents: LooseNumber });

/**
 * `boosterWallet`, the extra-usage balance. `balance.amount` / `amountLeft` are fixed point
 * (value ÷ 1 000 000 = cents); the monthly fields are plain cents. Any field may be omitted.
 */
const BoosterWalletSchema = z.object({
  status: LooseString,
  isEnabled: LooseBoolean,
  balance: tolerant(z.object({ type: LooseString, amount: LooseNumber, amountLeft: LooseNumber })),
  monthlyChargeLimitEnabled: LooseBoolean,
  monthlyChargeLimit: tolerant(MoneySchema),
  monthlyUsed: tolerant(MoneySchema),
});
export type BoosterWallet = z.output<typeof BoosterWalletSchema>;

/**
 * The catalog the membership level belongs to: absent (older bodies, JSON null included), a
 * name (`GOODS_VERSION_V1`), or null when something that is not a name was sent.
 */
const CatalogVersion = transformed(AnyValue, (value): string | null | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' && value.length <= MAX_SCALAR_CHARS ? value : null,
);

/** The Code API body: the classic fields, the ratio pools and the account facts, each optional. */
export const CodeApiBodySchema = z.object({
  user: tolerant(z.object({ region: LooseString, membership: tolerant(z.object({ level: LooseString })) })),
  version: CatalogVersion,
  usage: tolerant(CountDetailSchema),
  limits: tolerantList(LimitEntrySchema),
  usages: tolerant(RatioPoolsSchema),
  parallel: tolerant(z.object({ limit: LooseNumber })),
  boosterWallet: tolerant(BoosterWalletSchema),
});

/** The web GetUsages body: `usages` is an array of scoped entries, each shaped like the Code API's classic fields. */
export const WebUsageBodySchema = z.object({
  usages: tolerantList(z.object({ scope: LooseString, detail: tolerant(CountDetailSchema), limits: tolerantList(LimitEntrySchema) })),
});

const SubscriptionBalanceSchema = transformed(
  z.object({
    feature: LooseString,
    type: LooseString,
    amountUsedRatio: LooseShare,
    amount_used_ratio: LooseShare,
    kimiCodeUsedRatio: LooseShare,
    kimi_code_used_ratio: LooseShare,
    expireTime: LooseInstant,
    expire_time: LooseInstant,
  }),
  (b) => ({
    feature: b.feature,
    type: b.type,
    amountUsedRatio: firstShare(b.amountUsedRatio, b.amount_used_ratio),
    kimiCodeUsedRatio: firstShare(b.kimiCodeUsedRatio, b.kimi_code_used_ratio),
    expiresAtMs: b.expireTime ?? b.expire_time,
  }),
);

const RateLimitStatSchema = transformed(z.object({ ratio: LooseShare, enabled: LooseBoolean, ...RESET_KEYS }), (r) => ({
  ratio: r.ratio,
  enabled: r.enabled,
  resetsAtMs: firstReset(r),
}));

const MembershipFieldsSchema = transformed(
  z.object({
    subscriptionBalance: oneOrMany(SubscriptionBalanceSchema),
    subscription_balance: oneOrMany(SubscriptionBalanceSchema),
    ratelimitCode7d: tolerant(RateLimitStatSchema),
    ratelimit_code_7d: tolerant(RateLimitStatSchema),
  }),
  (m) => ({
    balances: m.subscriptionBalance.length > 0 ? m.subscriptionBalance : m.subscription_balance,
    code7d: m.ratelimitCode7d ?? m.ratelimit_code_7d,
  }),
);

/** Membership stats: camelCase or snake_case, with or without a `data` wrapper. */
export const MembershipStatsSchema = z.pipe(
  transformed(z.unknown(), (body) => (isRecord(body) && isRecord(body['data']) ? body['data'] : body)),
  MembershipFieldsSchema,
);
export type MembershipStats = z.output<typeof MembershipStatsSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
