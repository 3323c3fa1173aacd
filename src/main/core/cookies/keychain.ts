// Where the Chromium cookie keys come from. On macOS, the browser's "Safe Storage" password in
// the Keychain (keytar, then the `security` tool); on Linux, the v11 password in the Secret
// Service, looked up by its `application` attribute (keytar matches service/account only, so
// `secret-tool` does it). Both are ports: the importer takes them as parameters.
// node:child_process is imported where a tool is run, not here: it costs every CLI run ~6 ms
// to load, and `kimibar usage` builds the cookie importer without reading a cookie.

export type KeychainAnswer =
  | { readonly kind: 'password'; readonly password: string }
  /** The user refused (or did not answer) the Keychain prompt. */
  | { readonly kind: 'denied' }
  | { readonly kind: 'missing' };

export interface KeychainReader {
  readPassword(service: string, account: string): Promise<KeychainAnswer>;
}

export interface SecretToolReader {
  /** The Secret Service password whose `application` attribute is `application`, or null. */
  lookup(application: string): Promise<string | null>;
}

export const KEYCHAIN_TIMEOUT_MS = 3000;
/** `security`'s exit status for errSecItemNotFound. */
const SECURITY_NOT_FOUND = 44;

type KeytarGetPassword = (service: string, account: string) => Promise<string | null>;

export interface MacKeychainOptions {
  /** keytar's getPassword; by default keytar is loaded on first use. */
  readonly getPassword?: KeytarGetPassword;
  readonly securityCommand?: string;
  readonly timeoutMs?: number;
}

export function createMacKeychainReader(options: MacKeychainOptions = {}): KeychainReader {
  const securityCommand = options.securityCommand ?? '/usr/bin/security';
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  const getPassword = options.getPassword ?? loadKeytarGetPassword;
  return {
    async readPassword(service, account) {
      try {
        const password = await getPassword(service, account);
        return password === null ? { kind: 'missing' } : { kind: 'password', password };
      } catch (error) {
        // A refusal must not be followed by a second prompt from `security`; any other keytar
        // failure (no native module, an unexpected status) falls back to the tool.
        if (isUserRefusal(error)) return { kind: 'denied' };
        return readWithSecurityTool(securityCommand, service, account, timeoutMs);
      }
    },
  };
}

function isUserRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /cancel|denied|not allowed|authoriz/i.test(message);
}

async function loadKeytarGetPassword(service: string, account: string): Promise<string | null> {
  const keytar = await import('keytar');
  return keytar.default.getPassword(service, account);
}

async function readWithSecurityTool(command: string, service: string, account: string, timeoutMs: number): Promise<KeychainAnswer> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(
      command,
      ['find-generic-password', '-w', '-s', service, '-a', account],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, encoding: 'utf8' },
      (error, stdout) => {
        if (!error) {
          resolve({ kind: 'password', password: stdout.replace(/\r?\n$/, '') });
          return;
        }
        const notFound = error.code === SECURITY_NOT_FOUND || error.code === 'ENOENT';
        // A refusal, a prompt left unanswered past the timeout and any other failure all mean
        // "do not ask again now": re-prompting in a loop is worse than a missed cookie.
        resolve(notFound ? { kind: 'missing' } : { kind: 'denied' });
      },
    );
  });
}

export interface SecretToolOptions {
  readonly command?: string;
  readonly timeoutMs?: number;
  /** The environment `secret-tool` runs in (it finds the session bus through it). */
  readonly env?: NodeJS.ProcessEnv;
}

export function createSecretToolReader(options: SecretToolOptions = {}): SecretToolReader {
  const command = options.command ?? 'secret-tool';
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  return {
    async lookup(application) {
      const { execFile } = await import('node:child_process');
      return new Promise((resolve) => {
        execFile(
          command,
          ['lookup', 'application', application],
          { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, encoding: 'utf8', env: options.env ?? process.env },
          (error, stdout) => {
            const password = stdout.replace(/\r?\n$/, '');
            resolve(error || password.length === 0 ? null : password);
          },
        );
      });
    },
  };
}
