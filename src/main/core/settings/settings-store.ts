// The settings store: one config.json shared by the app and the CLI. Every read goes to the
// file, so a change made by `kimibar config set` shows up in the running app; every write is a
// whole validated document written atomically by the backend (./json-file-backend.ts here,
// electron-store in the app — same file format), with the keys this KimiBar does not know kept as they were. A bad
// file is moved aside and defaults are used; a file that cannot be read at all is left alone
// and never overwritten. The file is first read when the store opens, so what happened is a
// notice before any command or window runs, for the app to show and the CLI to print.
import { join } from 'node:path';
import { t } from '../../../shared/i18n/index.js';
import { selectedAccount } from '../../../shared/accounts.js';
import { DEFAULT_SETTINGS, SettingsSchema, type AccountId, type Region, type Settings } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import type { Clock } from '../ports.js';
import { ensureConfigDir } from './config-dir.js';
import { jsonFileBackend } from './json-file-backend.js';
import { moveAside } from './move-aside.js';
import {
  SETTINGS_FILE_NAME,
  errorCode,
  nodeSettingsFileReader,
  readSettingsFile,
  type BadSettingsReason,
  type SettingsFileReader,
} from './settings-file.js';
import { findSettingKey, parseSettingValue } from './settings-keys.js';
import { withUnknownKeys } from './unknown-keys.js';

/**
 * What writes the file: ./json-file-backend.ts and electron-store both fit (`store` reads and
 * atomically replaces the whole document). Reads do not go through it; see settings-file.ts.
 */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/**
 * Makes the backend once the file on disk is known to be good or absent, because
 * electron-store throws from its constructor on a corrupt file. The app passes
 * `({ cwd, name }) => new ElectronStore({ cwd, name })`.
 */
export type SettingsBackendFactory = (options: { readonly cwd: string; readonly name: string }) => SettingsBackend;

/** 'unreadable': the file could not be read (permissions, I/O) and was left where it is. */
export type SettingsNoticeReason = BadSettingsReason | 'unreadable';

export type RegionOrigin = 'chosen' | 'kimi-code-cli' | 'default';

export interface SettingsNotice {
  readonly reason: SettingsNoticeReason;
  /** The settings file the notice is about. */
  readonly path: string;
  /** Where the bad file now is; null when it was not moved (it is then left untouched). */
  readonly backupPath: string | null;
  readonly message: string;
}

export interface SettingsStore {
  readonly path: string;
  get(): Settings;
  /** Edits a copy of the current settings (mutate it, or return a replacement) and saves it. */
  update(mutator: (draft: Settings) => void | Settings): Settings;
  /**
   * `kimibar config set KEY VALUE`: reads VALUE by the key's type; a KimiError('usage') says what
   * is valid. A `kimi.*` key sets that field of `accountId`'s account (the selected one without it).
   */
  setByKey(dottedKey: string, rawValue: string, accountId?: AccountId): Settings;
  /** Called with the new settings after a save, or when a read finds the file changed. */
  onChange(listener: (settings: Settings) => void): () => void;
  /** Where an account's region comes from (the selected account's without an id): the user's
   *  pick, the Kimi Code CLI's login, or the default. */
  regionOrigin(accountId?: AccountId): RegionOrigin;
  /** Problems found with the file since the last call (a bad file moved aside). */
  takeNotices(): SettingsNotice[];
}

export interface OpenSettingsOptions {
  readonly configDir: string;
  readonly clock: Clock;
  readonly backend?: SettingsBackendFactory;
  /** How the file is read; node's fs unless a test needs a failure root cannot cause. */
  readonly reader?: SettingsFileReader;
  /**
   * The region to use while the file holds none (the user never picked one): the Kimi Code
   * CLI login's, or null for the schema's default. Asked at each read, so it follows the CLI.
   */
  readonly defaultRegion?: () => Region | null;
}

const CONFIG_NAME = 'config';

