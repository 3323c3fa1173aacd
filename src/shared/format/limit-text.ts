// What a spent quota reads like (a Code API 403 "usage limit", docs/kimi-api.md): "Weekly limit
// reached · Resets in 3d 4h", or "Usage limit reached" when Kimi's message named no window.
// Kimi's refusal carries no reset time, so the countdown is the reset Kimi last reported for
// that window — and only while it is still ahead: a reset already past belongs to an earlier
// period, and the new one's end is not known.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { ErrorView, UsageSnapshot, WindowId } from '../usage.js';
import { msUntil } from './duration.js';
import { resetText, windowTitle } from './window-text.js';

/** When the used-up window resets, from the last numbers; null when that is not known. */
export function limitResetsAt(window: WindowId | undefined, snapshot: UsageSnapshot | null, nowMs: number): string | null {
  if (window === undefined || snapshot === null) return null;
  const resetsAt = snapshot.windows.find((w) => w.id === window)?.resetsAt;
  const ms = msUntil(resetsAt, nowMs);
  return ms !== null && ms > 0 && resetsAt !== undefined ? resetsAt : null;
}

/** The line shown for a spent quota instead of an error, in the reader's language. */
export function limitReachedText(locale: Locale, error: ErrorView, snapshot: UsageSnapshot | null, nowMs: number): string {
  const limit = error.window === undefined ? t(locale, 'limit.reached') : t(locale, 'limit.reachedWindow', { window: windowTitle(locale, error.window) });
  const reset = resetText(locale, limitResetsAt(error.window, snapshot, nowMs), nowMs);
  return reset === null ? limit : `${limit} · ${reset}`;
}

/** A spent quota is shown as a state of the plan, not as an error to fix. */
export function isLimitReached(error: ErrorView | null | undefined): error is ErrorView {
  return error?.code === 'quota-exhausted';
}
