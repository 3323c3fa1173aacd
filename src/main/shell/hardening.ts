// Security rules for every web contents the app ever creates (docs/architecture.md, "Security
// rules"): our pages cannot navigate anywhere else, nothing opens new windows unless its owner
// says so, no webviews, and every permission request (camera, notifications from pages,
// geolocation…) is refused.
import type { Session, WebContents } from 'electron';
import { app } from 'electron';
import { RENDERER_DIR } from './app-files.js';
import { contentsKind } from './contents-registry.js';
import { mayNavigate } from './policy.js';

const lockedSessions = new WeakSet<Session>();

export function installHardening(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
}

function harden(contents: WebContents): void {
  lockSession(contents.session);
  // Asked at navigation time: contents are registered just after they are created.
  const guard = (event: { readonly url: string; readonly isMainFrame: boolean; preventDefault(): void }): void => {
    if (!mayNavigate(contentsKind(contents), event.url, event.isMainFrame, RENDERER_DIR)) event.preventDefault();
  };
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The sign-in window replaces this with its own handler for its login popups.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function lockSession(session: Session): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
