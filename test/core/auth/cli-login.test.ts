// Which login the Kimi Code CLI would use, decided as the CLI decides it (its
// `resolveKimiCodeRuntimeAuth`, `resolveKimiCodeOAuthKey` and `resolveKimiRegion`): the
// environment overrides, then config.toml, then the defaults; the region marker only for the
// region. Real files in a temporary home.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliRegion, kimiCodeHome, readCliConfig, regionCliLogin, resolveCliLogin, slotKey } from '../../../src/main/core/auth/cli-login.js';

/** The file `kimi login --region global` writes (docs/kimi-api.md). */
const GLOBAL_FILE = 'kimi-code-env-0e4f99c69cc27850.json';
const GLOBAL_CONFIG = `
default_model = "kimi-code/kimi-for-coding"

[providers."managed:kimi-code"]
type = "kimi"
base_url = "https://api.kimi.ai/coding/v1"
api_key = ""
oauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }

[models."kimi-code/kimi-for-coding"]
provider = "managed:kimi-code"
model = "kimi-for-coding"
max_context_size = 262144
`;

let home: string;
let kimiHome: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-cli-login-'));
  kimiHome = join(home, '.kimi-code');
  mkdirSync(kimiHome, { recursive: true });
});

const writeConfig = (text: string, dir = kimiHome): void => writeFileSync(join(dir, 'config.toml'), text);
const managed = (lines: string): string => `[providers."managed:kimi-code"]\ntype = "kimi"\n${lines}\n`;
const credentials = (name: string, dir = kimiHome): string => join(dir, 'credentials', name);

describe('slotKey', () => {
  it('is the default slot for the mainland pair, however it is spelled', () => {
    expect(slotKey(undefined, undefined)).toBe('oauth/kimi-code');
    expect(slotKey(' https://auth.kimi.com/ ', 'https://api.kimi.com/coding/v1//')).toBe('oauth/kimi-code');
  });

  it('names the global login kimi-code-env-0e4f99c69cc27850', () => {
    expect(slotKey('https://auth.kimi.ai', 'https://api.kimi.ai/coding/v1')).toBe('oauth/kimi-code-env-0e4f99c69cc27850');
    expect(slotKey('https://auth.kimi.ai/', 'https://api.kimi.ai/coding/v1/')).toBe('oauth/kimi-code-env-0e4f99c69cc27850');
  });

  it('gives every other pair its own slot (the host alone or the base alone differs)', () => {
    const keys = new Set([
      slotKey('https://auth.kimi.ai', undefined),
      slotKey(undefined, 'https://api.kimi.ai/coding/v1'),
      slotKey('https://auth.kimi.ai', 'https://api.kimi.ai/coding/v1'),
      slotKey(undefined, undefined),
    ]);
    expect(keys.size).toBe(4);
    for (const key of keys) expect(key).toMatch(/^oauth\/kimi-code(-env-[0-9a-f]{16})?$/);
  });
});

