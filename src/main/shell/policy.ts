// The shell's security decisions, as pure functions of URLs and facts, so they are tested in
// Node without Electron. Which pages count as ours, which IPC senders are trusted,
// where the sign-in window may go.
import { resolveAppFile } from './app-protocol.js';

/** The two pages the renderer build produces; nothing else in the folder is ever loaded. */
export const APP_PAGES = ['popover.html', 'settings.html'] as const;
export type AppPage = (typeof APP_PAGES)[number];

// Which links leave the app is the core's rule (the handlers apply it, so the preview obeys it
// too); the shell's door to the browser checks the same one.
export { FULL_DISK_ACCESS_URL, mayOpenExternally } from '../core/service/external-links.js';

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * True for the app URL of one of our pages (query and hash allowed): the same resolution the
 * protocol handler serves by, so "our page" and "the file we serve" cannot disagree. file:
 * URLs are never ours: the pages load only from the app scheme.
 */
export function isAppPageUrl(url: string, rendererDir: string): boolean {
  const resolved = resolveAppFile(url, rendererDir);
  return resolved.ok && (APP_PAGES as readonly string[]).includes(resolved.relativePath);
}

export interface SenderFacts {
  /** The sending web contents belongs to a window KimiBar created for its own pages. */
  readonly ownWindow: boolean;
  /** The message came from the top frame, not an iframe. */
  readonly mainFrame: boolean;
  /** The sending frame's URL; null when the frame is gone (navigated or destroyed). */
  readonly frameUrl: string | null;
}

/** An IPC message is served only from the top frame of our own window showing our page. */
export function isTrustedSender(sender: SenderFacts, rendererDir: string): boolean {
  return sender.ownWindow && sender.mainFrame && sender.frameUrl !== null && isAppPageUrl(sender.frameUrl, rendererDir);
}

/**
 * The sign-in window is a small browser on kimi.com; its login may pass through other https
 * sites (an identity provider), so any https page is allowed there — it has no preload, its own
 * partition and no permissions. Other schemes (file:, app:, custom app links, http) are not.
 */
export function signInMayNavigate(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}

/** Whose web contents navigate: our pages, the sign-in browser, or contents nobody claimed. */
export type NavigatorKind = 'app' | 'sign-in' | null;

/**
 * Our windows (and anything unclaimed) stay on our pages, in every frame. In the sign-in
 * browser only the top frame is held to https: frames inside the page (a captcha, a login
 * widget) are the site's own business and run under its rules, with no way into the app.
 */
export function mayNavigate(kind: NavigatorKind, url: string, isMainFrame: boolean, rendererDir: string): boolean {
  if (kind === 'sign-in') return !isMainFrame || signInMayNavigate(url);
  return isAppPageUrl(url, rendererDir);
}
