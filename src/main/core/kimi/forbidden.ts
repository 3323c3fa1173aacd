// What a Code API 403 means. Kimi answers 403 for two different things (docs/kimi-api.md,
// "Statuses and what KimiBar makes of them"): a spent quota ("You've reached your weekly
// (7-day) usage limit…") and refusals that have nothing to do with the quota (a client that is
// not on Kimi's allow list, a terminated account, the concurrency cap). Both come with the same
// error types, so the message's words decide. Neither means the credential is bad: that is 401.
//
// The body is the transport's parsed JSON, already capped at 1 MiB. Only the error type and a
// short, single-line, redacted excerpt of the message are kept — never the raw body.
import * as z from '../../../shared/zod.js';
import type { WindowId } from '../../../shared/usage.js';
import { KimiError, redactSecrets } from '../errors.js';

/** The error types Kimi sends with a spent quota: `access_terminated_error` on the OpenAI-style
 *  endpoints, `permission_error` through the Anthropic-style one. Both also mean other refusals. */
const QUOTA_ERROR_TYPES: ReadonlySet<string> = new Set(['access_terminated_error', 'permission_error']);

/**
 * Every quota message seen says "usage limit" ("…your weekly (7-day) usage limit", "…your usage
 * limit for this billing cycle", "…your monthly usage limit…") and speaks of "quota". The other
 * refusals of the same types never do: "…only available for Coding Agents…", "Access
 * terminated…", "…your concurrent request limit…" (a limit, but not a usage limit).
 */
const QUOTA_WORDS = /\busage limit\b|\bquota\b/i;

/** Windows a quota message names. A generic "billing cycle" message names none: Kimi sends it
 *  when the 5-hour window binds, too. None of the messages seen carries a reset time. */
const NAMED_WINDOWS: readonly { readonly words: RegExp; readonly window: WindowId; readonly detail: string }[] = [
  { words: /\bweekly\b|\b7-day\b/i, window: 'weekly', detail: 'weekly limit' },
  { words: /\bmonthly\b/i, window: 'monthly-total', detail: 'monthly limit' },
];

/** Reading more than this of a message decides nothing and only costs time. */
const MAX_READ_CHARS = 2_000;
const MAX_EXCERPT_CHARS = 200;

const ForbiddenBodySchema = z.object({
  error: z.object({
    type: z.catch(z.optional(z.string()), undefined),
    message: z.catch(z.optional(z.string()), undefined),
  }),
});

/** The KimiError for a Code API 403 with this body: `quota-exhausted` or `permission-denied`. */
export function forbiddenError(body: unknown): KimiError {
  const parsed = ForbiddenBodySchema.safeParse(body);
  const type = parsed.success ? safeType(parsed.data.error.type) : null;
  const message = parsed.success && parsed.data.error.message !== undefined ? oneLine(parsed.data.error.message.slice(0, MAX_READ_CHARS)) : '';

  if (type !== null && QUOTA_ERROR_TYPES.has(type) && QUOTA_WORDS.test(message)) {
    const named = NAMED_WINDOWS.find((candidate) => candidate.words.test(message));
    return new KimiError('quota-exhausted', { status: 403, ...(named === undefined ? {} : { window: named.window, detail: named.detail }) });
  }
  const detail = message === '' ? type : excerpt(message);
  return new KimiError('permission-denied', { status: 403, ...(detail === null ? {} : { detail }) });
}

/** An error type is an identifier; anything else is not repeated. */
function safeType(type: string | undefined): string | null {
  return type !== undefined && /^[a-z][a-z0-9_.-]{0,63}$/i.test(type) ? type : null;
}

function oneLine(text: string): string {
  // Control characters (line breaks, escapes) never reach a terminal or a notification.
  return text.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
}

function excerpt(message: string): string {
  const redacted = redactSecrets(message);
  return redacted.length <= MAX_EXCERPT_CHARS ? redacted : `${redacted.slice(0, MAX_EXCERPT_CHARS - 1).trimEnd()}…`;
}
