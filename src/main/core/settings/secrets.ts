// KimiBar's secrets in the OS keychain (macOS Keychain, Secret Service on Linux, Credential
// Vault on Windows) through keytar, service "KimiBar", one account per secret. Where there is
// no keychain — keytar fails to load, no Secret Service on D-Bus, the keychain stops answering —
// secrets live in memory for this session only, `persistent` turns false and `notice` says so.
// Nothing here logs, and no error message carries a secret.
import { KimiError } from '../errors.js';
import type { SecretAccount, SecretStore } from '../ports.js';

export const SECRET_SERVICE = 'KimiBar';

/** The part of keytar this store uses; keytar itself fits. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface SystemSecretStore extends SecretStore {
  /** Why secrets are kept for this session only ('keychain-unavailable'); null while the keychain works. */
  readonly notice: KimiError | null;
}

export interface SecretStoreOptions {
  /** Defaults to the real keytar module; null means "no keychain here". */
  readonly keytar?: KeytarLike | null;
  readonly service?: string;
  /** A Secret Service that never answers must not hang the app or the CLI. */
  readonly probeTimeoutMs?: number;
}

const PROBE_ACCOUNT: SecretAccount = 'api-key';
/** How long the probe's answer stands in for a read of the same item (one command's start). */
const PROBE_ANSWER_MS = 2000;

export async function createSecretStore(options: SecretStoreOptions = {}): Promise<SystemSecretStore> {
  const service = options.service ?? SECRET_SERVICE;
  const keytar = options.keytar === undefined ? await loadKeytar() : options.keytar;
  if (!keytar) return new KeychainOrMemoryStore(null, service, unavailable('keytar could not be loaded'));
  try {
    // A read of our own item is harmless and proves the whole path (library, bus, daemon) works.
    // Its answer is also the first read of that item, which comes right after (a refresh reads
    // the API key first): each keychain read is a D-Bus round trip, or a prompt on some systems.
    const value = await withTimeout(keytar.getPassword(service, PROBE_ACCOUNT), options.probeTimeoutMs ?? 5000);
    return new KeychainOrMemoryStore(keytar, service, null, { account: PROBE_ACCOUNT, value, until: Date.now() + PROBE_ANSWER_MS });
  } catch (error) {
    return new KeychainOrMemoryStore(null, service, unavailable(describe(error)));
  }
}

/** A keychain answer already in hand, good for one read of its item until `until`. */
interface FreshAnswer {
  readonly account: SecretAccount;
  readonly value: string | null;
  readonly until: number;
}

class KeychainOrMemoryStore implements SystemSecretStore {
  readonly #memory = new Map<SecretAccount, string>();
  #keytar: KeytarLike | null;
  #notice: KimiError | null;
  #fresh: FreshAnswer | null;

  constructor(
    keytar: KeytarLike | null,
    private readonly service: string,
    notice: KimiError | null,
    fresh: FreshAnswer | null = null,
  ) {
    this.#keytar = keytar;
    this.#notice = notice;
    this.#fresh = fresh;
  }

  get persistent(): boolean {
    return this.#keytar !== null;
  }

  get notice(): KimiError | null {
    return this.#notice;
  }

  async get(account: SecretAccount): Promise<string | null> {
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

  async set(account: SecretAccount, value: string): Promise<void> {
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

  async delete(account: SecretAccount): Promise<void> {
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
