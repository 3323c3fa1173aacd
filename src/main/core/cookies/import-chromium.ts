// One Chromium-family browser (or the Kimi desktop app, which uses Chromium's store with the
// value in plaintext): every profile of every installed root, newest unexpired cookie first,
// else the access token the site keeps in that profile's local storage.
import { join } from 'node:path';
import type { BrowserRoot, BrowserSpec } from './catalog.js';
import { blobScheme, decryptCookieBlob, describeUnsupportedBlob } from './chromium-crypto.js';
import type { KeySource } from './chromium-keys.js';
import { chromiumProfiles, existingFiles } from './chromium-profiles.js';
import type { ChromiumProfile } from './chromium-profiles.js';
import { dateFromChromiumTime, readChromiumStore, unixMicrosFromChromiumTime } from './chromium-store.js';
import type { ChromiumCookieRow } from './chromium-store.js';
import { readLocalStorageValue } from './local-storage-chromium.js';
import { combineOutcomes, cookieOutcome, expiryFailure, expiryFromUnixMs, notFound, siteTokenOutcome } from './outcome.js';
import type { ProfileOutcome, ProfileResult, StoredExpiry } from './outcome.js';
import { storeErrorFrom } from './store-error.js';

export interface StoreQuery {
  readonly hosts: readonly string[];
  readonly cookieName: string;
  /** The site origin whose local storage may hold its access token (`https://www.kimi.com`). */
  readonly siteOrigin: string;
  readonly siteTokenKey: string;
  readonly tmpDir: string;
  readonly now: number;
}

export async function importChromiumBrowser(
  spec: BrowserSpec,
  roots: readonly BrowserRoot[],
  keys: KeySource,
  query: StoreQuery,
): Promise<ProfileResult[]> {
  const results: ProfileResult[] = [];
  for (const root of roots) {
    for (const profile of await chromiumProfiles(root.path)) {
      const name = root.variant ? `${profile.displayName} (${root.variant})` : profile.displayName;
      results.push({ profile: name, outcome: await readProfile(profile, query, keys) });
    }
  }
  if (results.length === 0) results.push({ profile: null, outcome: notFound('no cookie store') });
  return results;
}

/** The Kimi desktop app: one store in its root, values in plaintext. */
export async function importKimiDesktop(roots: readonly BrowserRoot[], query: StoreQuery): Promise<ProfileResult[]> {
  const outcomes: ProfileOutcome[] = [];
  for (const root of roots) {
    const stores = await existingFiles([join(root.path, 'Network', 'Cookies'), join(root.path, 'Cookies')]);
    outcomes.push(stores.length ? await readStores(stores, query, null) : notFound('no cookie store'));
  }
  return [{ profile: null, outcome: combineOutcomes(outcomes) }];
}

/** The profile's cookie; without a usable one, the site's token from its local storage. */
async function readProfile(profile: ChromiumProfile, query: StoreQuery, keys: KeySource): Promise<ProfileOutcome> {
  const cookie = profile.stores.length > 0 ? await readStores(profile.stores, query, keys) : notFound('no cookie store');
  if (cookie.status === 'found' || profile.localStorage === null) return cookie;
  const site = await readSiteToken(profile.localStorage, query);
  // The site's reason comes first among equals: "site token expired" says more than "no cookie store".
  return site.status === 'found' ? site : combineOutcomes([site, cookie]);
}

async function readSiteToken(folder: string, query: StoreQuery): Promise<ProfileOutcome> {
  try {
    const { value } = await readLocalStorageValue(folder, query.siteOrigin, query.siteTokenKey, query.tmpDir);
    return siteTokenOutcome(value, query.now);
  } catch (error) {
    const failure = storeErrorFrom(error);
    return { status: failure.kind, detail: failure.detail };
  }
}

async function readStores(stores: readonly string[], query: StoreQuery, keys: KeySource | null): Promise<ProfileOutcome> {
  const outcomes: ProfileOutcome[] = [];
  for (const store of stores) outcomes.push(await readStore(store, query, keys));
  return combineOutcomes(outcomes);
}

async function readStore(store: string, query: StoreQuery, keys: KeySource | null): Promise<ProfileOutcome> {
  let read;
  try {
    read = await readChromiumStore(store, query.hosts, query.cookieName, query.tmpDir);
  } catch (error) {
    const failure = storeErrorFrom(error);
    return { status: failure.kind, detail: failure.detail };
  }
  // Expiry is judged before decrypting, so an expired or damaged row never causes a prompt.
  const failures: ProfileOutcome[] = read.malformedRows > 0 ? [{ status: 'unreadable-store', detail: 'malformed cookie rows' }] : [];
  const live: { readonly row: ChromiumCookieRow; readonly expiry: StoredExpiry }[] = [];
  for (const row of read.rows) {
    const expiry = storedExpiry(row);
    const failure = expiryFailure(expiry, query.now);
    if (failure) failures.push(failure);
    else live.push({ row, expiry });
  }
  // Newest first: the first row that yields a usable value is the one to use.
  live.sort((a, b) => (a.row.creationUtc === b.row.creationUtc ? 0 : a.row.creationUtc > b.row.creationUtc ? -1 : 1));
  for (const { row, expiry } of live) {
    const outcome = await rowValue(row, expiry, read.metaVersion, keys, query.now);
    if (outcome.status === 'found') return outcome;
    failures.push(outcome);
  }
  return combineOutcomes(failures);
}

function storedExpiry(row: ChromiumCookieRow): StoredExpiry {
  if (row.expiresUtc === null) return 'session';
  const date = dateFromChromiumTime(row.expiresUtc);
  return date === null ? 'invalid' : expiryFromUnixMs(date.getTime());
}

async function rowValue(row: ChromiumCookieRow, expiry: StoredExpiry, metaVersion: number, keys: KeySource | null, now: number): Promise<ProfileOutcome> {
  const found = (token: string): ProfileOutcome => cookieOutcome(token, expiry, unixMicrosFromChromiumTime(row.creationUtc), now);
  if (row.value.length > 0) return found(row.value);
  if (row.encryptedValue.length === 0) return notFound('empty cookie');
  const scheme = blobScheme(row.encryptedValue);
  if (keys === null) return { status: 'cannot-decrypt', detail: 'encrypted value in a plaintext store' };
  if (scheme === 'other') return { status: 'cannot-decrypt', detail: describeUnsupportedBlob(row.encryptedValue) };
  const lookup = await keys(scheme);
  if (!lookup.ok) return { status: lookup.status, detail: lookup.detail };
  const decrypted = decryptCookieBlob({ blob: row.encryptedValue, keys: lookup.keys, metaVersion, hostKey: row.hostKey });
  if (decrypted.ok) return found(decrypted.value);
  return { status: decrypted.status, detail: decrypted.status === 'cannot-decrypt' && lookup.hint ? lookup.hint : decrypted.detail };
}
