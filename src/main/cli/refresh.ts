// Where the CLI's refreshes land: every command that asks Kimi for the numbers goes through
// here, so the status-line cache (core/status-line/cache-writer.ts) is written by one path,
// with the numbers on success and the error beside the kept numbers on failure.
import type { UsageSnapshot } from '../../shared/usage.js';
import type { SourceMode, SourcedResult } from '../core/auth/priority.js';
import { toKimiError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import { createSnapshotCacheWriter } from '../core/status-line/cache-writer.js';

export async function refreshSnapshot(runtime: Runtime, options: { mode?: SourceMode; signal?: AbortSignal } = {}): Promise<SourcedResult<UsageSnapshot>> {
  const cache = createSnapshotCacheWriter({ configDir: runtime.paths.configDir, writtenBy: 'cli', clock: runtime.clock });
  try {
    const result = await runtime.fetchSnapshot(options);
    cache.recordSuccess(result.value);
    return result;
  } catch (thrown) {
    const error = toKimiError(thrown);
    // Ctrl-C says nothing about Kimi.
    if (error.code !== 'cancelled') cache.recordFailure(error);
    throw thrown;
  }
}
