// Every failure the core reports is a KimiError: a code, a message for people, an exit code for
// the CLI, a suggested action for the app, and whether Auto may fall back to the next source.
// Messages never contain a token, a key or a raw response body: callers pass only short,
// already-safe details (a status, a reason), and `redactSecrets` guards the few places where
// text from outside (a network error's message) is quoted.
import type { ErrorAction, ErrorView, WindowId } from '../../shared/usage.js';

/** `notConfigured` is its own code so a script can tell "never set up" from "set up but refused". */
export const EXIT = { ok: 0, failure: 1, usage: 2, auth: 3, network: 4, parse: 5, notConfigured: 6 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface ErrorKindSpec {
  readonly message: string;
  readonly exit: ExitCode;
  readonly action: ErrorAction | null;
  /** Auto moves on to the next credential source after this error. */
  readonly fallback: boolean;
  /** The source has no credential at all, as opposed to "it was tried and failed". */
  readonly missing?: true;
  /** No credential is set up, or its sign-in was revoked: the tray shows outlines. */
  readonly signedOut?: true;
}

// The first four messages are CodexBar's, word for word (docs/kimi-api.md, "What KimiBar keeps
// from CodexBar"): people search for the text they already know.
const KINDS = {
  'auth-missing': { message: 'Kimi auth token is missing', exit: EXIT.auth, action: 'open-settings', fallback: true, missing: true, signedOut: true },
  'auth-invalid': { message: 'Kimi auth token is invalid or expired', exit: EXIT.auth, action: 'paste-token', fallback: true },
  'no-cookies': { message: 'No Kimi session cookies found', exit: EXIT.auth, action: 'sign-in-web', fallback: true, missing: true, signedOut: true },
  parse: { message: 'Failed to parse Kimi usage data', exit: EXIT.parse, action: 'retry', fallback: true },
  'api-key-missing': { message: 'Kimi Code API key is missing', exit: EXIT.auth, action: 'open-settings', fallback: true, missing: true, signedOut: true },
  'api-key-invalid': { message: 'Kimi Code API key is invalid or expired', exit: EXIT.auth, action: 'open-settings', fallback: true },
  /**
   * Auto found no credential anywhere: nothing was ever set up, which is where every new user
   * starts. It is a state, not a failure — the app welcomes (AppState.notConfigured) and the CLI
   * says how to start — so it has no action of its own and Auto has nothing left to fall back
   * to. An explicitly chosen source that has nothing keeps its own "missing" error.
   */
  'not-configured': { message: 'Nothing is set up to read Kimi usage yet', exit: EXIT.notConfigured, action: null, fallback: false, missing: true, signedOut: true },
  'signed-out': { message: 'Signed out of Kimi — sign in again', exit: EXIT.auth, action: 'sign-in', fallback: true, signedOut: true },
  'not-signed-in': { message: 'Not signed in to Kimi', exit: EXIT.auth, action: 'sign-in', fallback: true, missing: true, signedOut: true },
  'cli-credential-missing': { message: 'No usable Kimi Code CLI login found', exit: EXIT.auth, action: 'sign-in', fallback: true, missing: true, signedOut: true },
  /**
   * A Code API 403 that is not about the quota (a client Kimi does not allow, a terminated
   * account, a concurrency cap): the credential was recognised, so it is neither "invalid" nor
   * "signed out". Another credential may be allowed where this one is not, so Auto moves on.
   */
  'permission-denied': { message: 'Kimi denied access (HTTP 403)', exit: EXIT.auth, action: 'open-settings', fallback: true },
  /**
   * A Code API 403 whose message says a usage limit is reached: the credential works and the
   * answer is about the account — its quota is spent. Nothing in Settings fixes that, so there
   * is no action, and it is not an auth failure, so the CLI exits 1, not 3. Auto does NOT fall
   * back, although its rule is to move on after a 401/403: that rule exists to find a
   * credential that works, and this one does. The other Code API credentials (API key, Kimi
   * account, CLI login) normally belong to the same account and would meet the same spent
   * quota; a credential of some other account would show that account's numbers in place of
   * the one the user put first, hiding that the first is used up. See docs/kimi-api.md.
   */
  'quota-exhausted': { message: 'Kimi usage limit reached', exit: EXIT.failure, action: null, fallback: false },
  http: { message: 'Kimi API error', exit: EXIT.failure, action: 'retry', fallback: false },
  network: { message: 'Kimi network error', exit: EXIT.network, action: 'retry', fallback: true },
  'insecure-base-url': { message: 'Kimi Code API base URL must use HTTPS without user info', exit: EXIT.usage, action: 'open-settings', fallback: false },
  'device-login-expired': { message: 'The sign-in code expired — start again', exit: EXIT.auth, action: 'sign-in', fallback: false },
  'device-login-denied': { message: 'Sign-in was denied in the browser', exit: EXIT.auth, action: 'sign-in', fallback: false },
  'keychain-unavailable': { message: 'No system keychain is available; the secret is kept for this session only', exit: EXIT.failure, action: null, fallback: false },
  storage: { message: 'KimiBar could not save its files', exit: EXIT.failure, action: null, fallback: false },
  /** A name or id no account has (`--account`), or an account removed while a refresh ran. */
  'account-not-found': { message: 'No Kimi account by that name', exit: EXIT.usage, action: null, fallback: false },
  /**
   * The sign-in being added is one another account already holds (the same Kimi user, or the
   * same refresh token): two accounts renewing one token chain would spend each other's single-use
   * refresh tokens and sign both out.
   */
  'account-duplicate': { message: 'This Kimi sign-in is already used by another account', exit: EXIT.usage, action: null, fallback: false },
  cancelled: { message: 'Cancelled', exit: EXIT.failure, action: null, fallback: false },
  usage: { message: 'Usage error', exit: EXIT.usage, action: null, fallback: false },
  /** A bug, not a Kimi problem: never a reason to try another credential. */
  internal: { message: 'Something went wrong inside KimiBar', exit: EXIT.failure, action: 'retry', fallback: false },
} as const satisfies Record<string, ErrorKindSpec>;

export type KimiErrorCode = keyof typeof KINDS;

const spec = (code: KimiErrorCode): ErrorKindSpec => KINDS[code];

/** Every code, for the message catalogs (each must translate all of them). */
export const KIMI_ERROR_CODES = Object.keys(KINDS) as KimiErrorCode[];

export interface KimiErrorDetails {
  /** A short, safe reason appended to the message: "Kimi network error: connection refused". */
  readonly detail?: string;
  /** HTTP status, when the error comes from a response. */
  readonly status?: number;
  /** Seconds the server asked us to wait (Retry-After). */
  readonly retryAfterSeconds?: number;
  /** The usage window the error is about (a `quota-exhausted` whose message names one). */
  readonly window?: WindowId;
  readonly cause?: unknown;
}

export class KimiError extends Error {
  override readonly name = 'KimiError';
  readonly code: KimiErrorCode;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly window: WindowId | undefined;

  constructor(code: KimiErrorCode, details: KimiErrorDetails = {}) {
    super(composeMessage(code, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.window = details.window;
  }

  get exitCode(): ExitCode {
    return KINDS[this.code].exit;
  }

  get action(): ErrorAction | null {
    return KINDS[this.code].action;
  }

  /** The source had no credential to try (Auto then reports a real failure, if any, instead). */
  get missingCredential(): boolean {
    return spec(this.code).missing === true;
  }

  /** No credential is set up or it was revoked: the app shows "signed out", not a failure. */
  get signedOut(): boolean {
    return spec(this.code).signedOut === true;
  }

  /** Auto falls back on missing/invalid credentials, 401/403 (but not a spent quota), 5xx,
   *  network and parse failures. */
  get allowsFallback(): boolean {
    if (this.code === 'http') return this.status !== undefined && this.status >= 500;
    return KINDS[this.code].fallback;
  }

  toView(): ErrorView {
    const view: ErrorView = { code: this.code, message: this.message, action: this.action };
    return this.window === undefined ? view : { ...view, window: this.window };
  }
}

function composeMessage(code: KimiErrorCode, { detail, status }: KimiErrorDetails): string {
  const base = KINDS[code].message;
  if (code === 'http' && status !== undefined) {
    return `${base}: HTTP ${status}${detail ? ` (${redactSecrets(detail)})` : ''}`;
  }
  return detail ? `${base}: ${redactSecrets(detail)}` : base;
}

// Each pattern matches a credential's value, never only the words around it: a name such as
// `access_token` counts only when a value is assigned to it (`=` or `:`), so fixed text that
// merely mentions one ("no access_token / expires_at") reads as written.
const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[\w-]*\.[\w-]*\.[\w-]*/g, // JWTs
  /\bsk-[\w-]{6,}/g, // API keys (sk-kimi-…), not the end of a word such as "task-runner"
  /(bearer\s+)[^\s,;]+/gi,
  /(kimi-auth=)[^\s;,]+/gi,
  /((?:access|refresh)_?token["']?\s*[=:]\s*["']?)[^\s"',;&]+/gi, // query strings, JSON, headers
];

/** Removes anything that looks like a credential from text that came from outside. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (acc, pattern) => acc.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`),
    text,
  );
}

export function isKimiError(value: unknown): value is KimiError {
  return value instanceof KimiError;
}

/**
 * Converts anything thrown into a KimiError. The transport already turns network failures into
 * typed errors, so anything else is a bug: reported as internal, its text not shown.
 */
export function toKimiError(value: unknown): KimiError {
  if (value instanceof KimiError) return value;
  if (value instanceof Error && value.name === 'AbortError') return new KimiError('cancelled');
  return new KimiError('internal', { cause: value });
}