interface Loaded {
  readonly settings: Settings;
  /** The file's whole JSON object, for the keys a save must keep; null without a good file. */
  readonly document: Record<string, unknown> | null;
  /** Why saving would destroy a file that is still there; null when saving is safe. */
  readonly refusal: string | null;
  /** The accounts whose region the file does not hold: they follow the Kimi Code CLI's. */
  readonly followingRegion: ReadonlySet<AccountId>;
  /** The region they follow; null when the CLI names none (the schema's default applies). */
  readonly cliRegion: Region | null;
}

export function openSettings({ configDir, clock, backend = jsonFileBackend, reader = nodeSettingsFileReader, defaultRegion }: OpenSettingsOptions): SettingsStore {
  const path = join(configDir, SETTINGS_FILE_NAME);
  const listeners = new Set<(settings: Settings) => void>();
  let notices: SettingsNotice[] = [];
  let writer: SettingsBackend | null = null;
  let lastSeen: string | null = null;
  let reportedStuck = false;

  /**
   * A region the file does not hold is not the user's choice: it follows `defaultRegion`.
   * (The schema fills in its default on parse, so the file itself is asked, account by account.)
   */
  function load(): Loaded {
    const loaded = loadFile();
    const followingRegion = new Set(loaded.settings.accounts.filter((account) => !hasRegion(loaded.document, account.id)).map((account) => account.id));
    const cliRegion = followingRegion.size === 0 ? null : (defaultRegion?.() ?? null);
    if (cliRegion !== null) {
      for (const account of loaded.settings.accounts) if (followingRegion.has(account.id)) account.region = cliRegion;
    }
    return { ...loaded, followingRegion, cliRegion };
  }

  function loadFile(): Omit<Loaded, 'followingRegion' | 'cliRegion'> {
    const read = readSettingsFile(path, reader);
    if (read.kind === 'missing' || read.kind === 'ok') {
      reportedStuck = false;
      return read.kind === 'ok'
        ? { settings: read.settings, document: read.document, refusal: null }
        : { settings: structuredClone(DEFAULT_SETTINGS), document: null, refusal: null };
    }
    if (read.kind === 'unreadable') {
      // Nothing is known about its content, so it is neither moved nor overwritten.
      reportOnce({ reason: 'unreadable', path, backupPath: null, message: `The settings file ${path} cannot be read (${read.detail}); nothing was moved or changed, defaults are used and changes are not saved.` });
      return { settings: structuredClone(DEFAULT_SETTINGS), document: null, refusal: `the settings file ${path} cannot be read (${read.detail}), so it is not overwritten` };
    }
    let backupPath: string | null = null;
    try {
      backupPath = moveAside(path, clock.now());
    } catch {
      backupPath = null;
    }
    const notice = { reason: read.reason, path, backupPath, message: describeNotice(read.reason, read.detail, backupPath) };
    if (backupPath === null) {
      reportOnce(notice);
      return { settings: structuredClone(DEFAULT_SETTINGS), document: null, refusal: `the settings file ${path} is damaged and could not be moved aside, so it is not overwritten` };
    }
    reportedStuck = false;
    notices.push(notice);
    return { settings: structuredClone(DEFAULT_SETTINGS), document: null, refusal: null };
  }

  /** A file left in place is found again on every read: it is reported once, until it changes. */
  function reportOnce(notice: SettingsNotice): void {
    if (!reportedStuck) notices.push(notice);
    reportedStuck = true;
  }

  function observe(settings: Settings): Settings {
    const serialized = JSON.stringify(settings);
    const changed = lastSeen !== null && serialized !== lastSeen;
    // Recorded before the listeners run: a listener that reads the settings again must not
    // see a change a second time (and recurse).
    lastSeen = serialized;
    if (changed) {
      for (const listener of listeners) listener(structuredClone(settings));
    }
    return settings;
  }

  function save(next: Settings, found: Record<string, unknown> | null, keepRegionUnchosen: ReadonlySet<AccountId>): Settings {
    try {
      writer ??= backend({ cwd: configDir, name: CONFIG_NAME });
      writer.store = withoutRegion(withUnknownKeys(next, found), keepRegionUnchosen);
    } catch (error) {
      throw new KimiError('storage', { detail: `${path} not written (${errorCode(error) ?? 'error'})`, cause: error });
    }
    return observe(next);
  }

  /** `pinRegion`: the account whose region the caller set itself, so it is the user's choice even when unchanged. */
  function update(mutator: (draft: Settings) => void | Settings, pinRegion: AccountId | null = null): Settings {
    // First, so that a file where the folder should be is named as the problem.
    ensureConfigDir(configDir);
    const { settings, document, refusal, followingRegion } = load();
    if (refusal !== null) throw new KimiError('storage', { detail: refusal });
    const draft = structuredClone(settings);
    const candidate = mutator(draft) ?? draft;
    const parsed = SettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new KimiError('usage', { detail: problems.join('; ') });
    }
    // Saving another setting must not turn a followed region into a chosen one.
    const before = new Map(settings.accounts.map((account) => [account.id, account.region]));
    const keepRegionUnchosen = new Set(
      parsed.data.accounts
        .filter((account) => account.id !== pinRegion && followingRegion.has(account.id) && before.get(account.id) === account.region)
        .map((account) => account.id),
    );
    return save(parsed.data, document, keepRegionUnchosen);
  }

  // Read once now: a bad file is dealt with (and its notice ready) before anyone asks.
  observe(load().settings);

  return {
    path,
    get: () => observe(load().settings),
    update,
    setByKey(dottedKey, rawValue, accountId) {
      const setting = findSettingKey(dottedKey);
      const value = parseSettingValue(setting, rawValue);
      if (setting.scope === 'general') return update((draft) => void setAtPath(draft, setting.path, value));
      const target = accountId ?? selectedAccount(load().settings).id;
      return update(
        (draft) => {
          const account = draft.accounts.find((candidate) => candidate.id === target);
          if (!account) throw new KimiError('usage', { detail: 'no such account' });
          setAtPath(account, setting.path, value);
        },
        setting.path.join('.') === 'region' ? target : null,
      );
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    regionOrigin(accountId) {
      const { settings, followingRegion, cliRegion } = load();
      const id = accountId ?? selectedAccount(settings).id;
      if (!followingRegion.has(id)) return 'chosen';
      return cliRegion === null ? 'default' : 'kimi-code-cli';
    },
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
  };
}

