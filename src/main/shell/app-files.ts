// Where the built app's own files are. The main bundle is dist/main/index.js, so everything
// is found next to it — in the repository's dist/ or inside the packaged app.asar alike.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppPage } from './policy.js';

const DIST_DIR = fileURLToPath(new URL('..', import.meta.url));

export const RENDERER_DIR = join(DIST_DIR, 'renderer');
export const PRELOAD_PATH = join(DIST_DIR, 'preload', 'index.cjs');

export function pageUrl(page: AppPage, query: Readonly<Record<string, string>> = {}): string {
  const url = pathToFileURL(join(RENDERER_DIR, page));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}