describe('regionCliLogin (an account set to the CLI login names the login by its Region)', () => {
  it('kimi.com: the mainland default slot, then the older layout; kimi.ai: the global slot, no fallback', () => {
    expect(regionCliLogin({}, home, 'kimi.com')).toEqual({
      kind: 'place',
      place: { path: credentials('kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1', decidedBy: 'region' },
      fallback: { path: join(home, '.kimi', 'credentials', 'kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1', decidedBy: 'older layout' },
    });
    expect(regionCliLogin({}, home, 'kimi.ai')).toEqual({
      kind: 'place',
      place: { path: credentials(GLOBAL_FILE), baseUrl: 'https://api.kimi.ai/coding/v1', decidedBy: 'region' },
      fallback: null,
    });
  });

  it('is not moved by config.toml or the environment (they choose the CLI’s current login, for Auto)', () => {
    writeConfig(GLOBAL_CONFIG);
    const env = { KIMI_CODE_BASE_URL: 'https://api.kimi.ai/coding/v1', KIMI_CODE_OAUTH_HOST: 'https://auth.kimi.ai' };
    expect(regionCliLogin(env, home, 'kimi.com')).toMatchObject({ place: { path: credentials('kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1' } });
    // Even a config.toml the CLI could not start with: the Region alone names the file.
    writeConfig('oauth = {');
    expect(regionCliLogin({}, home, 'kimi.ai')).toMatchObject({ place: { path: credentials(GLOBAL_FILE) } });
  });

  it('follows KIMI_CODE_HOME', () => {
    const moved = join(home, 'elsewhere');
    expect(regionCliLogin({ KIMI_CODE_HOME: moved }, home, 'kimi.ai')).toMatchObject({ place: { path: credentials(GLOBAL_FILE, moved) } });
  });
});

describe('resolveCliLogin', () => {
  it('without config.toml: the mainland default slot, then the older ~/.kimi layout', () => {
    expect(resolveCliLogin({}, home)).toEqual({
      kind: 'place',
      place: { path: credentials('kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1', decidedBy: 'default' },
      fallback: { path: join(home, '.kimi', 'credentials', 'kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1', decidedBy: 'older layout' },
    });
  });

  it('a global login named in config.toml: its own file and its own base URL, no fallback', () => {
    writeConfig(GLOBAL_CONFIG);
    expect(resolveCliLogin({}, home)).toEqual({
      kind: 'place',
      place: { path: credentials(GLOBAL_FILE), baseUrl: 'https://api.kimi.ai/coding/v1', decidedBy: 'config.toml' },
      fallback: null,
    });
  });

  it('config.toml without the managed provider (or with an entry the CLI would drop) is the default', () => {
    writeConfig('[providers.openai]\ntype = "openai"\nbase_url = "https://api.openai.com/v1"\n');
    expect(resolveCliLogin({}, home)).toMatchObject({ place: { path: credentials('kimi-code.json'), decidedBy: 'default' } });
    // `base_url = 5` fails the CLI's schema, which then ignores the whole entry.
    writeConfig(managed('base_url = 5\noauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }'));
    expect(resolveCliLogin({}, home)).toMatchObject({ place: { path: credentials('kimi-code.json'), baseUrl: 'https://api.kimi.com/coding/v1' } });
    writeConfig('');
    expect(resolveCliLogin({}, home)).toMatchObject({ place: { path: credentials('kimi-code.json') } });
  });

  it('a configured key that is not the computed slot is replaced by the computed one, as the CLI does', () => {
    writeConfig(managed('base_url = "https://api.kimi.ai/coding/v1"\noauth = { storage = "file", key = "oauth/kimi-code", oauth_host = "https://auth.kimi.ai" }'));
    expect(resolveCliLogin({}, home)).toMatchObject({ place: { path: credentials(GLOBAL_FILE), baseUrl: 'https://api.kimi.ai/coding/v1' } });
  });

  it('KIMI_CODE_BASE_URL and KIMI_CODE_OAUTH_HOST win over config.toml and pick their own slot', () => {
    writeConfig(GLOBAL_CONFIG);
    const env = { KIMI_CODE_BASE_URL: 'https://api.kimi.ai/coding/v1/', KIMI_CODE_OAUTH_HOST: 'https://auth.kimi.ai' };
    expect(resolveCliLogin(env, home)).toMatchObject({
      place: { path: credentials(GLOBAL_FILE), baseUrl: 'https://api.kimi.ai/coding/v1', decidedBy: 'environment' },
      fallback: null,
    });
    // The base alone: the OAuth host is the default (not config.toml's), so another slot.
    const baseOnly = resolveCliLogin({ KIMI_CODE_BASE_URL: 'https://api.kimi.ai/coding/v1' }, home);
    const expected = `${slotKey(undefined, 'https://api.kimi.ai/coding/v1').slice('oauth/'.length)}.json`;
    expect(baseOnly).toMatchObject({ place: { path: credentials(expected), baseUrl: 'https://api.kimi.ai/coding/v1' } });
    expect(expected).not.toBe(GLOBAL_FILE);
  });

  it('an OAuth host override alone keeps config.toml’s base URL; KIMI_OAUTH_HOST is read too', () => {
    writeConfig(managed('base_url = "https://api.kimi.ai/coding/v1"'));
    for (const env of [{ KIMI_CODE_OAUTH_HOST: 'https://auth.kimi.ai' }, { KIMI_OAUTH_HOST: 'https://auth.kimi.ai' }]) {
      expect(resolveCliLogin(env, home)).toMatchObject({ place: { path: credentials(GLOBAL_FILE), baseUrl: 'https://api.kimi.ai/coding/v1' } });
    }
  });

  it('blank overrides count as unset', () => {
    writeConfig(GLOBAL_CONFIG);
    expect(resolveCliLogin({ KIMI_CODE_BASE_URL: ' ', KIMI_CODE_OAUTH_HOST: '' }, home)).toMatchObject({
      place: { path: credentials(GLOBAL_FILE), decidedBy: 'config.toml' },
    });
  });

  it('KIMI_CODE_HOME moves the whole home: config.toml and credentials come from there only', () => {
    const moved = join(home, 'elsewhere');
    mkdirSync(moved);
    writeConfig(GLOBAL_CONFIG, moved);
    writeConfig(managed('base_url = "https://api.kimi.com/coding/v1"')); // ~/.kimi-code is not read
    expect(kimiCodeHome({ KIMI_CODE_HOME: moved }, home)).toBe(moved);
    expect(kimiCodeHome({ KIMI_CODE_HOME: '' }, home)).toBe(kimiHome);
    expect(resolveCliLogin({ KIMI_CODE_HOME: moved }, home)).toMatchObject({ place: { path: credentials(GLOBAL_FILE, moved) } });
  });

  it.each([
    ['a parent directory', 'oauth/../../.ssh/id_rsa'],
    ['a bare parent directory', '../kimi-code'],
    ['an absolute path', '/etc/passwd'],
    ['an absolute path after the prefix', 'oauth//etc/passwd'],
    ['a Windows path', 'oauth/C:\\Users\\x\\token'],
    ['a hidden file', 'oauth/.kimi-code'],
    ['an empty name', 'oauth/'],
    ['a subfolder', 'oauth/sub/kimi-code'],
  ])('refuses an oauth.key naming %s, and says so', (_name, key) => {
    writeConfig(managed(`oauth = { storage = "file", key = ${JSON.stringify(key)} }`));
    expect(resolveCliLogin({}, home)).toEqual({
      kind: 'unreadable',
      path: join(kimiHome, 'config.toml'),
      reason: 'oauth.key names a file outside credentials/ (not followed)',
    });
  });

  it.each([
    ['not TOML', '[providers."managed:kimi-code"\nbase_url = ', 'not valid TOML'],
    ['a duplicate table', '[a]\nx = 1\n[a]\nx = 2\n', 'not valid TOML'],
    ['deeply nested', `x = ${'['.repeat(200)}${']'.repeat(200)}\n`, 'not valid TOML'],
    ['too large', `# ${'x'.repeat(1024 * 1024)}\n`, 'too large to be a config file'],
  ])('reports a config.toml that is %s instead of guessing a login', (_name, text, reason) => {
    writeConfig(text);
    expect(resolveCliLogin({}, home)).toEqual({ kind: 'unreadable', path: join(kimiHome, 'config.toml'), reason });
  });

  it('does not hang on a FIFO planted as config.toml', () => {
    execFileSync('mkfifo', [join(kimiHome, 'config.toml')]);
    expect(readCliConfig(kimiHome)).toMatchObject({ kind: 'unreadable', reason: 'not a regular file' });
  });

  it('drops __proto__ keys instead of letting them reach an object', () => {
    writeConfig(`[providers."__proto__"]\ntype = "x"\n${managed('base_url = "https://api.kimi.ai/coding/v1"')}`);
    const read = readCliConfig(kimiHome);
    expect(read).toMatchObject({ kind: 'ok', provider: { base_url: 'https://api.kimi.ai/coding/v1' } });
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

describe('cliRegion', () => {
  const marker = (text: string): void => writeFileSync(join(kimiHome, 'region'), text);

  it('is null when the CLI has said nothing', () => {
    expect(cliRegion({}, home)).toBeNull();
    expect(cliRegion({}, join(home, 'no-such-home'))).toBeNull();
  });

  it('follows the OAuth host of the login in config.toml', () => {
    writeConfig(GLOBAL_CONFIG);
    expect(cliRegion({}, home)).toBe('kimi.ai');
    marker('mainland-cn\n'); // a login outranks the install marker
    expect(cliRegion({}, home)).toBe('kimi.ai');
  });

  it('reads a default-slot login as mainland China, above the marker', () => {
    writeConfig(managed('base_url = "https://api.kimi.com/coding/v1"\noauth = { storage = "file", key = "oauth/kimi-code" }'));
    marker('global\n');
    expect(cliRegion({}, home)).toBe('kimi.com');
  });

  it('falls back to the install marker before the first login, unless KIMI_CODE_REGION_MARKER=off', () => {
    marker('global\n');
    expect(cliRegion({}, home)).toBe('kimi.ai');
    expect(cliRegion({ KIMI_CODE_REGION_MARKER: 'off' }, home)).toBeNull();
    marker('mainland-cn');
    expect(cliRegion({}, home)).toBe('kimi.com');
    marker('somewhere');
    expect(cliRegion({}, home)).toBeNull();
    marker(`global${' '.repeat(100)}`); // longer than any marker: not read
    expect(cliRegion({}, home)).toBeNull();
  });

  it('an OAuth host override decides first; a host of neither region says nothing', () => {
    writeConfig(GLOBAL_CONFIG);
    expect(cliRegion({ KIMI_CODE_OAUTH_HOST: 'https://auth.kimi.com/' }, home)).toBe('kimi.com');
    expect(cliRegion({ KIMI_OAUTH_HOST: 'https://auth.kimi.ai' }, home)).toBe('kimi.ai');
    expect(cliRegion({ KIMI_CODE_OAUTH_HOST: 'https://127.0.0.1:4444' }, home)).toBeNull();
  });

  it('says nothing from a garbled config.toml', () => {
    writeConfig('oauth = {');
    marker('global');
    expect(cliRegion({}, home)).toBeNull();
  });
});
