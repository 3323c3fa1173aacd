// The browser importer behind Auto and Web mode: tries installed browsers one at a time in
// CodexBar's order (catalog.ts), reports every profile, and keeps the result for the session.
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Region } from '../../../shared/settings.js';
import type { Clock, Environment } from '../ports.js';
import { BROWSERS, browserRoots, kimiHosts } from './catalog.js';
import type { BrowserRoot, BrowserSpec } from './catalog.js';
import { createKeySource } from './chromium-keys.js';
import type { FileAccess } from './file-access.js';
import { nodeFileAccess } from './file-access.js';
import { importChromiumBrowser, importKimiDesktop } from './import-chromium.js';
import type { StoreQuery } from './import-chromium.js';
import { importFirefox } from './import-firefox.js';
import { importSafari } from './import-safari.js';
import { clearKeychainDenials, keychainQuietUntil } from './keychain-denials.js';
import type { KeychainDenialStore } from './keychain-denials.js';
import { createMacKeychainReader, createSecretToolReader } from './keychain.js';
import type { KeychainReader, SecretToolReader } from './keychain.js';
import { combineOutcomes } from './outcome.js';
import type { ProfileResult } from './outcome.js';
import { KIMI_COOKIE_NAME, kimiSiteOrigin, SITE_ACCESS_TOKEN_KEY, SITE_STORAGE_DETAIL, SITE_TOKEN_MIN_LIFE_MS } from './site-storage.js';
import { storeErrorFrom } from './store-error.js';
import type { BrowserId, CookieImporter, CookieImportOptions, CookieImportResult, FoundCookie, ImportReport } from './types.js';

export interface CookieImporterDeps {
  readonly platform: NodeJS.Platform;
  /** Whose browsers to read. */
  readonly home: string;
  /** For XDG_CONFIG_HOME. */
  readonly env: Environment;
  /** macOS Keychain; defaults to keytar with the `security` tool as fallback. */
  readonly keychain?: KeychainReader;
  /** Linux Secret Service; defaults to `secret-tool`. */
  readonly secretTool?: SecretToolReader;
  readonly denialStore: KeychainDenialStore;
  readonly clock: Clock;
  /** Where private store copies are made; defaults to the OS temp folder. */
  readonly tmpDir?: string;
  /** File reads that may need Full Disk Access (Safari); defaults to node:fs. */
  readonly files?: FileAccess;
}

export interface KimiCookieImporter extends CookieImporter {
  /** When Keychain prompts resume after a denial; null when they may happen now. */
  keychainQuietUntil(): Date | null;
  /** "Try again": forget the denials and the cached result, so the next import may prompt. */
  tryKeychainAgain(): void;
}

/** A result with no cookie is kept briefly only: a sign-in in a browser should be seen soon. */
export const EMPTY_RESULT_TTL_MS = 60_000;

const CHROMIUM_FAMILY: readonly BrowserId[] = BROWSERS.filter((b) => b.keychain !== null).map((b) => b.id);

interface CachedResult {
  readonly result: CookieImportResult;
  readonly complete: boolean;
  readonly at: number;
}

export function createCookieImporter(deps: CookieImporterDeps): KimiCookieImporter {
  const macKeychain = deps.keychain ?? (deps.platform === 'darwin' ? createMacKeychainReader() : null);
  const keychain = macKeychain && oneAtATime(macKeychain);
  const secretTool = deps.secretTool ?? (deps.platform === 'linux' ? createSecretToolReader() : null);
  const cache = new Map<Region, CachedResult>();
  const running = new Map<string, Promise<CookieImportResult>>();

  const usable = (cached: CachedResult | undefined, scanAll: boolean): cached is CachedResult => {
    if (cached === undefined || (scanAll && !cached.complete)) return false;
    const now = deps.clock.now();
    const { found } = cached.result;
    if (found === null) return now - cached.at < EMPTY_RESULT_TTL_MS;
    // A site token lives about 15 minutes: past its usable life the browser's storage is read
    // again, where the site (if open) has put the renewed one.
    const margin = found.source === 'local-storage' ? SITE_TOKEN_MIN_LIFE_MS : 0;
    return found.expiresAt === null || found.expiresAt.getTime() - margin > now;
  };

  return {
    importKimiAuth(options: CookieImportOptions): Promise<CookieImportResult> {
      const scanAll = options.scanAll ?? false;
      const cached = cache.get(options.region);
      if (!options.force && usable(cached, scanAll)) return Promise.resolve(cached.result);
      // One import at a time per question: concurrent callers share it, so no prompt repeats.
      const key = `${options.region}|${scanAll}`;
      const pending = running.get(key);
      if (pending) return pending;
      const started = runImport({ ...deps, keychain, secretTool }, options.region, scanAll)
        .then((result) => {
          cache.set(options.region, { result, complete: scanAll, at: deps.clock.now() });
          return result;
        })
        .finally(() => running.delete(key));
      running.set(key, started);
      return started;
    },
    keychainQuietUntil: () => keychainQuietUntil(deps.denialStore, CHROMIUM_FAMILY, deps.clock.now()),
    tryKeychainAgain() {
      clearKeychainDenials(deps.denialStore, CHROMIUM_FAMILY);
      cache.clear();
    },
  };
}

