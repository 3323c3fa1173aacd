// `kimibar statusline --refresh [--account NAME]`: one refresh of an account (the selected one by
// default) through the runtime, which writes that account's status-line cache and line file
// (../refresh.ts), then its new line. A stale `kimibar statusline` starts it in the background
// with --release-lock and the account's id: it then owns the single-flight lock the status line
// took for that account (core/status-line/refresh-lock.ts) and removes it when done, whatever
// the outcome.
import { AccountIdSchema } from '../../../shared/settings.js';
import type { Runtime } from '../../core/runtime.js';
import { readLineCache } from '../../core/status-line/cache-file.js';
import { renderStatusLine } from '../../core/status-line/line.js';
import { releaseRefreshLock } from '../../core/status-line/refresh-lock.js';
import { ACCOUNT_OPTION, accountFor } from '../account-option.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';
import { interruptSignal } from './usage.js';

const USAGE = 'kimibar statusline --refresh [--account NAME]';

export async function runStatuslineRefresh(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...ACCOUNT_OPTION, refresh: { type: 'boolean' }, 'release-lock': { type: 'boolean' } }, USAGE);
  const { configDir } = runtime.paths;
  let accountId: string | undefined;
  try {
    const account = accountFor(runtime, values.account);
    accountId = account.id;
    await refreshSnapshot(runtime, account, { signal: interruptSignal() });
  } finally {
    // The lock is the one the status line took for the account it named by id: this one, or,
    // when that account was removed meanwhile, still that id's (only ever a well-formed id: it
    // becomes part of a file name).
    const owner = accountId ?? lockOwner(values.account);
    if (values['release-lock'] && owner !== null) releaseRefreshLock(configDir, owner);
  }
  const line = renderStatusLine(readLineCache(configDir, accountId), { format: 'plain', windows: null, template: null, mode: 'left', now: runtime.clock.now() });
  out.line(line);
  return 0;
}

function lockOwner(typed: string | undefined): string | null {
  return typed !== undefined && AccountIdSchema.safeParse(typed).success ? typed : null;
}
