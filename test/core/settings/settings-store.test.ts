import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.js';
import { KimiError } from '../../../src/main/core/errors.js';
import type { SettingsFileReader } from '../../../src/main/core/settings/settings-file.js';
import {
  openSettings,
  type SettingsBackend,
  type SettingsBackendFactory,
} from '../../../src/main/core/settings/settings-store.js';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const clock = { now: () => NOW };
const BACKUP = 'config.json.bak-2026-11-24T10-00-00-000Z';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-settings-'));
  file = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function backups(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('config.json.bak-')).sort();
}

function expectKimiError(run: () => unknown, code: string): KimiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KimiError);
    expect((error as KimiError).code).toBe(code);
    return error as KimiError;
  }
  throw new Error('expected a KimiError');
}

describe('settings file shared by the app and the CLI', () => {
  it('gives defaults without creating a file until something is saved', () => {
    const store = openSettings({ configDir: dir, clock });
    expect(store.path).toBe(file);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(existsSync(file)).toBe(false);
    expect(store.takeNotices()).toEqual([]);
  });

  it('writes a file that a second store (the other process) and plain conf read back', () => {
    const app = openSettings({ configDir: dir, clock });
    app.update((draft) => {
      draft.general.menuBarText = 'weekly';
      draft.accounts[0]!.region = 'kimi.ai';
    });

    const cli = openSettings({ configDir: dir, clock });
    expect(cli.get().general.menuBarText).toBe('weekly');
    expect(cli.get().accounts[0]!.region).toBe('kimi.ai');

    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config' });
    expect(conf.get('general.menuBarText')).toBe('weekly');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 2, accounts: [{ id: 'main', region: 'kimi.ai' }] });

    // And the other way round: what electron-store (conf underneath) writes, the store reads.
    conf.set('general.menuBarText', 'countdown');
    expect(cli.get().general.menuBarText).toBe('countdown');
    expect(app.get().accounts[0]!.region).toBe('kimi.ai');
  });

  it('sees changes made by the other process and tells its listeners', () => {
    const app = openSettings({ configDir: dir, clock });
    const cli = openSettings({ configDir: dir, clock });
    const seen: Settings[] = [];
    app.get();
    const stop = app.onChange((settings) => seen.push(settings));

    cli.setByKey('general.refreshCadence', '5m');
    expect(app.get().general.refreshCadence).toBe('5m');
    expect(seen.map((s) => s.general.refreshCadence)).toEqual(['5m']);

    app.update((draft) => {
      draft.general.coloredIcon = true;
    });
    expect(seen).toHaveLength(2);
    stop();
    cli.setByKey('general.coloredIcon', 'false');
    app.get();
    expect(seen).toHaveLength(2);
  });

  it('fills a partial file with defaults and leaves it in place', () => {
    writeFileSync(file, JSON.stringify({ general: { menuBarText: '5h', notifications: { depleted: false } } }));
    const store = openSettings({ configDir: dir, clock });
    const settings = store.get();
    expect(settings.general.menuBarText).toBe('5h');
    expect(settings.general.notifications.depleted).toBe(false);
    expect(settings.general.notifications.thresholds).toEqual([50, 20]);
    expect(settings.accounts[0]!).toEqual(DEFAULT_SETTINGS.accounts[0]!);
    expect(backups()).toEqual([]);
    expect(store.takeNotices()).toEqual([]);
  });

  it('accepts a file written by electron-store/conf with its internal bookkeeping key', () => {
    writeFileSync(file, JSON.stringify({ __internal__: { migrations: { version: '0.1.0' } }, version: 1, general: { language: 'zh-CN' } }, null, '\t'));
    const store = openSettings({ configDir: dir, clock });
    expect(store.get().general.language).toBe('zh-CN');
    expect(backups()).toEqual([]);
  });

  it('moves a corrupt file aside byte for byte, uses defaults and says so', () => {
    const original = '{"general": {"menuBarText": "5h",';
    writeFileSync(file, original);
    const store = openSettings({ configDir: dir, clock });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(backups()).toEqual([BACKUP]);
    expect(readFileSync(join(dir, BACKUP), 'utf8')).toBe(original);
    expect(existsSync(file)).toBe(false);

    const [notice, ...rest] = store.takeNotices();
    expect(rest).toEqual([]);
    expect(notice?.reason).toBe('corrupt');
    expect(notice?.backupPath).toBe(join(dir, BACKUP));
    expect(notice?.message).toContain('moved to');
    expect(store.takeNotices()).toEqual([]);

    store.setByKey('general.launchAtLogin', 'true');
    expect(openSettings({ configDir: dir, clock }).get().general.launchAtLogin).toBe(true);
    expect(readFileSync(join(dir, BACKUP), 'utf8')).toBe(original);
  });

  it('moves aside a file from an unknown version', () => {
    const original = JSON.stringify({ version: 3, general: { menuBarText: '5h' } });
    writeFileSync(file, original);
    const store = openSettings({ configDir: dir, clock });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.takeNotices().map((n) => n.reason)).toEqual(['unknown-version']);
    expect(readFileSync(join(dir, BACKUP), 'utf8')).toBe(original);
  });

  it('moves aside a file whose values have the wrong types', () => {
    writeFileSync(file, JSON.stringify({ general: { refreshCadence: 7, launchAtLogin: 'yes' } }));
    const store = openSettings({ configDir: dir, clock });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const [notice] = store.takeNotices();
    expect(notice?.reason).toBe('invalid');
    expect(notice?.message).toContain('general.refreshCadence');
  });

  it('keeps every bad file when two go bad within the same millisecond', () => {
    const store = openSettings({ configDir: dir, clock });
    writeFileSync(file, 'first');
    store.get();
    writeFileSync(file, 'second');
    store.get();
    expect(backups()).toEqual([BACKUP, `${BACKUP}-1`]);
    expect(readFileSync(join(dir, `${BACKUP}-1`), 'utf8')).toBe('second');
  });

  describe('hostile files never crash and always end in defaults', () => {
    const cases: [string, () => string | Buffer, string][] = [
      ['binary bytes', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3]), randomBytes(4096)]), 'corrupt'],
      ['a huge file', () => `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`, 'too-large'],
      ['deep nesting', () => `{"kimi":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'invalid'],
      ['deep objects', () => `{"general":{"notifications":{"thresholds":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_002)}}`, 'invalid'],
      ['a top-level array', () => '[1,2,3]', 'invalid'],
      ['a top-level string', () => '"settings"', 'invalid'],
      ['null', () => 'null', 'invalid'],
      ['an empty file', () => '', 'corrupt'],
      ['a non-numeric version', () => '{"version":"1"}', 'unknown-version'],
      ['wrong record values', () => '{"state":{"keychainDeniedAt":{"chrome":42}}}', 'invalid'],
      ['a threshold array that is too long', () => '{"general":{"notifications":{"thresholds":[1,2,3,4,5,6]}}}', 'invalid'],
    ];
    for (const [name, content, reason] of cases) {
      it(name, () => {
        writeFileSync(file, content());
        const store = openSettings({ configDir: dir, clock });
        expect(store.get()).toEqual(DEFAULT_SETTINGS);
        expect(store.takeNotices().map((n) => n.reason)).toEqual([reason]);
        expect(backups()).toEqual([BACKUP]);
      });
    }

    it('a prototype-polluting key', () => {
      writeFileSync(file, '{"__proto__":{"polluted":true},"state":{"keychainDeniedAt":{"__proto__":"2026-01-01T00:00:00Z"}}}');
      const store = openSettings({ configDir: dir, clock });
      const settings = store.get();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(settings.state.keychainDeniedAt)).toBe(Object.prototype);
    });

    it('a directory where the file should be', () => {
      mkdirSync(file);
      const store = openSettings({ configDir: dir, clock });
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      expect(store.takeNotices().map((n) => n.reason)).toEqual(['not-a-file']);
      store.setByKey('general.coloredIcon', 'true');
      expect(store.get().general.coloredIcon).toBe(true);
    });
  });

  it('refuses to save when a bad file cannot be moved aside, and leaves it untouched', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'a file where the config folder should be');
    const store = openSettings({ configDir: blocker, clock });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.takeNotices()[0]?.backupPath).toBeNull();
    store.get();
    expect(store.takeNotices()).toEqual([]);
    const error = expectKimiError(() => store.setByKey('general.coloredIcon', 'true'), 'storage');
    expect(error.exitCode).toBe(1);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the config folder should be');
  });
});

describe('update', () => {
  it('accepts a replacement document and validates it', () => {
    const store = openSettings({ configDir: dir, clock });
    const next = store.update((draft) => ({ ...draft, accounts: [{ ...draft.accounts[0]!, enabled: false }] }));
    expect(next.accounts[0]!.enabled).toBe(false);
    expectKimiError(
      () =>
        store.update((draft) => {
          draft.general.notifications.thresholds = [0];
        }),
      'usage',
    );
    expect(store.get().general.notifications.thresholds).toEqual([50, 20]);
  });

  it('never writes fields the schema does not know (no secret can slip into the file)', () => {
    const store = openSettings({ configDir: dir, clock });
    store.update((draft) => {
      Object.assign(draft.accounts[0]!, { apiKey: 'sk-kimi-should-never-be-written' });
    });
    expect(readFileSync(file, 'utf8')).not.toContain('sk-kimi');
  });

  it('writes through the backend it is given (how the app passes electron-store)', () => {
    const made: { cwd: string; name: string }[] = [];
    let writes = 0;
    const factory: SettingsBackendFactory = (options) => {
      made.push({ ...options });
      const conf = new Conf<Record<string, unknown>>({ cwd: options.cwd, configName: options.name });
      const backend: SettingsBackend = {
        path: conf.path,
        get store() {
          return conf.store;
        },
        set store(value) {
          writes += 1;
          conf.store = value;
        },
      };
      return backend;
    };
    const store = openSettings({ configDir: dir, clock, backend: factory });
    store.get();
    expect(made).toEqual([]);
    store.setByKey('general.showUsageAsUsed', 'yes');
    store.setByKey('general.language', 'en');
    expect(made).toEqual([{ cwd: dir, name: 'config' }]);
    expect(writes).toBe(2);
    expect(openSettings({ configDir: dir, clock }).get().general.showUsageAsUsed).toBe(true);
  });
});

describe('setByKey (kimibar config set KEY VALUE)', () => {
  it('reads each value by its field type', () => {
    const store = openSettings({ configDir: dir, clock });
    expect(store.setByKey('kimi.enabled', 'off').accounts[0]!.enabled).toBe(false);
    expect(store.setByKey('kimi.usageSource', 'api').accounts[0]!.usageSource).toBe('api');
    expect(store.setByKey('general.notifications.thresholds', '40, 10,5').general.notifications.thresholds).toEqual([40, 10, 5]);
    expect(store.setByKey('general.notifications.thresholds', 'none').general.notifications.thresholds).toEqual([]);
    expect(store.setByKey('kimi.apiBaseUrl', 'https://api.example.test').accounts[0]!.apiBaseUrl).toBe('https://api.example.test');
    expect(store.setByKey('kimi.apiBaseUrl', 'null').accounts[0]!.apiBaseUrl).toBeNull();
    expect(openSettings({ configDir: dir, clock }).get().accounts[0]!.usageSource).toBe('api');
  });

  it('names the valid keys for an unknown or internal key', () => {
    const store = openSettings({ configDir: dir, clock });
    for (const key of ['general.nope', 'version', 'state.keychainDeniedAt', 'kimi.lastAutoSource', 'general', '']) {
      const error = expectKimiError(() => store.setByKey(key, 'x'), 'usage');
      expect(error.message).toContain('Settable keys: general.refreshCadence');
      expect(error.message).toContain('kimi.enabled, kimi.region');
      expect(error.message).toContain('general.notifications.thresholds');
      expect(error.exitCode).toBe(2);
    }
  });

  it('names the valid values for a bad value', () => {
    const store = openSettings({ configDir: dir, clock });
    expect(expectKimiError(() => store.setByKey('general.refreshCadence', '7m'), 'usage').message).toContain(
      'one of: manual, 1m, 2m, 5m, 15m, 30m, adaptive',
    );
    expect(expectKimiError(() => store.setByKey('general.launchAtLogin', 'maybe'), 'usage').message).toContain('true or false');
    expect(expectKimiError(() => store.setByKey('general.notifications.thresholds', '50,abc'), 'usage').message).toContain(
      'comma-separated numbers',
    );
    expect(expectKimiError(() => store.setByKey('general.language', 'null'), 'usage').message).toContain('one of: system, en, zh-CN');
  });

  it('leaves range checks to the schema and saves nothing on failure', () => {
    const store = openSettings({ configDir: dir, clock });
    const error = expectKimiError(() => store.setByKey('general.notifications.thresholds', '150'), 'usage');
    expect(error.message).toContain('general.notifications.thresholds');
    expect(existsSync(file)).toBe(false);
  });
});

describe('a bad file is dealt with when the store opens', () => {
  it('has the notice ready before anything reads the settings (the CLI prints it first)', () => {
    writeFileSync(file, '{corrupt');
    const store = openSettings({ configDir: dir, clock });
    const notices = store.takeNotices();
    expect(notices.map((n) => [n.reason, n.backupPath])).toEqual([['corrupt', join(dir, BACKUP)]]);
    expect(notices[0]?.message).toContain(`moved to ${join(dir, BACKUP)}`);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.takeNotices()).toEqual([]);
  });
});

describe('a settings file that cannot be read is not a bad file', () => {
  /**
   * Fails like node's fs on a file without read permission. Injected because the tests run as
   * root, which reads a `chmod 000` file regardless, so a real file cannot produce EACCES here;
   * production reads through the same port with node's fs.
   */
  function deniedReader(failOn: 'stat' | 'read'): SettingsFileReader {
    const denied = (syscall: string): never => {
      throw Object.assign(new Error(`EACCES: permission denied, ${syscall} '${file}'`), { code: 'EACCES', errno: -13, syscall, path: file });
    };
    return {
      stat: (path) => (failOn === 'stat' ? denied('stat') : statSync(path)),
      readFile: () => denied('open'),
    };
  }

  for (const failOn of ['stat', 'read'] as const) {
    it(`leaves it in place, says so once with its path, and refuses to overwrite it (EACCES on ${failOn})`, () => {
      const original = JSON.stringify({ general: { menuBarText: 'weekly' }, secretish: 'do-not-echo-me' });
      writeFileSync(file, original);
      const store = openSettings({ configDir: dir, clock, reader: deniedReader(failOn) });
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      store.get();

      const notices = store.takeNotices();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ reason: 'unreadable', backupPath: null });
      expect(notices[0]?.message).toContain(file);
      expect(notices[0]?.message).toContain('permission denied');
      expect(notices[0]?.message).not.toMatch(/UTF-8|moved to/);
      expect(notices[0]?.message).not.toContain('do-not-echo-me');

      const error = expectKimiError(() => store.setByKey('general.coloredIcon', 'true'), 'storage');
      expect(error.message).toContain(file);
      expect(error.message).toContain('cannot be read');
      expect(backups()).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe(original);
      expect(store.takeNotices()).toEqual([]);
    });
  }
});

describe('keys this KimiBar does not know survive a save', () => {
  const ISO = '2026-11-24T09:00:00.000Z';
  const onDisk = {
    __internal__: { migrations: { version: '0.1.0' } },
    version: 1,
    futureFeature: { enabled: true, level: 3 },
    kimi: { region: 'kimi.ai', futureKimiField: ['a', 'b'] },
    general: { language: 'zh-CN', notifications: { futureSound: 'chime' } },
    state: { keychainDeniedAt: { chrome: ISO, edge: ISO } },
  };

  /** electron-store as the app passes it, through the same interface (conf underneath, same file). */
  const electronStoreLike: SettingsBackendFactory = ({ cwd, name }) => {
    const conf = new Conf<Record<string, unknown>>({ cwd, configName: name });
    return {
      path: conf.path,
      get store() {
        return conf.store;
      },
      set store(value) {
        conf.store = value;
      },
    };
  };

  for (const [name, backend] of [["the CLI's own atomic writer", undefined], ['a SettingsBackend like electron-store (the app)', electronStoreLike]] as const) {
    it(`through ${name}`, () => {
      writeFileSync(file, JSON.stringify(onDisk, null, 2));
      const store = openSettings({ configDir: dir, clock, backend });
      store.setByKey('general.coloredIcon', 'true');
      store.update((draft) => {
        // A map KimiBar owns: what it removes stays removed.
        delete draft.state.keychainDeniedAt.edge;
      });

      const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(written).toMatchObject({
        __internal__: onDisk.__internal__,
        futureFeature: onDisk.futureFeature,
        accounts: [{ id: 'main', region: 'kimi.ai', futureKimiField: ['a', 'b'] }],
        general: { language: 'zh-CN', coloredIcon: true, notifications: { futureSound: 'chime', depleted: true } },
      });
      expect(written.state).toEqual({ keychainDeniedAt: { chrome: ISO } });
      expect(store.get().general.coloredIcon).toBe(true);
      expect(store.get()).not.toHaveProperty('futureFeature');
      expect(backups()).toEqual([]);
    });
  }

  it('a "__proto__" key in the file is kept as a key, never as a prototype', () => {
    writeFileSync(file, '{"__proto__":{"polluted":true},"general":{"language":"en"}}');
    const store = openSettings({ configDir: dir, clock });
    store.setByKey('general.coloredIcon', 'true');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"__proto__"');
    expect(Object.getOwnPropertyNames(JSON.parse(text))).toContain('__proto__');
  });
});

describe('a file where the config folder should be', () => {
  it('saving names the folder and what is wrong, with a typed error', () => {
    const blocker = join(dir, 'KimiBar');
    writeFileSync(blocker, 'not a folder');
    const store = openSettings({ configDir: blocker, clock });
    const [notice] = store.takeNotices();
    expect(notice?.reason).toBe('unreadable');
    const error = expectKimiError(() => store.setByKey('general.coloredIcon', 'true'), 'storage');
    expect(error.message).toBe(`KimiBar could not save its files: the folder ${blocker} cannot be created: a file with that name is in the way (move or delete it)`);
    expect(error.message).not.toMatch(/EEXIST|ENOTDIR/);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });
});

describe('setByKey never repeats what was typed', () => {
  // Not shaped like any known secret, so only not echoing it keeps it off the screen.
  const pasted = 'Zq9xR7Lm2Kp4wT8vN3bY';
  it('neither an unknown key nor a bad value', () => {
    const store = openSettings({ configDir: dir, clock });
    for (const [key, value] of [[pasted, 'x'], ['kimi.region', pasted], ['general.refreshCadence', pasted]]) {
      const error = expectKimiError(() => store.setByKey(key!, value!), 'usage');
      expect(error.message).not.toContain(pasted);
      expect(error.message).not.toContain(pasted.slice(0, 8));
    }
  });
});

// Until the user picks a region, the settings follow the Kimi Code CLI login's (the runtime
// passes it as `defaultRegion`); a pick is kept whatever the CLI does later.
describe('a region the user never picked', () => {
  function following(initial: 'kimi.com' | 'kimi.ai' | null) {
    const cli = { region: initial };
    const store = openSettings({ configDir: dir, clock, defaultRegion: () => cli.region });
    return { cli, store };
  }
  const written = (): { accounts: Array<Record<string, unknown>> } & Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as { accounts: Array<Record<string, unknown>> };

  it('follows the CLI login, before and after other settings are saved', () => {
    const { cli, store } = following('kimi.ai');
    expect(store.get().accounts[0]!.region).toBe('kimi.ai');
    expect(store.regionOrigin()).toBe('kimi-code-cli');

    store.update((draft) => void (draft.general.menuBarText = 'weekly'));
    store.setByKey('kimi.usageSource', 'api');
    // Saving other settings writes no region, so the next CLI login still decides it.
    expect(written()).toMatchObject({ general: { menuBarText: 'weekly' }, accounts: [{ usageSource: 'api' }] });
    expect(written().accounts[0]!).not.toHaveProperty('region');

    cli.region = 'kimi.com';
    expect(store.get().accounts[0]!.region).toBe('kimi.com');
    cli.region = null;
    expect(store.get().accounts[0]!.region).toBe('kimi.com');
    expect(store.regionOrigin()).toBe('default');
  });

  it('tells listeners when the CLI login moves the region', () => {
    const { cli, store } = following('kimi.com');
    const seen: string[] = [];
    store.onChange((settings) => seen.push(settings.accounts[0]!.region));
    store.get();
    cli.region = 'kimi.ai';
    store.get();
    expect(seen).toEqual(['kimi.ai']);
  });

  it('keeps a region the user picked in the settings screen, even after the CLI changes', () => {
    const { cli, store } = following('kimi.ai');
    store.update((draft) => void (draft.accounts[0]!.region = 'kimi.com'));
    expect(written()).toMatchObject({ accounts: [{ region: 'kimi.com' }] });
    cli.region = 'kimi.ai';
    expect(store.get().accounts[0]!.region).toBe('kimi.com');
    expect(store.regionOrigin()).toBe('chosen');
  });

  it('keeps `kimibar config set kimi.region` even when it names the region already followed', () => {
    const { cli, store } = following('kimi.ai');
    store.setByKey('kimi.region', 'kimi.ai');
    expect(written()).toMatchObject({ accounts: [{ region: 'kimi.ai' }] });
    cli.region = 'kimi.com';
    expect(store.get().accounts[0]!.region).toBe('kimi.ai');
  });

  it('never overrides a region the file holds (files written by earlier versions hold one)', () => {
    writeFileSync(file, JSON.stringify({ version: 1, kimi: { region: 'kimi.com' } }));
    const { store } = following('kimi.ai');
    expect(store.get().accounts[0]!.region).toBe('kimi.com');
    expect(store.regionOrigin()).toBe('chosen');
  });
});
