// The web preferences of every KimiBar window (docs/architecture.md, "Security rules"). Our
// pages get the preload; the sign-in browser never does and lives in its own session.
import type { Session, WebPreferences } from 'electron';
import { PRELOAD_PATH } from './app-files.js';

const LOCKED_DOWN: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

export function appWebPreferences(devTools: boolean): WebPreferences {
  return { ...LOCKED_DOWN, preload: PRELOAD_PATH, devTools };
}

export function signInWebPreferences(session: Session): WebPreferences {
  return { ...LOCKED_DOWN, session, devTools: false };
}
