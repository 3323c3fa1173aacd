// Which credential a refresh uses (docs/architecture.md, "One refresh", step 3; where the order
// comes from: docs/kimi-api.md, "What KimiBar keeps from CodexBar"). Auto walks the sources in
// order and moves on when one is missing or fails in a way another credential could fix
// (401/403, 5xx, network, parse — but not a 403 saying the quota is spent: that is the
// account's answer, see KimiError.allowsFallback); an explicit mode uses its one source and
// never falls back.
// Cancellation always stops.
import type { UsageSourceMode } from '../../../shared/settings.js';
import type { SourceKind } from '../../../shared/usage.js';
import { KimiError, toKimiError } from '../errors.js';
import type { Credential } from '../kimi/credential.js';

/** `cli` is a mode of the command line only (`kimibar usage --source cli`). */
export type SourceMode = UsageSourceMode | 'cli';

export const AUTO_ORDER: readonly SourceKind[] = ['api-key', 'kimi-account', 'kimi-cli', 'web'];

const MODE_SOURCES: Record<SourceMode, readonly SourceKind[]> = {
  auto: AUTO_ORDER,
  api: ['api-key'],
  account: ['kimi-account'],
  cli: ['kimi-cli'],
  web: ['web'],
};

export function sourcesForMode(mode: SourceMode): readonly SourceKind[] {
  return MODE_SOURCES[mode];
}

export interface CredentialSource {
  readonly kind: SourceKind;
  /** The credential, or a KimiError with a "missing" code when the source has none. */
  resolve(signal?: AbortSignal): Promise<Credential>;
  /**
   * After the server rejected the credential (401/403): a fresh one to try once more, or null.
   * Browser import re-reads the stores here, since the cached cookie may have been replaced.
   */
  renewAfterRejection?(rejected: Credential, signal?: AbortSignal): Promise<Credential | null>;
}

export interface Attempt {
  readonly source: SourceKind;
  readonly error: KimiError;
}

export interface SourcedResult<T> {
  readonly value: T;
  readonly credential: Credential;
  /** Sources tried before the one that worked, with why each was passed over. */
  readonly attempts: readonly Attempt[];
}

/**
 * Runs `use` with the first source that works. In Auto, when every source is missing, nothing
 * is set up yet (`not-configured`: the first run, a welcome rather than an error); when some
 * source was tried and failed, the first such failure is reported — it is the one the user
 * most likely wants fixed. An explicit mode reports its one source's own error.
 */
export async function useFirstWorkingSource<T>(
  mode: SourceMode,
  sources: ReadonlyMap<SourceKind, CredentialSource>,
  use: (credential: Credential, signal?: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<SourcedResult<T>> {
  const attempts: Attempt[] = [];
  for (const kind of sourcesForMode(mode)) {
    const source = sources.get(kind);
    if (!source) continue;
    try {
      return { ...(await useSource(source, use, signal)), attempts };
    } catch (thrown) {
      const error = toKimiError(thrown);
      if (error.code === 'cancelled' || signal?.aborted) throw new KimiError('cancelled');
      if (mode !== 'auto' || !error.allowsFallback) throw error;
      attempts.push({ source: kind, error });
    }
  }
  throw summarise(attempts);
}

async function useSource<T>(
  source: CredentialSource,
  use: (credential: Credential, signal?: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<{ value: T; credential: Credential }> {
  const credential = await source.resolve(signal);
  try {
    return { value: await use(credential, signal), credential };
  } catch (thrown) {
    const error = toKimiError(thrown);
    if (!isRejection(error) || !source.renewAfterRejection) throw error;
    const renewed = await source.renewAfterRejection(credential, signal);
    if (renewed === null) throw error;
    return { value: await use(renewed, signal), credential: renewed };
  }
}

function isRejection(error: KimiError): boolean {
  return error.status === 401 || error.status === 403 || error.code === 'auth-invalid';
}

function summarise(attempts: readonly Attempt[]): KimiError {
  return attempts.find((attempt) => !attempt.error.missingCredential)?.error ?? new KimiError('not-configured');
}
