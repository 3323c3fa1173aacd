// The side effects the core needs, passed in as parameters so tests hand it real local
// versions (a temp HOME, a real HTTPS server on loopback, a real Secret Service keyring)
// and the app hands it the real ones.

/** Milliseconds since the Unix epoch. Tests pass a fake only where waiting would be real time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The process environment, read-only. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * KimiBar's own secrets (API key, manual token, device-login and web-session tokens).
 * Backed by the OS keychain through keytar (service "KimiBar"); where no keychain exists,
 * by memory for the session only, and `persistent()` says so. Asking it loads the keychain
 * (a native addon and, on Linux, a D-Bus round trip), hence a question rather than a field.
 */
export interface SecretStore {
  persistent(): Promise<boolean>;
  get(account: SecretAccount): Promise<string | null>;
  set(account: SecretAccount, value: string): Promise<void>;
  delete(account: SecretAccount): Promise<void>;
}

export const SECRET_ACCOUNTS = ['api-key', 'manual-token', 'device-login', 'web-session'] as const;
export type SecretAccount = (typeof SECRET_ACCOUNTS)[number];

/**
 * The keychain itself: items by their full name. Each Kimi account sees it through a
 * SecretStore of its own (settings/secrets.ts, `accountSecrets`), so no two accounts share an item.
 */
export interface KeychainItems {
  persistent(): Promise<boolean>;
  get(item: string): Promise<string | null>;
  set(item: string, value: string): Promise<void>;
  delete(item: string): Promise<void>;
}

/** Where KimiBar keeps its files, and whose home directory it reads other programs' files from. */
export interface AppPaths {
  readonly home: string;
  /** Settings (config.json), history database, device id. */
  readonly configDir: string;
}
