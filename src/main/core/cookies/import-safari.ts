// Safari (macOS): the sandboxed container's Cookies.binarycookies, then the older location.
import type { BrowserRoot } from './catalog.js';
import type { FileAccess } from './file-access.js';
import { isPermissionDenied } from './file-access.js';
import { combineOutcomes, cookieOutcome, expiryFromUnixMs, notFound } from './outcome.js';
import type { ProfileOutcome, ProfileResult } from './outcome.js';
import { isMissingFile } from './private-copy.js';
import { MAX_BINARYCOOKIES_BYTES, parseBinaryCookies } from './safari-binarycookies.js';
import type { BinaryCookies } from './safari-binarycookies.js';
import { storeErrorFrom, tooLarge } from './store-error.js';

export interface SafariQuery {
  readonly hosts: readonly string[];
  readonly cookieName: string;
  readonly now: number;
}

const FULL_DISK_ACCESS = 'grant KimiBar Full Disk Access to read Safari cookies';

export async function importSafari(files: readonly BrowserRoot[], access: FileAccess, query: SafariQuery): Promise<ProfileResult[]> {
  const outcomes: ProfileOutcome[] = [];
  for (const file of files) {
    const outcome = await readCookieFile(file.path, access, query);
    if (outcome) outcomes.push(outcome);
  }
  return [{ profile: null, outcome: outcomes.length ? combineOutcomes(outcomes) : notFound('no cookie file') }];
}

/** null when there is no cookie file at this location. */
async function readCookieFile(path: string, access: FileAccess, query: SafariQuery): Promise<ProfileOutcome | null> {
  let bytes: Uint8Array;
  try {
    const info = await access.stat(path);
    if (!info.isFile()) return null;
    if (info.size > MAX_BINARYCOOKIES_BYTES) throw tooLarge(MAX_BINARYCOOKIES_BYTES);
    bytes = await access.readFile(path);
  } catch (error) {
    if (isMissingFile(error)) return null;
    if (isPermissionDenied(error)) return { status: 'needs-full-disk-access', detail: FULL_DISK_ACCESS };
    const failure = storeErrorFrom(error);
    return { status: failure.kind, detail: failure.detail };
  }
  try {
    return pickKimiCookie(parseBinaryCookies(bytes), query);
  } catch (error) {
    const failure = storeErrorFrom(error);
    return { status: failure.kind, detail: failure.detail };
  }
}

function pickKimiCookie({ cookies, damaged }: BinaryCookies, query: SafariQuery): ProfileOutcome {
  const outcomes: ProfileOutcome[] = [];
  for (const cookie of cookies) {
    if (cookie.name !== query.cookieName || !query.hosts.includes(cookie.domain)) continue;
    const created = cookie.createdAt?.getTime() ?? 0;
    const expiry = expiryFromUnixMs(cookie.expiresAt?.getTime() ?? Number.NaN);
    outcomes.push(cookieOutcome(cookie.value, expiry, BigInt(Math.trunc(created)) * 1000n, query.now));
  }
  // A skipped record may have been the Kimi cookie: without a find, say so rather than "not found".
  if (damaged > 0) outcomes.push({ status: 'unreadable-store', detail: `${damaged} damaged cookie record${damaged === 1 ? '' : 's'} skipped` });
  return combineOutcomes(outcomes);
}
