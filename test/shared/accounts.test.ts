import { describe, expect, it } from 'vitest';
import { accountNameKey, findAccount, perAccountName, selectedAccount } from '../../src/shared/accounts.js';
import { SettingsSchema } from '../../src/shared/settings.js';

describe('perAccountName', () => {
  it('keeps the first account’s names and puts another’s id before the extension', () => {
    expect(perAccountName('api-key', 'main')).toBe('api-key');
    expect(perAccountName('last-snapshot.json', 'main')).toBe('last-snapshot.json');
    expect(perAccountName('api-key', 'k3x9')).toBe('api-key@k3x9');
    expect(perAccountName('last-snapshot.json', 'k3x9')).toBe('last-snapshot@k3x9.json');
    expect(perAccountName('persist:kimi-web', 'k3x9')).toBe('persist:kimi-web@k3x9');
  });
});

describe('finding accounts', () => {
  const settings = SettingsSchema.parse({ accounts: [{ id: 'main', name: 'Kimi' }, { id: 'w1', name: 'Work Ｐlan' }], selectedAccount: 'gone' });
  it('by id, or by name without regard to case or Unicode form', () => {
    expect(findAccount(settings, 'w1')?.name).toBe('Work Ｐlan');
    expect(findAccount(settings, 'work plan')?.id).toBe('w1');
    expect(findAccount(settings, 'nobody')).toBeUndefined();
    expect(accountNameKey(' Work Ｐlan ')).toBe('work plan');
  });
  it('a selection naming no account falls back to the first', () => {
    expect(selectedAccount(settings).id).toBe('main');
  });
  it('two accounts may not share a name, whatever its case', () => {
    expect(SettingsSchema.safeParse({ accounts: [{ id: 'a', name: 'Work' }, { id: 'b', name: 'work' }] }).success).toBe(false);
  });
});
