// Where the CLI's refreshes land: every command that asks Kimi for the numbers goes through
// here, so the status-line cache (core/status-line/cache-writer.ts) is written by one path,
// with the numbers on success and the error beside the kept numbers on failure — each account's
// into its own cache, which `kimibar statusline --account` reads.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { UsageSnapshot } from '../../shared/usage.js';
import type { SourceMode, SourcedResult } from '../core/auth/priority.js';
import { toKimiError } from '../core/errors.js';
import type { AccountRuntime, Runtime } from '../core/runtime.js';
import { createSnapshotCacheWriter } from '../core/status-line/cache-writer.js';

export async function refreshSnapshot(
  runtime: Runtime,
  account: AccountRuntime,
  options: { mode?: SourceMode; signal?: AbortSignal } = {},
): Promise<SourcedResult<UsageSnapshot>> {
  const cache = createSnapshotCacheWriter({ configDir: runtime.paths.configDir, writtenBy: 'cli', clock: runtime.clock, accountId: account.id });
  // Opening history (loading SQLite and its addon: tens of milliseconds of CPU) happens while the
  // request to Kimi is on its way, not after the answer; the sample itself is still recorded only
  // once the numbers are in. A failed refresh has opened it too, so the commands tell its notices
  // either way.
  const cancelEarlyHistory = runtime.settings.get().general.keepHistory ? onceRequestSent(() => void runtime.history()) : () => undefined;
  try {
    const result = await account.fetchSnapshot(options);
    cache.recordSuccess(result.value);
    return result;
  } catch (thrown) {
    const error = toKimiError(thrown);
    // Ctrl-C says nothing about Kimi.
    if (error.code !== 'cancelled') cache.recordFailure(error);
    throw thrown;
  } finally {
    cancelEarlyHistory();
  }
}

/** Node's own announcement that an http(s) request was created; its socket is connecting by then. */
const REQUEST_START = 'http.client.request.start';

/**
 * Runs `work` once, in the turn after the first request of this process is sent, when the
 * process would otherwise sit waiting for the network. Returns a cancel for a refresh that ends
 * before then (or without a request at all, like one with no credential).
 */
function onceRequestSent(work: () => void): () => void {
  let pending: NodeJS.Immediate | undefined;
  const started = (): void => {
    unsubscribe(REQUEST_START, started);
    pending = setImmediate(work);
  };
  subscribe(REQUEST_START, started);
  return () => {
    unsubscribe(REQUEST_START, started);
    clearImmediate(pending);
  };
}
