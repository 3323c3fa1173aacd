// A kimi.ai user's Kimi Code CLI login, end to end: the built `kimibar` in a child process,
// a HOME holding what `kimi login --region global` writes, and the real host name
// `api.kimi.ai` — resolved through the ordinary resolver, over real TLS verified against the
// test CA — reaching fake-kimi. No base-URL override is set, so nothing but KimiBar's own
// decision picks the server.
//
// How the name reaches loopback without touching the machine: the child runs in a private
// network and mount namespace (`unshare --net --mount`, as root) whose only interface is `lo`,
// with a hosts file bind-mounted over /etc/hosts naming api.kimi.ai and api.kimi.com
// 127.0.0.1; kimi-host-namespace.mjs relays its 127.0.0.1:443 to fake-kimi through a Unix
// socket (socket files cross network namespaces). Both Kimi hosts lead to the fake, so the
// Host header shows which one KimiBar chose.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { ensureTestCa, startFakeKimi, withServerNames, type FakeKimi } from '../fake-kimi/index.js';
import { BIN, cliSandbox, runProcess, type CliResult, type CliSandbox } from './run-cli.js';

const LAUNCHER = resolve(import.meta.dirname, 'kimi-host-namespace.mjs');
const GLOBAL_TOKEN = 'global-cli-access-token-0e4f';
const MAINLAND_TOKEN = 'mainland-cli-access-token-aaaa';
const GLOBAL_CONFIG = `default_model = "kimi-code/kimi-for-coding"

[providers."managed:kimi-code"]
type = "kimi"
base_url = "https://api.kimi.ai/coding/v1"
api_key = ""
oauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }
`;

let scratch: string;
let kimi: FakeKimi;
let relay: Server;
let socketPath: string;
let hostsFile: string;
let sandbox: CliSandbox;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kimibar-kimi-host-'));
  const ca = withServerNames(ensureTestCa(), scratch, 'DNS:api.kimi.ai,DNS:api.kimi.com');
  kimi = await startFakeKimi({ ca });
  const port = Number(new URL(kimi.url).port);
  socketPath = join(scratch, 'fake-kimi.sock');
  relay = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((done) => relay.listen(socketPath, done));
  hostsFile = join(scratch, 'hosts');
  writeFileSync(hostsFile, '127.0.0.1 localhost\n127.0.0.1 api.kimi.ai\n127.0.0.1 api.kimi.com\n');
});
afterAll(async () => {
  await new Promise((done) => relay.close(done));
  await kimi.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  kimi.reset();
  // No override of any Kimi host: the CLI login's own base URL must decide.
  sandbox = cliSandbox(kimi.url, { KIMI_CODE_BASE_URL: undefined, KIMIBAR_WEB_BASE_URL: undefined, KIMI_CODE_OAUTH_HOST: undefined });
});

/** `kimibar <args>` inside the private namespace where the Kimi hosts are the fake. */
function runWithKimiHosts(args: readonly string[]): Promise<CliResult> {
  return runProcess('unshare', ['--net', '--mount', process.execPath, LAUNCHER, hostsFile, socketPath, '--', process.execPath, BIN, ...args], sandbox.env);
}

interface Snapshot {
  readonly path: string;
  readonly bytes: Buffer;
  readonly mtimeMs: number;
}

/** What `kimi login --region global` leaves, plus an older mainland login beside it. */
function writeGlobalLogin(): Snapshot[] {
  const kimiHome = join(sandbox.home, '.kimi-code');
  mkdirSync(join(kimiHome, 'credentials'), { recursive: true, mode: 0o700 });
  const files = {
    [join(kimiHome, 'config.toml')]: GLOBAL_CONFIG,
    [join(kimiHome, 'credentials', 'kimi-code-env-0e4f99c69cc27850.json')]: `${JSON.stringify({ access_token: GLOBAL_TOKEN, refresh_token: 'global-refresh', expires_at: Math.floor(Date.now() / 1000) + 900, scope: 'kimi-code', token_type: 'Bearer', expires_in: 900 }, null, 2)}\n`,
    [join(kimiHome, 'credentials', 'kimi-code.json')]: JSON.stringify({ access_token: MAINLAND_TOKEN, refresh_token: 'mainland-refresh', expires_at: Math.floor(Date.now() / 1000) + 900 }),
  };
  const old = new Date('2026-01-01T00:00:00Z');
  return Object.entries(files).map(([path, text]) => {
    writeFileSync(path, text, { mode: 0o600 });
    utimesSync(path, old, old);
    return { path, bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
  });
}

function expectUnchanged(files: readonly Snapshot[]): void {
  for (const file of files) {
    expect(readFileSync(file.path).equals(file.bytes), file.path).toBe(true);
    expect(statSync(file.path).mtimeMs, file.path).toBe(file.mtimeMs);
  }
}

describe('a `kimi login --region global` login', () => {
  it('is read from its own file and its token goes to api.kimi.ai, never api.kimi.com', async () => {
    const files = writeGlobalLogin();
    const etcHosts = readFileSync('/etc/hosts', 'utf8');

    const result = await runWithKimiHosts(['usage', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const snapshot = UsageSnapshotSchema.parse(JSON.parse(result.stdout));
    expect(snapshot.source).toEqual({ kind: 'kimi-cli', label: 'Kimi Code CLI' });

    expect(kimi.requests.map((request) => [request.headers.host, request.method, request.path])).toEqual([['api.kimi.ai', 'GET', '/coding/v1/usages']]);
    expect(kimi.requests[0]?.headers.authorization).toBe(`Bearer ${GLOBAL_TOKEN}`);
    expect(kimi.requestsCarrying(MAINLAND_TOKEN)).toEqual([]);
    expectUnchanged(files);
    // The namespace kept its hosts file to itself.
    expect(readFileSync('/etc/hosts', 'utf8')).toBe(etcHosts);
  });

  it('kimibar status names the login, its server and the region it brings', async () => {
    const files = writeGlobalLogin();
    const result = await runWithKimiHosts(['status']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Region: kimi.ai (from the Kimi Code CLI login)');
    expect(result.stdout).toMatch(/✓ Kimi Code CLI\s+\S+\/\.kimi-code\/credentials\/kimi-code-env-0e4f99c69cc27850\.json for https:\/\/api\.kimi\.ai\/coding\/v1 \(expires /);
    expect(result.stdout).toContain('would use: Kimi Code CLI');
    expect(result.stdout).not.toContain(GLOBAL_TOKEN);
    expect(kimi.requests).toEqual([]);
    expectUnchanged(files);
  });

  it('a revoked global login says to sign in again, and nothing is sent', async () => {
    const files = writeGlobalLogin();
    const tokenFile = files[1]!.path;
    writeFileSync(tokenFile, JSON.stringify({ access_token: '', refresh_token: '', expires_at: 0, scope: 'kimi-code', token_type: 'Bearer', expires_in: 0 }));
    const result = await runWithKimiHosts(['usage', '--source', 'cli']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('No usable Kimi Code CLI login found: the CLI login was signed out — sign in again with `kimi login`');
    expect(kimi.requests).toEqual([]);
  });
});
