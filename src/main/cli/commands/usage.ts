// `kimibar usage`: the popover in a terminal, or the snapshot as JSON (the documented shape, with
// the account it belongs to). `--all` asks every enabled account at once: each account's answer
// or failure is its own block (or array entry), one failing account never hides the others, and
// the exit code is 0 when every account answered, else the first failing account's (in the
// list's order), so a script learns that something failed and, for one account, what.
import { enabledAccounts } from '../../../shared/accounts.js';
import { UsageSourceModeSchema, type AccountSettings } from '../../../shared/settings.js';
import { UsageSnapshotSchema, type UsageSnapshot } from '../../../shared/usage.js';
import { EXIT, toKimiError, type KimiError } from '../../core/errors.js';
import type { Runtime } from '../../core/runtime.js';
import { ACCOUNT_OPTION, accountFlag, accountFor, accountJson } from '../account-option.js';
import { oneOf, parseCommandArgs, usageError } from '../args.js';
import { warnHistoryNotices } from '../history-notices.js';
import type { Output } from '../output.js';
import { refreshSnapshot } from '../refresh.js';
import { renderUsage } from '../render-usage.js';

const USAGE = 'kimibar usage [--account NAME | --all] [--source auto|api|account|cli|web] [--json] [--no-color]';
const OPTIONS = { ...ACCOUNT_OPTION, all: { type: 'boolean' }, source: { type: 'string' }, json: { type: 'boolean' }, 'no-color': { type: 'boolean' } } as const;

export async function runUsage(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, USAGE);
  if (values.all && values.account !== undefined) throw usageError('choose one of --account and --all', USAGE);
  const source = values.source === undefined ? undefined : oneOf('--source', values.source, UsageSourceModeSchema.options, 'auto');
  if (values.all) return usageOfAll(runtime, out, { source, json: values.json === true });

  const account = accountFor(runtime, values.account);
  const settings = account.settings();
  const { value: snapshot } = await refreshSnapshot(runtime, account, { mode: source ?? settings.usageSource, signal: interruptSignal() }).finally(() =>
    warnHistoryNotices(runtime, out),
  );
  if (values.json) out.json(snapshotJson(snapshot, settings));
  else out.line(renderUsage(snapshot, new Date(runtime.clock.now()), out, settings.name));
  return EXIT.ok;
}

type Outcome = { readonly account: AccountSettings } & ({ readonly snapshot: UsageSnapshot } | { readonly error: KimiError });

async function usageOfAll(runtime: Runtime, out: Output, { source, json }: { source: AccountSettings['usageSource'] | undefined; json: boolean }): Promise<number> {
  const accounts = enabledAccounts(runtime.settings.get());
  if (accounts.length === 0) throw usageError('every account is turned off (kimibar config set kimi.enabled true --account NAME)');
  const signal = interruptSignal();
  // All at once: each account has its own credential and its own token chain, and a slow or
  // failing one must not hold back the rest.
  const outcomes = await Promise.all(
    accounts.map(async (settings): Promise<Outcome> => {
      try {
        const account = runtime.account(settings.id);
        const { value } = await refreshSnapshot(runtime, account, { mode: source ?? settings.usageSource, signal });
        return { account: settings, snapshot: value };
      } catch (error) {
        return { account: settings, error: toKimiError(error) };
      }
    }),
  );
  warnHistoryNotices(runtime, out);

  if (json) {
    out.json(outcomes.map((outcome) => ('snapshot' in outcome ? snapshotJson(outcome.snapshot, outcome.account) : failureJson(outcome.account, outcome.error))));
  } else {
    const now = new Date(runtime.clock.now());
    const blocks = outcomes.map((outcome) =>
      'snapshot' in outcome
        ? renderUsage(outcome.snapshot, now, out, outcome.account.name)
        : `${out.style('bold', outcome.account.name)}\n${out.style('red', failureText(outcome.account, outcome.error))}`,
    );
    out.line(blocks.join('\n\n'));
  }
  const failed = outcomes.find((outcome) => 'error' in outcome);
  return failed && 'error' in failed ? failed.error.exitCode : EXIT.ok;
}

/** The documented snapshot, and whose numbers they are. */
function snapshotJson(snapshot: UsageSnapshot, account: AccountSettings): Record<string, unknown> {
  return { ...UsageSnapshotSchema.parse(snapshot), account: accountJson(account) };
}

/** An account that did not answer: no numbers, what went wrong, and the exit code it would have alone. */
function failureJson(account: AccountSettings, error: KimiError): Record<string, unknown> {
  return { account: accountJson(account), error: { code: error.code, message: failureText(account, error) }, exitCode: error.exitCode };
}

/** For an account with nothing set up, how to set it up (as ../report-failure.ts says for one). */
function failureText(account: AccountSettings, error: KimiError): string {
  if (error.code !== 'not-configured') return error.message;
  const flag = accountFlag(account);
  return `Nothing is set up for this account yet: kimibar login ${flag}, or kimibar config set-api-key ${flag}`;
}

/** Ctrl-C cancels the request in flight instead of leaving a half-written line. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
