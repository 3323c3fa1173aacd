// Firefox: the profiles listed in each root's profiles.ini (or, without one, the folders that
// hold a cookies.sqlite), newest unexpired cookie first.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { BrowserRoot } from './catalog.js';
import { existingFiles } from './chromium-profiles.js';
import { parseProfilesIni, readFirefoxStore } from './firefox-store.js';
import { combineOutcomes, cookieOutcome, notFound } from './outcome.js';
import type { ProfileOutcome, ProfileResult } from './outcome.js';
import type { StoreQuery } from './import-chromium.js';
import { storeErrorFrom } from './store-error.js';

const MAX_PROFILES_INI_BYTES = 1024 * 1024;

interface Profile {
  readonly name: string;
  readonly folder: string;
}

export async function importFirefox(roots: readonly BrowserRoot[], query: StoreQuery): Promise<ProfileResult[]> {
  const results: ProfileResult[] = [];
  for (const root of roots) {
    for (const profile of await firefoxProfiles(root.path)) {
      const [store] = await existingFiles([join(profile.folder, 'cookies.sqlite')]);
      if (!store) continue;
      const name = root.variant ? `${profile.name} (${root.variant})` : profile.name;
      results.push({ profile: name, outcome: await readStore(store, query) });
    }
  }
  if (results.length === 0) results.push({ profile: null, outcome: notFound('no cookie store') });
  return results;
}

async function firefoxProfiles(root: string): Promise<Profile[]> {
  const ini = join(root, 'profiles.ini');
  const info = await stat(ini).catch(() => null);
  if (info?.isFile() && info.size <= MAX_PROFILES_INI_BYTES) {
    const text = await readFile(ini, 'utf8').catch(() => '');
    return parseProfilesIni(text).map((p) => ({ name: p.name, folder: p.relative || !isAbsolute(p.path) ? join(root, p.path) : p.path }));
  }
  const profiles: Profile[] = [];
  for (const base of [root, join(root, 'Profiles')]) {
    for (const entry of await readdir(base, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) profiles.push({ name: entry.name, folder: join(base, entry.name) });
    }
  }
  return profiles;
}

async function readStore(store: string, query: StoreQuery): Promise<ProfileOutcome> {
  let rows;
  try {
    rows = await readFirefoxStore(store, query.hosts, query.cookieName, query.tmpDir);
  } catch (error) {
    const failure = storeErrorFrom(error);
    return { status: failure.kind, detail: failure.detail };
  }
  return combineOutcomes(rows.map((row) => cookieOutcome(row.value, row.expiresAt, row.creationTime, query.now)));
}
