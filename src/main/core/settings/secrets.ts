// KimiBar's secrets in the OS keychain (macOS Keychain, Secret Service on Linux, Credential
// Vault on Windows) through keytar, service "KimiBar", one account per secret. Where there is
// no keychain — keytar fails to load, no Secret Service on D-Bus, the keychain stops answering —
// secrets live in memory for this session only, `persistent()` answers false and `notice` says so.
// keytar (a native addon, and on Linux a D-Bus round trip) is loaded and probed only when a
// secret is first read or written: a CLI command that never touches one does not pay for it.
// Nothing here logs, and no error message carries a secret.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { perAccountName } from '../../../shared/accounts.js';
import type { AccountId } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import { SECRET_ACCOUNTS, type Environment, type KeychainItems, type SecretAccount, type SecretStore } from '../ports.js';

export const SECRET_SERVICE = 'KimiBar';

/** The part of keytar this store uses; keytar itself fits. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface SystemSecretStore extends KeychainItems {
  /** Why secrets are kept for this session only ('keychain-unavailable'); null while the keychain
   *  works, or before it was first used. */
  readonly notice: KimiError | null;
  /** Loads and probes the keychain now (once); `notice` is settled afterwards. */
  ready(): Promise<void>;
}

export interface SecretStoreOptions {
  /** Defaults to the real keytar module; null means "no keychain here". */
  readonly keytar?: KeytarLike | null;
  readonly service?: string;
  /** A Secret Service that never answers must not hang the app or the CLI. */
  readonly probeTimeoutMs?: number;
  /** Where to look for a D-Bus session (Linux); defaults to this process's. */
  readonly env?: Environment;
  readonly platform?: NodeJS.Platform;
}

const PROBE_ACCOUNT: SecretAccount = 'api-key';
/** How long the probe's answer stands in for a read of the same item (one command's start). */
const PROBE_ANSWER_MS = 2000;

/** The store, probed before it is returned: `persistent()` and `notice` answer at once. */
export async function createSecretStore(options: SecretStoreOptions = {}): Promise<SystemSecretStore> {
  const store = openSecretStore(options);
  await store.ready();
  return store;
}

/** The store, with keytar loaded and probed on the first read, write or `persistent()` question. */
export function openSecretStore(options: SecretStoreOptions = {}): SystemSecretStore {
  return new KeychainOrMemoryStore(options.service ?? SECRET_SERVICE, () => probeKeychain(options));
}

interface Probed {
  readonly keytar: KeytarLike | null;
  readonly notice: KimiError | null;
  readonly fresh: FreshAnswer | null;
}

async function probeKeychain(options: SecretStoreOptions): Promise<Probed> {
  const service = options.service ?? SECRET_SERVICE;
  const noBus = options.keytar === undefined ? missingSessionBus(options.env ?? process.env, options.platform ?? process.platform) : null;
  if (noBus) return { keytar: null, notice: unavailable(noBus), fresh: null };
  const keytar = options.keytar === undefined ? await loadKeytar() : options.keytar;
  if (!keytar) return { keytar: null, notice: unavailable('keytar could not be loaded'), fresh: null };
  try {
    // A read of our own item is harmless and proves the whole path (library, bus, daemon) works.
    // Its answer is also the first read of that item, which comes right after (a refresh reads
    // the API key first): each keychain read is a D-Bus round trip, or a prompt on some systems.
    const value = await withTimeout(keytar.getPassword(service, PROBE_ACCOUNT), options.probeTimeoutMs ?? 5000);
    return { keytar, notice: null, fresh: { account: PROBE_ACCOUNT, value, until: Date.now() + PROBE_ANSWER_MS } };
  } catch (error) {
    return { keytar: null, notice: unavailable(describe(error)), fresh: null };
  }
}

/**
 * On Linux the keychain is the Secret Service on the D-Bus session bus, which libsecret finds
 * through DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus, else by starting one for the X11
 * display. With none of them (an SSH session, a container, CI — where KIMI_CODE_API_KEY is the
 * usual credential) there is no keychain to reach: say why without loading keytar at all.
 */