function documentAccounts(document: Record<string, unknown> | null): unknown[] {
  const accounts = document?.accounts;
  return Array.isArray(accounts) ? accounts : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the file holds a region for this account (a file without the account holds none). */
function hasRegion(document: Record<string, unknown> | null, accountId: AccountId): boolean {
  return documentAccounts(document).some((entry) => isObject(entry) && entry.id === accountId && Object.hasOwn(entry, 'region'));
}

/** The document with the region left out of these accounts, so they keep following the CLI's. */
function withoutRegion(document: Record<string, unknown>, accounts: ReadonlySet<AccountId>): Record<string, unknown> {
  if (accounts.size === 0) return document;
  const listed = documentAccounts(document).map((entry) =>
    isObject(entry) && typeof entry.id === 'string' && accounts.has(entry.id) ? Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'region')) : entry,
  );
  return { ...document, accounts: listed };
}

function setAtPath(target: object, path: readonly string[], value: unknown): void {
  let node = target as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

/** The CLI's line (CLI text is English); the app words the notice from its fields. */
function describeNotice(reason: BadSettingsReason, detail: string, backupPath: string | null): string {
  const what = `The settings file ${t('en', `settingsFile.reason.${reason}`)} (${detail})`;
  return backupPath
    ? `${what}; it was moved to ${backupPath} and defaults are used.`
    : `${what} and could not be moved aside; defaults are used and changes are not saved.`;
}
