import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { findCliCredential } from '../../../src/main/core/auth/cli-credential.js';
import { slotKey } from '../../../src/main/core/auth/cli-login.js';

const now = new Date('2026-11-24T10:00:00Z');
const nowSeconds = now.getTime() / 1000;
const MAINLAND = 'https://api.kimi.com/coding/v1';
const GLOBAL = 'https://api.kimi.ai/coding/v1';
const GLOBAL_FILE = 'kimi-code-env-0e4f99c69cc27850.json';
const GLOBAL_CONFIG = `[providers."managed:kimi-code"]
type = "kimi"
base_url = "${GLOBAL}"
api_key = ""
oauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }
`;
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-cli-cred-'));
});

function writeCredential(dir: string, body: unknown, name = 'kimi-code.json'): string {
  const path = join(dir, 'credentials', name);
  mkdirSync(join(dir, 'credentials'), { recursive: true });
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

function writeConfig(dir: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'config.toml');
  writeFileSync(path, text);
  return path;
}

const token = (accessToken: string, expiresIn = 900) => ({ access_token: accessToken, refresh_token: 'rotating', expires_at: nowSeconds + expiresIn, scope: 'kimi-code', token_type: 'Bearer', expires_in: 900 });

describe('findCliCredential', () => {
  it.each([
    ['$KIMI_CODE_HOME', (h: string) => join(h, 'custom-home'), (h: string) => ({ KIMI_CODE_HOME: join(h, 'custom-home') })],
    ['~/.kimi-code', (h: string) => join(h, '.kimi-code'), () => ({})],
    ['~/.kimi (older layout)', (h: string) => join(h, '.kimi'), () => ({})],
  ])('reads the mainland login from %s, for the mainland base URL', async (_name, dirOf, envOf) => {
    const path = writeCredential(dirOf(home), { ...token('cli-access-token'), expires_at: nowSeconds + 900.5 });
    const found = await findCliCredential(envOf(home), home, now);
    expect(found).toEqual({
      status: 'found',
      credential: { token: 'cli-access-token', path, expiresAt: new Date((nowSeconds + 900.5) * 1000), baseUrl: MAINLAND },
    });
  });

  it('reads a `kimi login --region global` login from the file config.toml names, for api.kimi.ai', async () => {
    const kimiHome = join(home, '.kimi-code');
    writeConfig(kimiHome, GLOBAL_CONFIG);
    const path = writeCredential(kimiHome, token('global-access-token'), GLOBAL_FILE);
    // A mainland login beside it belongs to the other server: never picked for this one.
    writeCredential(kimiHome, token('mainland-access-token'));
    const found = await findCliCredential({}, home, now);
    expect(found).toMatchObject({ status: 'found', credential: { token: 'global-access-token', path, baseUrl: GLOBAL } });
  });

  it('a global login whose file is gone is missing, not the mainland login beside it', async () => {
    const kimiHome = join(home, '.kimi-code');
    writeConfig(kimiHome, GLOBAL_CONFIG);
    writeCredential(kimiHome, token('mainland-access-token'));
    writeCredential(join(home, '.kimi'), token('older-access-token'));
    expect(await findCliCredential({}, home, now)).toEqual({ status: 'missing', path: join(kimiHome, 'credentials', GLOBAL_FILE) });
  });

  it('with KIMI_CODE_HOME set, ~/.kimi-code is not read (the CLI does not read it either)', async () => {
    writeCredential(join(home, '.kimi-code'), token('other-home-token'));
    const moved = join(home, 'moved');
    expect(await findCliCredential({ KIMI_CODE_HOME: moved }, home, now)).toMatchObject({ status: 'missing', path: join(moved, 'credentials', 'kimi-code.json') });
  });

  it('follows the environment overrides to their own slot', async () => {
    const kimiHome = join(home, '.kimi-code');
    const path = writeCredential(kimiHome, token('global-access-token'), GLOBAL_FILE);
    writeCredential(kimiHome, token('mainland-access-token'));
    const env = { KIMI_CODE_BASE_URL: GLOBAL, KIMI_CODE_OAUTH_HOST: 'https://auth.kimi.ai' };
    expect(await findCliCredential(env, home, now)).toMatchObject({ status: 'found', credential: { token: 'global-access-token', path, baseUrl: GLOBAL } });
  });

  it('refuses a login for a server that is not Kimi’s, without returning its token', async () => {
    const kimiHome = join(home, '.kimi-code');
    const devBase = 'https://api.dev.example.test/coding/v1';
    writeConfig(kimiHome, GLOBAL_CONFIG.replace(GLOBAL, devBase));
    const name = `${slotKey('https://auth.kimi.ai', devBase).slice('oauth/'.length)}.json`;
    const path = writeCredential(kimiHome, token('dev-access-token'), name);
    const found = await findCliCredential({}, home, now);
    expect(found).toEqual({ status: 'refused', path, baseUrl: devBase });
    expect(JSON.stringify(found)).not.toContain('dev-access-token');
  });

  it('leaves every file exactly as it was: same bytes, same mtime (the CLI owns them)', async () => {
    const kimiHome = join(home, '.kimi-code');
    const configPath = writeConfig(kimiHome, GLOBAL_CONFIG);
    const body = `{"access_token":"cli-access-token","refresh_token":"rotating","expires_at":${nowSeconds + 900}}\n`;
    const path = writeCredential(kimiHome, body, GLOBAL_FILE);
    writeFileSync(join(kimiHome, 'region'), 'global\n');
    const files = [path, configPath, join(kimiHome, 'region')];
    const old = new Date('2026-01-01T00:00:00Z');
    for (const file of files) utimesSync(file, old, old);
    const before = files.map((file) => ({ bytes: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs }));

    await findCliCredential({}, home, now);
    await findCliCredential({}, home, new Date(now.getTime() + 10 * 60_000)); // expired by then: still no rewrite

    expect(files.map((file) => ({ bytes: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs }))).toEqual(before);
  });

  it('skips a token that expires within a minute', async () => {
    writeCredential(join(home, '.kimi-code'), { access_token: 't', expires_at: nowSeconds + 59 });
    expect(await findCliCredential({}, home, now)).toMatchObject({ status: 'expired', baseUrl: MAINLAND });
  });

  it('accepts expires_at as a numeric string', async () => {
    writeCredential(join(home, '.kimi-code'), { access_token: 't', expires_at: `${nowSeconds + 3600}` });
    expect((await findCliCredential({}, home, now)).status).toBe('found');
  });

  it('reads the tombstone of a refused refresh as a revoked login, not as a damaged file', async () => {
    // What the CLI writes when its refresh token is rejected (token-state.ts).
    const path = writeCredential(join(home, '.kimi-code'), { access_token: '', refresh_token: '', expires_at: 0, scope: 'kimi-code', token_type: 'Bearer', expires_in: 0 });
    expect(await findCliCredential({}, home, now)).toEqual({ status: 'revoked', path, baseUrl: MAINLAND });
  });

  it('reports missing, naming the file the CLI would read', async () => {
    expect(await findCliCredential({}, home, now)).toEqual({ status: 'missing', path: join(home, '.kimi-code', 'credentials', 'kimi-code.json') });
  });

  it.each([
    ['not JSON', '{nope', 'not valid JSON'],
    ['no token', { expires_at: nowSeconds + 900 }, 'no access_token / expires_at'],
    ['a token without expiry', { access_token: 't' }, 'no access_token / expires_at'],
    ['an absurd expiry', { access_token: 't', expires_at: 1e300 }, 'expires_at is not a time'],
    ['a huge file', 'x'.repeat(70_000), 'too large to be a credential file'],
  ])('reports an unreadable file (%s) without its contents', async (_name, body, reason) => {
    writeCredential(join(home, '.kimi-code'), body);
    const found = await findCliCredential({}, home, now);
    expect(found).toMatchObject({ status: 'unreadable', reason });
  });

  it('reports a garbled config.toml instead of falling back to another login', async () => {
    const kimiHome = join(home, '.kimi-code');
    const configPath = writeConfig(kimiHome, '[providers."managed:kimi-code"\n');
    writeCredential(kimiHome, token('mainland-access-token'));
    expect(await findCliCredential({}, home, now)).toEqual({ status: 'unreadable', path: configPath, reason: 'not valid TOML' });
  });

  it('never follows an oauth.key out of credentials/, even to a valid token', async () => {
    const kimiHome = join(home, '.kimi-code');
    writeFileSync(join(home, 'planted.json'), JSON.stringify(token('planted-token')));
    const configPath = writeConfig(kimiHome, '[providers."managed:kimi-code"]\ntype = "kimi"\noauth = { storage = "file", key = "oauth/../../planted" }\n');
    const found = await findCliCredential({}, home, now);
    expect(found).toEqual({ status: 'unreadable', path: configPath, reason: 'oauth.key names a file outside credentials/ (not followed)' });
  });

  it('does not hang on a FIFO planted at the path', async () => {
    mkdirSync(join(home, '.kimi-code', 'credentials'), { recursive: true });
    execFileSync('mkfifo', [join(home, '.kimi-code', 'credentials', 'kimi-code.json')]);
    expect(await findCliCredential({}, home, now)).toMatchObject({ status: 'unreadable', reason: 'not a regular file' });
  });

  it('reports a file it may not read', async () => {
    const path = writeCredential(join(home, '.kimi-code'), { access_token: 't', expires_at: nowSeconds + 900 });
    chmodSync(path, 0o000);
    const found = await findCliCredential({}, home, now);
    // root reads any file; everyone else is refused.
    expect(found.status).toBe(process.getuid?.() === 0 ? 'found' : 'unreadable');
  });
});
