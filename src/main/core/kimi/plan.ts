// The plan name (docs/kimi-api.md, "Plans and levels"). Kimi names its membership tiers after
// tempos in its goods catalog and sends the tier as a level enum beside the catalog's version;
// newer plans send no level at all. Plans changed in 2026, so CodexBar's 2025 tier table is
// history: we name a plan from a level of the version-1 catalog, and from the weekly limit only
// for that table's exact values. Anything else stays unnamed — no name is better than a wrong
// one, and a raw enum ("LEVEL_STANDARD") is not a name.

/** The version-1 goods catalog: level → the tier's name on Kimi's membership page. */
const V1_CATALOG_NAMES: ReadonlyMap<string, string> = new Map([
  ['LEVEL_FREE', 'Adagio'],
  ['LEVEL_TRIAL', 'Andante'],
  ['LEVEL_BASIC', 'Moderato'],
  ['LEVEL_INTERMEDIATE', 'Allegretto'],
  ['LEVEL_ADVANCED', 'Allegro'],
]);
const V1_CATALOG = 'GOODS_VERSION_V1';

/** CodexBar's 2025 tier table (CB-doc in docs/kimi-api.md): weekly request quota → tier
 *  (requests, never percent units). */
const TIERS_BY_WEEKLY_REQUESTS: ReadonlyMap<number, string> = new Map([
  [1024, 'Andante'],
  [2048, 'Moderato'],
  [7168, 'Allegretto'],
]);

const LEVEL_ENUM = /^LEVEL_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;
// proto3 enums: the zero value means "not set", so it names nothing.
const UNSET_LEVEL = 'LEVEL_UNSPECIFIED';

export interface PlanEvidence {
  /** `user.membership.level`, e.g. "LEVEL_INTERMEDIATE". */
  readonly level?: string | undefined;
  /** The body's `version`: undefined when not sent, null when sent but not a name. */
  readonly catalogVersion?: string | null | undefined;
  /** The weekly request limit, when the server gave request counts. */
  readonly weeklyLimit?: number | undefined;
}

export function planName({ level, catalogVersion, weeklyLimit }: PlanEvidence): string | null {
  const normalized = level?.trim().toUpperCase() ?? '';
  if (LEVEL_ENUM.test(normalized) && normalized !== UNSET_LEVEL) {
    // The server named a tier: only its own catalog can name it. Bodies from before the
    // version field existed carry no version; the version-1 catalog was the only one then.
    const v1 = catalogVersion === undefined || catalogVersion === V1_CATALOG;
    return v1 ? (V1_CATALOG_NAMES.get(normalized) ?? null) : null;
  }
  return weeklyLimit === undefined ? null : (TIERS_BY_WEEKLY_REQUESTS.get(weeklyLimit) ?? null);
}
