// The settings store: one config.json shared by the app and the CLI. Every read goes to the
// file, so a change made by `kimibar config set` shows up in the running app; every write is a
// whole validated document written atomically by the backend (./json-file-backend.ts here,
// electron-store in the app — same file format), with the keys this KimiBar does not know kept as they were. A bad
// file is moved aside and defaults are used; a file that cannot be read at all is left alone
// and never overwritten. The file is first read when the store opens, so what happened is a
// notice before any command or window runs, for the app to show and the CLI to print.
import { join } from 'node:path';
import { t } from '../../../shared/i18n/index.js';
import { DEFAULT_SETTINGS, SettingsSchema, type Region, type Settings } from '../../../shared/settings.js';
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
  /** `kimibar config set KEY VALUE`: reads VALUE by the key's type; a KimiError('usage') says what is valid. */
  setByKey(dottedKey: string, rawValue: string): Settings;
  /** Called with the new settings after a save, or when a read finds the file changed. */
  onChange(listener: (settings: Settings) => void): () => void;
  /** Where `kimi.region` comes from: the user's pick, the Kimi Code CLI's login, or the default. */
  regionOrigin(): RegionOrigin;
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
  readonly regionOrigin: RegionOrigin;
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
   * (The schema fills in its default on parse, so the file itself is asked.)
   */
  function load(): Loaded {
    const loaded = loadFile();
    if (loaded.document !== null && hasRegion(loaded.document)) return { ...loaded, regionOrigin: 'chosen' };
    const fromCli = defaultRegion?.() ?? null;
    if (fromCli === null) return { ...loaded, regionOrigin: 'default' };
    loaded.settings.kimi.region = fromCli;
    return { ...loaded, regionOrigin: 'kimi-code-cli' };
  }

  function loadFile(): Omit<Loaded, 'regionOrigin'> {
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

  function save(next: Settings, found: Record<string, unknown> | null, keepRegionUnchosen: boolean): Settings {
    try {
      writer ??= backend({ cwd: configDir, name: CONFIG_NAME });
      const document = withUnknownKeys(next, found);
      writer.store = keepRegionUnchosen ? withoutRegion(document) : document;
    } catch (error) {
      throw new KimiError('storage', { detail: `${path} not written (${errorCode(error) ?? 'error'})`, cause: error });
    }
    return observe(next);
  }

  /** `pinRegion`: the caller set the region itself, so it is the user's choice even when unchanged. */
  function update(mutator: (draft: Settings) => void | Settings, pinRegion = false): Settings {
    // First, so that a file where the folder should be is named as the problem.
    ensureConfigDir(configDir);
    const { settings, document, refusal, regionOrigin } = load();
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
    const keepRegionUnchosen = regionOrigin !== 'chosen' && !pinRegion && parsed.data.kimi.region === settings.kimi.region;
    return save(parsed.data, document, keepRegionUnchosen);
  }

  // Read once now: a bad file is dealt with (and its notice ready) before anyone asks.
  observe(load().settings);

  return {
    path,
    get: () => observe(load().settings),
    update,
    setByKey(dottedKey, rawValue) {
      const setting = findSettingKey(dottedKey);
      const value = parseSettingValue(setting, rawValue);
      return update(
        (draft) => {
          setAtPath(draft, setting.path, value);
        },
        setting.path.join('.') === 'kimi.region',
      );
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    regionOrigin: () => load().regionOrigin,
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
  };
}

function hasRegion(document: Record<string, unknown>): boolean {
  const kimi = document.kimi;
  return typeof kimi === 'object' && kimi !== null && Object.hasOwn(kimi, 'region');
}

function withoutRegion(document: Record<string, unknown>): Record<string, unknown> {
  const kimi = document.kimi;
  if (typeof kimi !== 'object' || kimi === null || Array.isArray(kimi)) return document;
  const rest = Object.fromEntries(Object.entries(kimi).filter(([key]) => key !== 'region'));
  return { ...document, kimi: rest };
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
