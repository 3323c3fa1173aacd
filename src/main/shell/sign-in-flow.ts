// The kimi.com sign-in window's decisions, pure so they are tested without Electron: when to
// look for the signed-in session, what a reading or a closed window does to the flow, and the
// rule that local storage is read only while the Kimi site itself is shown.
import type { CapturedWebSession } from '../core/service/shell-ports.js';

/** Waiting for the user to sign in; then settled one way or the other, for good. */
export type SignInPhase = 'waiting' | 'signed-in' | 'closed';

export type SignInEvent =
  /** A page finished loading, or the page changed its URL in place (a single-page app). */
  | { readonly type: 'page-loaded' }
  /** The periodic look while the window is open (a sign-in may finish without a page load). */
  | { readonly type: 'poll' }
  /** What one look found: the session, or null while not signed in yet. */
  | { readonly type: 'read'; readonly captured: CapturedWebSession | null }
  /** The window went away (the user closed it, or we did). */
  | { readonly type: 'window-closed' };

export interface SignInStep {
  readonly phase: SignInPhase;
  /** Read the cookie (and the storage, on Kimi's origin) now. */
  readonly check: boolean;
  /** The flow's answer, once: the session, or null for "not signed in". Undefined: no answer yet. */
  readonly settle?: CapturedWebSession | null;
  /** Signed in: the window has done its job and closes. */
  readonly closeWindow: boolean;
}

const IDLE = { check: false, closeWindow: false } as const;

export function signInStep(phase: SignInPhase, event: SignInEvent): SignInStep {
  // Settled is final: a late reading or a second close changes nothing.
  if (phase !== 'waiting') return { phase, ...IDLE };
  switch (event.type) {
    case 'page-loaded':
    case 'poll':
      return { phase, check: true, closeWindow: false };
    case 'read':
      return event.captured === null ? { phase, ...IDLE } : { phase: 'signed-in', check: false, settle: event.captured, closeWindow: true };
    case 'window-closed':
      return { phase: 'closed', check: false, settle: null, closeWindow: false };
  }
}

/** "Sign in to Kimi…" again while the window is open brings that window forward; else a new one. */
export function signInOpenAction(windowAlive: boolean): 'focus' | 'create' {
  return windowAlive ? 'focus' : 'create';
}

/**
 * Local storage is read only while the Kimi site itself is shown: an identity provider's page
 * on the way may keep tokens under the same names, and they are not Kimi's. Compared by
 * origin (scheme, host and port), so a look-alike host or an http page never passes.
 */
export function mayReadSiteStorage(pageUrl: string, kimiOrigin: string): boolean {
  try {
    return new URL(pageUrl).origin === kimiOrigin;
  } catch {
    return false;
  }
}
