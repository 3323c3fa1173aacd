// What the last refreshes did, kept in memory for a support bundle: the shape of the last answer
// from each Kimi endpoint and the last few errors. Bounded by construction — one shape per
// endpoint, a short ring of errors — so a long-running app never grows it.
import type { SourceKind } from '../../../shared/usage.js';
import type { KimiError } from '../errors.js';
import type { ResponseEndpoint } from '../kimi/index.js';
import type { Clock } from '../ports.js';
import { describeShape, type Shape } from './response-shape.js';

export type { ResponseEndpoint };

export interface ResponseRecord {
  readonly endpoint: ResponseEndpoint;
  readonly at: string;
  readonly shape: Shape;
}

export interface RecentError {
  readonly at: string;
  /** The source that failed, when the refresh got as far as choosing one. */
  readonly source: SourceKind | null;
  readonly code: KimiError['code'];
  /** Already free of secrets: KimiError messages never quote a token. */
  readonly message: string;
}

export interface RecentActivity {
  responseSeen(endpoint: ResponseEndpoint, body: unknown): void;
  errorSeen(error: KimiError, source?: SourceKind): void;
  view(): { readonly responses: readonly ResponseRecord[]; readonly errors: readonly RecentError[] };
}

export const MAX_RECENT_ERRORS = 10;

export function createRecentActivity(clock: Clock): RecentActivity {
  const responses = new Map<ResponseEndpoint, ResponseRecord>();
  const errors: RecentError[] = [];
  const now = (): string => new Date(clock.now()).toISOString();
  return {
    responseSeen(endpoint, body) {
      // The shape is taken at once: the body itself is never kept.
      responses.set(endpoint, { endpoint, at: now(), shape: describeShape(body) });
    },
    errorSeen(error, source) {
      errors.push({ at: now(), source: source ?? null, code: error.code, message: error.message });
      if (errors.length > MAX_RECENT_ERRORS) errors.splice(0, errors.length - MAX_RECENT_ERRORS);
    },
    view: () => ({ responses: [...responses.values()], errors: [...errors] }),
  };
}
