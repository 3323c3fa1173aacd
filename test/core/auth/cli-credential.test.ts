import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliCredentialPaths, findCliCredential } from '../../../src/main/core/auth/cli-credential.js';

const now = new Date('2026-11-24T10:00:00Z');
const nowSeconds = now.getTime() / 1000;
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-cli-cred-'));
});

function writeCredential(dir: string, body: unknown): string {
  const path = join(dir, 'credentials', 'kimi-code.json');
  mkdirSync(join(dir, 'credentials'), { recursive: true });
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('cliCredentialPaths', () => {
  it('prefers $KIMI_CODE_HOME, then ~/.kimi-code, then the older ~/.kimi', () => {
    expect(cliCredentialPaths({ KIMI_CODE_HOME: '/opt/kc' }, '/home/u')).toEqual([
      '/opt/kc/credentials/kimi-code.json',
      '/home/u/.kimi-code/credentials/kimi-code.json',
      '/home/u/.kimi/credentials/kimi-code.json',
    ]);
    expect(cliCredentialPaths({}, '/home/u')).toHaveLength(2);
  });
});

describe('findCliCredential', () => {
  it.each([
    ['$KIMI_CODE_HOME', (h: string) => join(h, 'custom-home'), (h: string) => ({ KIMI_CODE_HOME: join(h, 'custom-home') })],
    ['~/.kimi-code', (h: string) => join(h, '.kimi-code'), () => ({})],
    ['~/.kimi (older layout)', (h: string) => join(h, '.kimi'), () => ({})],
  ])('reads the token from %s', async (_name, dirOf, envOf) => {
    const path = writeCredential(dirOf(home), { access_token: 'cli-access-token', refresh_token: 'r', expires_at: nowSeconds + 900.5 });
    const found = await findCliCredential(envOf(home), home, now);
    expect(found).toEqual({
      status: 'found',
      credential: { token: 'cli-access-token', path, expiresAt: new Date((nowSeconds + 900.5) * 1000) },
    });
  });

  it('leaves the file exactly as it was: same bytes, same mtime (the CLI owns it)', async () => {
    const body = `{"access_token":"cli-access-token","refresh_token":"rotating","expires_at":${nowSeconds + 900}}\n`;
    const path = writeCredential(join(home, '.kimi-code'), body);
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, old, old);
    const before = statSync(path);

    await findCliCredential({}, home, now);
    await findCliCredential({}, home, new Date(now.getTime() + 10 * 60_000)); // expired by then: still no rewrite

    expect(readFileSync(path, 'utf8')).toBe(body);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(path).size).toBe(before.size);
  });

  it('skips a token that expires within a minute', async () => {
    writeCredential(join(home, '.kimi-code'), { access_token: 't', expires_at: nowSeconds + 59 });
    expect((await findCliCredential({}, home, now)).status).toBe('expired');
  });

  it('accepts expires_at as a numeric string', async () => {
    writeCredential(join(home, '.kimi-code'), { access_token: 't', expires_at: `${nowSeconds + 3600}` });
    expect((await findCliCredential({}, home, now)).status).toBe('found');
  });

  it('reports missing when no file exists', async () => {
    expect(await findCliCredential({}, home, now)).toEqual({ status: 'missing' });
  });

  it.each([
    ['not JSON', '{nope', 'not valid JSON'],
    ['no token', { expires_at: nowSeconds + 900 }, 'no access_token / expires_at'],
    ['an empty token', { access_token: '', expires_at: nowSeconds + 900 }, 'no access_token / expires_at'],
    ['an absurd expiry', { access_token: 't', expires_at: 1e300 }, 'expires_at is not a time'],
    ['a huge file', 'x'.repeat(70_000), 'too large to be a credential file'],
  ])('reports an unreadable file (%s) without its contents', async (_name, body, reason) => {
    writeCredential(join(home, '.kimi-code'), body);
    const found = await findCliCredential({}, home, now);
    expect(found).toMatchObject({ status: 'unreadable', reason });
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
