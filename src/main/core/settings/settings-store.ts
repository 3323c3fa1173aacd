// The settings store: one config.json shared by the app and the CLI (SPEC §6). Every read goes
// to the file, so a change made by `kimibar config set` shows up in the running app; every
// write is a whole validated document written atomically by the backend (conf here,
// electron-store in the app — same file format). A bad file is moved aside and defaults are
// used; what happened is kept as a notice for the app to show and the CLI to print.
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';
import type { Clock } from '../ports.js';
import { moveAside } from './move-aside.js';
import { SETTINGS_FILE_NAME, errorCode, readSettingsFile, type BadSettingsReason } from './settings-file.js';
import { findSettingKey, parseSettingValue } from './settings-keys.js';

/**
 * What writes the file: conf and electron-store both fit (`store` reads and atomically
 * replaces the whole document). Reads do not go through it; see settings-file.ts.
 */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/**
 * Makes the backend once the file on disk is known to be good or absent, because conf and
 * electron-store throw from their constructors on a corrupt file. The app passes
 * `({ cwd, name }) => new ElectronStore({ cwd, name })`.
 */
export type SettingsBackendFactory = (options: { readonly cwd: string; readonly name: string }) => SettingsBackend;

export interface SettingsNotice {
  readonly reason: BadSettingsReason;
  /** Where the bad file now is; null when it could not be moved (it is then left untouched). */
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
  /** Problems found with the file since the last call (a bad file moved aside). */
  takeNotices(): SettingsNotice[];
}

export interface OpenSettingsOptions {
  readonly configDir: string;
  readonly clock: Clock;
  readonly backend?: SettingsBackendFactory;
}

const CONFIG_NAME = 'config';

const confBackend: SettingsBackendFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name });

export function openSettings({ configDir, clock, backend = confBackend }: OpenSettingsOptions): SettingsStore {
  const path = join(configDir, SETTINGS_FILE_NAME);
  const listeners = new Set<(settings: Settings) => void>();
  let notices: SettingsNotice[] = [];
  let writer: SettingsBackend | null = null;
  let lastSeen: string | null = null;
  let reportedStuck = false;

  /** Returns the current settings; `writable` is false when a bad file could not be moved. */
  function load(): { settings: Settings; writable: boolean } {
    const read = readSettingsFile(path);
    if (read.kind !== 'bad') {
      reportedStuck = false;
      return { settings: read.kind === 'ok' ? read.settings : structuredClone(DEFAULT_SETTINGS), writable: true };
    }
    let backupPath: string | null = null;
    try {
      backupPath = moveAside(path, clock.now());
    } catch {
      backupPath = null;
    }
    // A file that cannot be moved is found again on every read: report it once.
    if (backupPath !== null || !reportedStuck) {
      notices.push({ reason: read.reason, backupPath, message: describeNotice(read.reason, read.detail, backupPath) });
    }
    reportedStuck = backupPath === null;
    return { settings: structuredClone(DEFAULT_SETTINGS), writable: backupPath !== null };
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

  function save(next: Settings): Settings {
    try {
      writer ??= backend({ cwd: configDir, name: CONFIG_NAME });
      writer.store = next as unknown as Record<string, unknown>;
    } catch (error) {
      throw new KimiError('storage', { detail: `settings file not written (${errorCode(error) ?? 'error'})`, cause: error });
    }
    return observe(next);
  }

  function update(mutator: (draft: Settings) => void | Settings): Settings {
    const { settings, writable } = load();
    if (!writable) {
      throw new KimiError('storage', { detail: `${path} is unreadable and could not be moved aside` });
    }
    const draft = structuredClone(settings);
    const candidate = mutator(draft) ?? draft;
    const parsed = SettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new KimiError('usage', { detail: problems.join('; ') });
    }
    return save(parsed.data);
  }

  return {
    path,
    get: () => observe(load().settings),
    update,
    setByKey(dottedKey, rawValue) {
      const setting = findSettingKey(dottedKey);
      const value = parseSettingValue(setting, rawValue);
      return update((draft) => {
        setAtPath(draft, setting.path, value);
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
  };
}

function setAtPath(target: object, path: readonly string[], value: unknown): void {
  let node = target as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

const REASON_TEXT: Record<BadSettingsReason, string> = {
  corrupt: 'was unreadable',
  invalid: 'had invalid settings',
  'unknown-version': 'is from a different KimiBar version',
  'too-large': 'was too large to be a settings file',
  'not-a-file': 'was not a regular file',
};

function describeNotice(reason: BadSettingsReason, detail: string, backupPath: string | null): string {
  const what = `The settings file ${REASON_TEXT[reason]} (${detail})`;
  return backupPath
    ? `${what}; it was moved to ${backupPath} and defaults are used.`
    : `${what} and could not be moved aside; defaults are used and changes are not saved.`;
}
