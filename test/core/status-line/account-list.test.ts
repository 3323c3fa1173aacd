// The status line's own read of the account list (ids, names, the selection) from a real
// config.json: what the settings store makes of the same file, without its schema.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAccountList } from '../../../src/main/core/status-line/account-list.js';
import { openSettings } from '../../../src/main/core/settings/settings-store.js';
import { selectedAccount } from '../../../src/shared/accounts.js';
import { SettingsSchema } from '../../../src/shared/settings.js';

const FIRST_ONLY = { accounts: [{ id: 'main', name: 'Kimi' }], selectedAccount: 'main' };

function configDir(content?: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kimibar-accounts-'));
  if (content !== undefined) writeFileSync(join(dir, 'config.json'), content);
  return dir;
}

describe('readAccountList', () => {
  it('reads the ids, names and selection of a version-2 file, as the settings store does', () => {
    const settings = SettingsSchema.parse({
      version: 2,
      accounts: [
        { id: 'main', name: 'Kimi' },
        { id: 'k3x9', name: 'Work', usageSource: 'api' },
      ],
      selectedAccount: 'k3x9',
    });
    const dir = configDir(JSON.stringify(settings));
    const list = readAccountList(dir);
    expect(list).toEqual({ accounts: [{ id: 'main', name: 'Kimi' }, { id: 'k3x9', name: 'Work' }], selectedAccount: 'k3x9' });
    const store = openSettings({ configDir: dir, clock: { now: () => Date.now() } });
    expect(selectedAccount(list).id).toBe(selectedAccount(store.get()).id);
  });

  it('a missing file, a version-1 file, a damaged one or a folder at its path name the first account alone', () => {
    expect(readAccountList(configDir())).toEqual(FIRST_ONLY);
    expect(readAccountList(configDir(JSON.stringify({ version: 1, kimi: { usageSource: 'api' } })))).toEqual(FIRST_ONLY);
    expect(readAccountList(configDir('{"accounts": [{"id": "ma'))).toEqual(FIRST_ONLY);
    expect(readAccountList(configDir(JSON.stringify({ version: 2, accounts: [] })))).toEqual(FIRST_ONLY);
    expect(readAccountList(configDir(JSON.stringify({ version: 2, accounts: [{ id: 7 }] })))).toEqual(FIRST_ONLY);
    const folder = configDir();
    mkdirSync(join(folder, 'config.json'));
    expect(readAccountList(folder)).toEqual(FIRST_ONLY);
  });

  it('a selection naming no account falls back to the first account, as everywhere', () => {
    const list = readAccountList(configDir(JSON.stringify({ version: 2, accounts: [{ id: 'a1', name: 'One' }, { id: 'b2', name: 'Two' }], selectedAccount: 'gone' })));
    expect(selectedAccount(list)).toEqual({ id: 'a1', name: 'One' });
  });
});
