// What reading one profile (or one browser-wide store) ends in, before it becomes a report
// line. Only `found` carries the value, and it never reaches an ImportReport.
import type { ImportStatus } from './types.js';

export type ProfileOutcome =
  | {
      readonly status: 'found';
      readonly token: string;
      readonly expiresAt: Date | null;
      /** Creation time in microseconds since the Unix epoch: the newest cookie wins. */
      readonly createdMicros: bigint;
    }
  | { readonly status: Exclude<ImportStatus, 'found'>; readonly detail: string | null };

export interface ProfileResult {
  /** Null for a browser-wide line (Safari, the Kimi desktop app, a failure before profiles). */
  readonly profile: string | null;
  readonly outcome: ProfileOutcome;
}

export type Failure = Exclude<ProfileOutcome, { status: 'found' }>;

/** What a person can act on comes first: a denied prompt, then a missing key, then damage. */
const FAILURE_RANK: Record<Failure['status'], number> = {
  'needs-full-disk-access': 0,
  'keychain-denied': 1,
  'cannot-decrypt': 2,
  'store-too-large': 3,
  'unreadable-store': 4,
  'not-found': 5,
};

/** The one outcome to show for several attempts: the newest find, else the most actionable failure. */
export function combineOutcomes(outcomes: readonly ProfileOutcome[]): ProfileOutcome {
  let best: ProfileOutcome = { status: 'not-found', detail: null };
  for (const outcome of outcomes) {
    if (outcome.status === 'found') {
      if (best.status !== 'found' || outcome.createdMicros > best.createdMicros) best = outcome;
    } else if (best.status !== 'found' && FAILURE_RANK[outcome.status] < FAILURE_RANK[best.status]) {
      best = outcome;
    } else if (best.status === 'not-found' && outcome.status === 'not-found' && best.detail === null) {
      best = outcome;
    }
  }
  return best;
}

export function notFound(detail: string | null = null): Failure {
  return { status: 'not-found', detail };
}

/** A cookie whose expiry is at or before `now` is skipped (a null expiry is a session cookie). */
export function isExpired(expiresAt: Date | null, now: number): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now;
}
