import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppPaths } from '../../../src/main/core/ports.js';
import { identityHeaders, loadDeviceId, systemDeviceFacts, type DeviceFacts } from '../../../src/main/core/kimi/identity.js';

const MAC: DeviceFacts = { hostname: 'studio.local', osName: 'macOS', osRelease: '24.1.0', osVersion: 'Darwin Kernel Version 24.1.0', arch: 'arm64' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('identityHeaders', () => {
  it('names KimiBar, its version and the machine', () => {
    expect(identityHeaders({ appVersion: '0.1.0', device: MAC, deviceId: 'c0ffee00-0000-4000-8000-000000000001' })).toEqual({
      'User-Agent': 'KimiBar/0.1.0',
      'X-Msh-Platform': 'kimibar',
      'X-Msh-Version': '0.1.0',
      'X-Msh-Device-Name': 'studio.local',
      'X-Msh-Device-Model': 'macOS 24.1.0 arm64',
      'X-Msh-Os-Version': 'Darwin Kernel Version 24.1.0',
      'X-Msh-Device-Id': 'c0ffee00-0000-4000-8000-000000000001',
    });
  });

  it('keeps header values to printable ASCII and never empty', () => {
    const headers = identityHeaders({
      appVersion: '0.1.0',
      device: { ...MAC, hostname: 'Jürgens MacBook\r\nX-Evil: 1', osVersion: '' },
      deviceId: 'id',
    });
    expect(headers['X-Msh-Device-Name']).toBe('J rgens MacBook X-Evil: 1');
    expect(headers['X-Msh-Os-Version']).toBe('unknown');
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\x20-\x7e]+$/);
  });

  it('reads real facts from this machine', () => {
    const facts = systemDeviceFacts();
    expect(facts.osName).toBe(process.platform === 'linux' ? 'Linux' : expect.any(String));
    expect(facts.arch).toBe(process.arch);
    expect(facts.hostname.length).toBeGreaterThan(0);
  });
});

describe('loadDeviceId', () => {
  let root: string;
  let paths: AppPaths;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kimibar-identity-'));
    paths = { home: join(root, 'home'), configDir: join(root, 'config', 'KimiBar') };
    mkdirSync(paths.home, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const cliIdPath = (): string => join(paths.home, '.kimi-code', 'device_id');
  const writeCliId = (text: string): void => {
    mkdirSync(join(paths.home, '.kimi-code'), { recursive: true });
    writeFileSync(cliIdPath(), text);
  };

  it("reuses the Kimi Code CLI's id without touching its file", async () => {
    writeCliId('8F14E45F-CEEA-467F-A0E6-1234567890AB\n');
    const before = statSync(cliIdPath()).mtimeMs;
    expect(await loadDeviceId({ paths })).toBe('8f14e45f-ceea-467f-a0e6-1234567890ab');
    expect(readFileSync(cliIdPath(), 'utf8')).toBe('8F14E45F-CEEA-467F-A0E6-1234567890AB\n');
    expect(statSync(cliIdPath()).mtimeMs).toBe(before);
    expect(() => statSync(join(paths.configDir, 'device_id'))).toThrow();
  });

  it('reads the id from the CLI home KIMI_CODE_HOME moves it to, not ~/.kimi-code', async () => {
    writeCliId('11111111-1111-4111-8111-111111111111');
    const moved = join(root, 'kimi-home');
    mkdirSync(moved);
    writeFileSync(join(moved, 'device_id'), '22222222-2222-4222-8222-222222222222\n');
    expect(await loadDeviceId({ paths, kimiCodeHome: moved })).toBe('22222222-2222-4222-8222-222222222222');
  });

  it("accepts the CLI's 32-hex-digit form", async () => {
    writeCliId('8f14e45fceea467fa0e61234567890ab');
    expect(await loadDeviceId({ paths })).toBe('8f14e45fceea467fa0e61234567890ab');
  });

  it('creates its own lowercase id once (0600) and reuses it', async () => {
    const first = await loadDeviceId({ paths });
    expect(first).toMatch(UUID);
    const file = join(paths.configDir, 'device_id');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadDeviceId({ paths, newId: () => 'ffffffff-ffff-4fff-8fff-ffffffffffff' })).toBe(first);
  });

  it.each(['not-a-uuid', '', '8f14e45f-ceea-467f-a0e6-1234567890ab trailing', 'x'.repeat(10_000)])(
    'ignores an invalid CLI id (%#) and uses its own',
    async (text) => {
      writeCliId(text);
      expect(await loadDeviceId({ paths, newId: () => 'AAAAAAAA-0000-4000-8000-000000000000' })).toBe('aaaaaaaa-0000-4000-8000-000000000000');
      expect(readFileSync(cliIdPath(), 'utf8')).toBe(text);
    },
  );

  it('replaces its own file when it holds garbage', async () => {
    mkdirSync(paths.configDir, { recursive: true });
    writeFileSync(join(paths.configDir, 'device_id'), 'garbage');
    expect(await loadDeviceId({ paths, newId: () => 'bbbbbbbb-0000-4000-8000-000000000000' })).toBe('bbbbbbbb-0000-4000-8000-000000000000');
    expect(readFileSync(join(paths.configDir, 'device_id'), 'utf8').trim()).toBe('bbbbbbbb-0000-4000-8000-000000000000');
  });

  it('is not held by a FIFO at either path: its own id replaces the one at its own path', async () => {
    // Opening a FIFO for reading waits for a writer; nothing would ever come.
    mkdirSync(join(paths.home, '.kimi-code'), { recursive: true });
    execFileSync('mkfifo', [cliIdPath()]);
    mkdirSync(paths.configDir, { recursive: true });
    const ownPath = join(paths.configDir, 'device_id');
    execFileSync('mkfifo', [ownPath]);
    expect(await loadDeviceId({ paths, newId: () => 'dddddddd-0000-4000-8000-000000000000' })).toBe('dddddddd-0000-4000-8000-000000000000');
    expect(statSync(ownPath).isFile()).toBe(true);
    expect(statSync(cliIdPath()).isFIFO()).toBe(true);
  });

  it('takes the id another process saved between its look and its own save', async () => {
    const ownPath = join(paths.configDir, 'device_id');
    // newId runs after both files were found missing: the other process saves its id then.
    const newId = (): string => {
      mkdirSync(paths.configDir, { recursive: true });
      writeFileSync(ownPath, 'eeeeeeee-0000-4000-8000-000000000000\n');
      return 'ffffffff-0000-4000-8000-000000000000';
    };
    expect(await loadDeviceId({ paths, newId })).toBe('eeeeeeee-0000-4000-8000-000000000000');
    expect(readFileSync(ownPath, 'utf8')).toBe('eeeeeeee-0000-4000-8000-000000000000\n');
    expect(readdirSync(paths.configDir)).toEqual(['device_id']);
  });

  it('gives concurrent first runs the same id', async () => {
    let n = 0;
    const ids = await Promise.all(
      Array.from({ length: 4 }, () => loadDeviceId({ paths, newId: () => `cccccccc-0000-4000-8000-00000000000${(n += 1)}` })),
    );
    expect(new Set(ids).size).toBe(1);
    expect(readdirSync(paths.configDir)).toEqual(['device_id']);
  });
});
