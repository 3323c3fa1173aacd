// Where the built app's own files are. The main bundle is dist/main/index.js, so everything
// is found next to it — in the repository's dist/ or inside the packaged app.asar alike.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appUrl } from './app-protocol.js';
import type { AppPage } from './policy.js';

const DIST_DIR = fileURLToPath(new URL('..', import.meta.url));

export const RENDERER_DIR = join(DIST_DIR, 'renderer');
export const PRELOAD_PATH = join(DIST_DIR, 'preload', 'index.cjs');

/** A page's app:// URL (served from RENDERER_DIR); `hash` picks what the page shows first (settings: "#general"). */
export function pageUrl(page: AppPage, hash = ''): string {
  return appUrl(page, hash);
}
