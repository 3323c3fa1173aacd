// The plan name (docs/kimi-api.md, "Plans and levels"). Plans changed in 2026, so CodexBar's
// 2025 tier table is history: we name a plan from the server's membership level where it gives
// one, and from the weekly limit only for that table's exact values. Anything else stays
// unnamed — no name is better than a wrong one.

const NAMED_LEVELS: ReadonlyMap<string, string> = new Map([
  ['LEVEL_INTERMEDIATE', 'Allegretto'],
  ['LEVEL_ADVANCED', 'Allegro'],
]);

/** CodexBar's 2025 tier table (CB-doc in docs/kimi-api.md): weekly request quota → tier. */
const SEED_TIERS_BY_WEEKLY_LIMIT: ReadonlyMap<number, string> = new Map([
  [1024, 'Andante'],
  [2048, 'Moderato'],
  [7168, 'Allegretto'],
]);

// proto3 enums: the zero value means "not set", so it names nothing.
const LEVEL_ENUM = /^LEVEL_([A-Z0-9]+(?:_[A-Z0-9]+)*)$/;
const UNSET_LEVEL = 'LEVEL_UNSPECIFIED';

export interface PlanEvidence {
  /** `user.membership.level`, e.g. "LEVEL_INTERMEDIATE". */
  readonly level?: string | undefined;
  /** The weekly request limit, when the server gave counts. */
  readonly weeklyLimit?: number | undefined;
}

export function planName({ level, weeklyLimit }: PlanEvidence): string | null {
  return planFromLevel(level) ?? (weeklyLimit === undefined ? null : (SEED_TIERS_BY_WEEKLY_LIMIT.get(weeklyLimit) ?? null));
}

function planFromLevel(level: string | undefined): string | null {
  const normalized = level?.trim().toUpperCase();
  if (normalized === undefined || normalized === UNSET_LEVEL) return null;
  const named = NAMED_LEVELS.get(normalized);
  if (named !== undefined) return named;
  const match = LEVEL_ENUM.exec(normalized);
  if (!match?.[1]) return null;
  // LEVEL_TRIAL → "Trial", LEVEL_PRO_PLUS → "Pro Plus"
  return match[1]
    .split('_')
    .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
    .join(' ');
}
