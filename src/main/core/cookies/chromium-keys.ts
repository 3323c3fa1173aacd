// The keys for one Chromium browser's `v10`/`v11` blobs, fetched only when a Kimi row needs
// them (so a store without a Kimi cookie never causes a Keychain prompt) and at most once per
// import. On macOS this applies the prompt policy: one browser at a time, quiet after a denial.
import type { BrowserSpec } from './catalog.js';
import { deriveKey, LINUX_ITERATIONS, LINUX_V10_PASSWORD, MAC_ITERATIONS } from './chromium-crypto.js';
import type { BlobScheme } from './chromium-crypto.js';
import type { KeychainAnswer, KeychainReader, SecretToolReader } from './keychain.js';
import { keychainQuietUntil } from './keychain-denials.js';
import type { KeychainDenialStore } from './keychain-denials.js';
import type { BrowserId } from './types.js';

export type KeyLookup =
  | { readonly ok: true; readonly keys: readonly Buffer[]; /** Said when every key fails. */ readonly hint: string | null }
  | { readonly ok: false; readonly status: 'keychain-denied' | 'cannot-decrypt'; readonly detail: string };

export interface KeySourceDeps {
  readonly platform: NodeJS.Platform;
  readonly keychain: KeychainReader | null;
  readonly secretTool: SecretToolReader | null;
  readonly denialStore: KeychainDenialStore;
  /** The browsers that share the Keychain quiet period. */
  readonly chromiumFamily: readonly BrowserId[];
  readonly now: () => number;
}

export type KeySource = (scheme: Exclude<BlobScheme, 'other'>) => Promise<KeyLookup>;

export function createKeySource(spec: BrowserSpec, deps: KeySourceDeps): KeySource {
  const memo = new Map<string, Promise<KeyLookup>>();
  return (scheme) => {
    let lookup = memo.get(scheme);
    if (!lookup) {
      lookup = lookUpKeys(spec, scheme, deps);
      memo.set(scheme, lookup);
    }
    return lookup;
  };
}

async function lookUpKeys(spec: BrowserSpec, scheme: 'v10' | 'v11', deps: KeySourceDeps): Promise<KeyLookup> {
  if (deps.platform === 'darwin') {
    return scheme === 'v10' ? macKeys(spec, deps) : { ok: false, status: 'cannot-decrypt', detail: 'v11 encryption on macOS' };
  }
  if (scheme === 'v10') {
    return { ok: true, keys: [deriveKey(LINUX_V10_PASSWORD, LINUX_ITERATIONS), deriveKey('', LINUX_ITERATIONS)], hint: null };
  }
  const password = spec.secretApplication && deps.secretTool ? await deps.secretTool.lookup(spec.secretApplication).catch(() => null) : null;
  if (password === null) {
    return { ok: true, keys: [deriveKey('', LINUX_ITERATIONS)], hint: 'no Secret Service password found' };
  }
  return { ok: true, keys: [deriveKey(password, LINUX_ITERATIONS), deriveKey('', LINUX_ITERATIONS)], hint: null };
}

async function macKeys(spec: BrowserSpec, deps: KeySourceDeps): Promise<KeyLookup> {
  if (!spec.keychain || !deps.keychain) return { ok: false, status: 'cannot-decrypt', detail: 'no Keychain available' };
  const quietUntil = keychainQuietUntil(deps.denialStore, deps.chromiumFamily, deps.now());
  if (quietUntil) {
    return { ok: false, status: 'keychain-denied', detail: `Keychain access was denied; not asking again until ${quietUntil.toISOString()}` };
  }
  const answer = await deps.keychain.readPassword(spec.keychain.service, spec.keychain.account).catch((): KeychainAnswer => ({ kind: 'missing' }));
  if (answer.kind === 'denied') {
    deps.denialStore.setDeniedAt(spec.id, new Date(deps.now()));
    return { ok: false, status: 'keychain-denied', detail: 'Keychain access was denied' };
  }
  if (answer.kind === 'missing') {
    return { ok: false, status: 'cannot-decrypt', detail: `no "${spec.keychain.service}" item in the Keychain` };
  }
  return { ok: true, keys: [deriveKey(answer.password, MAC_ITERATIONS), deriveKey('', MAC_ITERATIONS)], hint: null };
}
