// The Keychain prompt policy: after the user denies one Chromium browser's prompt,
// KimiBar asks no Chromium browser again for 6 hours, across restarts, until "Try again".
import type { BrowserId } from './types.js';

export const KEYCHAIN_QUIET_MS = 6 * 60 * 60 * 1000;

/** Persisted denial times (the app keeps them in settings.state.keychainDeniedAt). */
export interface KeychainDenialStore {
  getDeniedAt(browser: BrowserId): Date | null;
  setDeniedAt(browser: BrowserId, at: Date | null): void;
}

/** When prompting may resume, or null when it may happen now. */
export function keychainQuietUntil(store: KeychainDenialStore, browsers: readonly BrowserId[], now: number): Date | null {
  let until: number | null = null;
  for (const browser of browsers) {
    const at = store.getDeniedAt(browser)?.getTime();
    // A denial dated in the future (the clock was set back) is ignored rather than trusted to
    // block prompts for longer than six hours.
    if (at === undefined || !Number.isFinite(at) || at > now) continue;
    until = Math.max(until ?? -Infinity, at + KEYCHAIN_QUIET_MS);
  }
  return until !== null && until > now ? new Date(until) : null;
}

/** "Try again": forget every denial so the next import may prompt. */
export function clearKeychainDenials(store: KeychainDenialStore, browsers: readonly BrowserId[]): void {
  for (const browser of browsers) store.setDeniedAt(browser, null);
}

/**
 * A denial store over a `browser → ISO time` record, the shape of settings.state.keychainDeniedAt:
 * `read` returns the current record, `write` persists a new one. Unparseable times count as none.
 */
export function denialStoreOverRecord(read: () => Readonly<Record<string, string>>, write: (next: Record<string, string>) => void): KeychainDenialStore {
  return {
    getDeniedAt(browser) {
      const record = read();
      const iso = Object.hasOwn(record, browser) ? record[browser] : undefined;
      const at = iso === undefined ? Number.NaN : Date.parse(iso);
      return Number.isFinite(at) ? new Date(at) : null;
    },
    setDeniedAt(browser, at) {
      const next = { ...read() };
      if (at) next[browser] = at.toISOString();
      else delete next[browser];
      write(next);
    },
  };
}
