import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMacKeychainReader, createSecretToolReader } from '../../../src/main/core/cookies/keychain.js';
import { startPrivateKeyring } from '../../fixtures/cookies/keyring.js';
import type { PrivateKeyring } from '../../fixtures/cookies/keyring.js';

const scripts = mkdtempSync(join(tmpdir(), 'kimibar-security-'));
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

/** A stand-in for macOS's /usr/bin/security: a real executable with the real tool's exit codes. */
function securityTool(name: string, body: string): string {
  const path = join(scripts, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const keytarFails = async (): Promise<string | null> => {
  throw new Error('keytar: The specified item could not be loaded');
};

describe('createMacKeychainReader', () => {
  it('uses keytar first, with the service and account of the browser', async () => {
    const asked: string[] = [];
    const reader = createMacKeychainReader({ getPassword: async (service, account) => (asked.push(`${service}/${account}`), 'pw'), securityCommand: '/nonexistent' });
    expect(await reader.readPassword('Chrome Safe Storage', 'Chrome')).toEqual({ kind: 'password', password: 'pw' });
    expect(asked).toEqual(['Chrome Safe Storage/Chrome']);
  });

  it('reports a missing item from keytar as missing', async () => {
    const reader = createMacKeychainReader({ getPassword: async () => null, securityCommand: '/nonexistent' });
    expect(await reader.readPassword('Arc Safe Storage', 'Arc')).toEqual({ kind: 'missing' });
  });

  it('takes a refusal from keytar as a denial without a second prompt', async () => {
    const tool = securityTool('never-called', 'exit 99');
    const reader = createMacKeychainReader({
      getPassword: async () => {
        throw new Error('User canceled the operation.');
      },
      securityCommand: tool,
    });
    expect(await reader.readPassword('Arc Safe Storage', 'Arc')).toEqual({ kind: 'denied' });
  });

  it('falls back to `security find-generic-password -w -s <service> -a <account>`, using the text as is', async () => {
    const tool = securityTool('ok', `[ "$1 $2 $3 $4 $5 $6" = "find-generic-password -w -s Brave Safe Storage -a Brave" ] || exit 3\nprintf '%s\\n' '6eIDUdtKAacvlHwBVwvg/Q=='`);
    const reader = createMacKeychainReader({ getPassword: keytarFails, securityCommand: tool });
    expect(await reader.readPassword('Brave Safe Storage', 'Brave')).toEqual({ kind: 'password', password: '6eIDUdtKAacvlHwBVwvg/Q==' });
  });

  it('maps `security` exit 44 to missing and a refusal to denied', async () => {
    const missing = createMacKeychainReader({ getPassword: keytarFails, securityCommand: securityTool('missing', 'exit 44') });
    expect(await missing.readPassword('Chrome Safe Storage', 'Chrome')).toEqual({ kind: 'missing' });
    const refused = createMacKeychainReader({ getPassword: keytarFails, securityCommand: securityTool('refused', 'echo "User canceled" >&2; exit 128') });
    expect(await refused.readPassword('Chrome Safe Storage', 'Chrome')).toEqual({ kind: 'denied' });
  });

  it('gives up on an unanswered prompt after its timeout and treats it as denied', async () => {
    const reader = createMacKeychainReader({ getPassword: keytarFails, securityCommand: securityTool('hang', 'exec sleep 30'), timeoutMs: 300 });
    expect(await reader.readPassword('Chrome Safe Storage', 'Chrome')).toEqual({ kind: 'denied' });
  });
});

describe('createSecretToolReader against a real Secret Service', () => {
  let keyring: PrivateKeyring;
  beforeAll(async () => {
    keyring = await startPrivateKeyring();
    keyring.store({ 'xdg:schema': 'chrome_libsecret_os_crypt_password_v2', application: 'chrome' }, 'Some other label', 'chrome-v11-secret');
  });
  afterAll(() => keyring.stop());

  it('finds the password by its application attribute, whatever its label', async () => {
    const reader = createSecretToolReader({ env: keyring.env });
    expect(await reader.lookup('chrome')).toBe('chrome-v11-secret');
    expect(await reader.lookup('brave')).toBeNull();
  });

  it('answers null when secret-tool is missing or hangs', async () => {
    expect(await createSecretToolReader({ command: '/nonexistent/secret-tool', env: keyring.env }).lookup('chrome')).toBeNull();
    const hang = securityTool('secret-hang', 'exec sleep 30');
    expect(await createSecretToolReader({ command: hang, timeoutMs: 300 }).lookup('chrome')).toBeNull();
  });
});