/** Keychain prompts never overlap, even across imports running at once (two regions). */
function oneAtATime(reader: KeychainReader): KeychainReader {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    readPassword(service, account) {
      const answer = queue.then(() => reader.readPassword(service, account));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}

type RunDeps = Omit<CookieImporterDeps, 'keychain' | 'secretTool'> & {
  readonly keychain: KeychainReader | null;
  readonly secretTool: SecretToolReader | null;
};

async function runImport(deps: RunDeps, region: Region, scanAll: boolean): Promise<CookieImportResult> {
  const query: StoreQuery = {
    hosts: kimiHosts(region),
    cookieName: KIMI_COOKIE_NAME,
    siteOrigin: kimiSiteOrigin(region),
    siteTokenKey: SITE_ACCESS_TOKEN_KEY,
    tmpDir: deps.tmpDir ?? tmpdir(),
    now: deps.clock.now(),
  };
  const reports: ImportReport[] = [];
  let found: FoundCookie | null = null;
  // Sequential on purpose: at most one browser's Keychain prompt is on screen at a time.
  for (const spec of BROWSERS) {
    const results = await importBrowser(spec, deps, query).catch((error: unknown) => {
      const failure = storeErrorFrom(error);
      return [{ profile: null, outcome: { status: failure.kind, detail: failure.detail } }];
    });
    if (results === null) continue;
    reports.push(...results.map((r) => toReport(spec, r)));
    const best = combineOutcomes(results.map((r) => r.outcome));
    if (found === null && best.status === 'found') {
      const winner = results.find((r) => r.outcome === best);
      found = { token: best.token, source: best.source, browser: spec.id, browserName: spec.name, profile: winner?.profile ?? null, expiresAt: best.expiresAt };
      if (!scanAll) break;
    }
  }
  return { found, reports };
}

/** null when the browser is not installed here. */
async function importBrowser(spec: BrowserSpec, deps: RunDeps, query: StoreQuery): Promise<ProfileResult[] | null> {
  const candidates = browserRoots(spec, deps.platform, deps.home, deps.env);
  if (spec.format === 'safari') {
    return deps.platform === 'darwin' ? importSafari(candidates, deps.files ?? nodeFileAccess, query) : null;
  }
  const roots = await installedRoots(candidates);
  if (roots.length === 0) return null;
  if (spec.format === 'firefox') return importFirefox(roots, query);
  if (spec.format === 'kimi-desktop') return importKimiDesktop(roots, query);
  const keys = createKeySource(spec, {
    platform: deps.platform,
    keychain: deps.keychain,
    secretTool: deps.secretTool,
    denialStore: deps.denialStore,
    chromiumFamily: CHROMIUM_FAMILY,
    now: () => deps.clock.now(),
  });
  return importChromiumBrowser(spec, roots, keys, query);
}

async function installedRoots(roots: readonly BrowserRoot[]): Promise<BrowserRoot[]> {
  const installed: BrowserRoot[] = [];
  for (const root of roots) {
    if ((await stat(root.path).catch(() => null))?.isDirectory()) installed.push(root);
  }
  return installed;
}

function toReport(spec: BrowserSpec, { profile, outcome }: ProfileResult): ImportReport {
  const found = outcome.status === 'found';
  return {
    browser: spec.id,
    browserName: spec.name,
    profile,
    status: outcome.status,
    expiresAt: found && outcome.expiresAt ? outcome.expiresAt.toISOString() : null,
    detail: found ? (outcome.source === 'local-storage' ? SITE_STORAGE_DETAIL : null) : outcome.detail,
  };
}
