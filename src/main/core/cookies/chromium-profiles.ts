// Chromium profiles of one user-data root: the folders named in `Local State` →
// `profile.info_cache` (with the names people gave them) and the `Default` / `Profile N`
// folders themselves, in case `Local State` is missing or stale.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../../shared/zod.js';
import { LOCAL_STORAGE_PATH } from './local-storage-chromium.js';
import { stripControlChars } from './text.js';

const MAX_LOCAL_STATE_BYTES = 8 * 1024 * 1024;
const PROFILE_FOLDER = /^(Default|Profile \d{1,6}|Guest Profile)$/;

const LocalStateSchema = z.looseObject({
  profile: z.looseObject({
    info_cache: z.record(z.string(), z.looseObject({ name: z.optional(z.string().check(z.maxLength(200))) })),
  }),
});

export interface ChromiumProfile {
  readonly folder: string;
  readonly displayName: string;
  /** Cookie stores present in the profile (`Network/Cookies` first: current Chromium's place). */
  readonly stores: readonly string[];
  /** The profile's local storage folder, when there is one. */
  readonly localStorage: string | null;
}

export async function chromiumProfiles(root: string): Promise<ChromiumProfile[]> {
  const names = await profileNames(root);
  const folders = new Set(names.keys());
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory() && PROFILE_FOLDER.test(entry.name)) folders.add(entry.name);
  }
  const profiles: ChromiumProfile[] = [];
  for (const folder of [...folders].sort(compareProfileFolders)) {
    const stores = await existingFiles([join(root, folder, 'Network', 'Cookies'), join(root, folder, 'Cookies')]);
    const localStorage = join(root, folder, ...LOCAL_STORAGE_PATH);
    const hasLocalStorage = (await stat(localStorage).catch(() => null))?.isDirectory() ?? false;
    if (stores.length > 0 || hasLocalStorage) {
      profiles.push({ folder, displayName: names.get(folder) || folder, stores, localStorage: hasLocalStorage ? localStorage : null });
    }
  }
  return profiles;
}

/** Folder → display name from Local State; folders that could leave the root are dropped. */
async function profileNames(root: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const path = join(root, 'Local State');
  try {
    if ((await stat(path)).size > MAX_LOCAL_STATE_BYTES) return names;
    const parsed = LocalStateSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) return names;
    for (const [folder, info] of Object.entries(parsed.data.profile.info_cache)) {
      if (isPlainFolderName(folder)) names.set(folder, stripControlChars(info.name ?? '').trim());
    }
  } catch {
    // A missing or corrupt Local State only costs the display names; the folders still count.
  }
  return names;
}

function isPlainFolderName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** Default first, then Profile 1, Profile 2, … in numeric order, then the rest. */
function compareProfileFolders(a: string, b: string): number {
  const rank = (folder: string): number => {
    if (folder === 'Default') return -1;
    const match = /^Profile (\d+)$/.exec(folder);
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export async function existingFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) found.push(path);
  }
  return found;
}