function missingSessionBus(env: Environment, platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  if (env.DBUS_SESSION_BUS_ADDRESS || env.DISPLAY) return null;
  if (env.XDG_RUNTIME_DIR && existsSync(join(env.XDG_RUNTIME_DIR, 'bus'))) return null;
  return 'no D-Bus session bus';
}

/** A keychain answer already in hand, good for one read of its item until `until`. */
interface FreshAnswer {
  readonly account: string;
  readonly value: string | null;
  readonly until: number;
}

class KeychainOrMemoryStore implements SystemSecretStore {
  readonly #memory = new Map<string, string>();
  #keytar: KeytarLike | null = null;
  #notice: KimiError | null = null;
  #fresh: FreshAnswer | null = null;
  #probe: Promise<void> | null = null;

  constructor(
    private readonly service: string,
    private readonly probe: () => Promise<Probed>,
  ) {}

  ready(): Promise<void> {
    return (this.#probe ??= this.probe().then((probed) => {
      this.#keytar = probed.keytar;
      this.#notice = probed.notice;
      this.#fresh = probed.fresh;
    }));
  }

  async persistent(): Promise<boolean> {
    await this.ready();
    return this.#keytar !== null;
  }

  get notice(): KimiError | null {
    return this.#notice;
  }

  async get(account: string): Promise<string | null> {
    await this.ready();
    const fresh = this.#fresh;
    this.#fresh = null;
    if (this.#keytar && fresh?.account === account && Date.now() <= fresh.until) return fresh.value;
    if (this.#keytar) {
      try {
        return await this.#keytar.getPassword(this.service, account);
      } catch (error) {
        this.#fallBack(error);
      }
    }
    return this.#memory.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    await this.ready();
    this.#fresh = null;
    if (this.#keytar) {
      try {
        await this.#keytar.setPassword(this.service, account, value);
        return;
      } catch (error) {
        this.#fallBack(error);
      }
    }
    this.#memory.set(account, value);
  }

  async delete(account: string): Promise<void> {
    await this.ready();
    this.#fresh = null;
    this.#memory.delete(account);
    if (!this.#keytar) return;
    try {
      await this.#keytar.deletePassword(this.service, account);
    } catch (error) {
      this.#fallBack(error);
    }
  }

  /** The keychain stopped working mid-session: keep going in memory, and say so. */
  #fallBack(error: unknown): void {
    this.#keytar = null;
    this.#notice = unavailable(describe(error));
  }
}

/**
 * The keychain item holding one account's secret: the first account's keep the names KimiBar
 * always used ("api-key", "device-login", …), so upgrading from one account moves nothing; any
 * other account's are "<secret>@<account id>". Ids are lowercase letters and digits, so no
 * two accounts' names can meet.
 */
export function secretItemName(accountId: AccountId, secret: SecretAccount): string {
  return perAccountName(secret, accountId);
}

/** One account's view of the keychain: its own items only. */
export function accountSecrets(items: KeychainItems, accountId: AccountId): SecretStore {
  return {
    persistent: () => items.persistent(),
    get: (secret) => items.get(secretItemName(accountId, secret)),
    set: (secret, value) => items.set(secretItemName(accountId, secret), value),
    delete: (secret) => items.delete(secretItemName(accountId, secret)),
  };
}

/** Deletes every secret an account had (the account is being removed). */
export async function deleteAccountSecrets(items: KeychainItems, accountId: AccountId): Promise<void> {
  for (const secret of SECRET_ACCOUNTS) await items.delete(secretItemName(accountId, secret));
}

async function loadKeytar(): Promise<KeytarLike | null> {
  try {
    const module = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
    return module.default ?? module;
  } catch {
    return null;
  }
}

function unavailable(detail: string): KimiError {
  return new KimiError('keychain-unavailable', { detail });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 120) || 'keychain error';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * For `kimibar config show`: enough to recognise which key is stored ("sk-kimi-…a1b2"), never
 * enough to use it. Short values show only "set".
 */
export function maskSecret(value: string | null | undefined): string {
  const secret = value?.trim() ?? '';
  if (secret === '') return 'not set';
  if (secret.length < 16) return 'set';
  const kind = /^(sk-kimi-|sk-|eyJ)/.exec(secret)?.[1] ?? '';
  return `${kind}…${secret.slice(-4)}`;
}
