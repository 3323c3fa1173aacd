import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src/shared/app-state.js';
import { SettingsSchema } from '../../../src/shared/settings.js';
import { IDLE_STATE } from '../../../src/main/core/app/controller.js';
import { leastLeftPercent, mostConstrainedAccount, namesAccounts, trayAccountId } from '../../../src/main/core/app/tray-account.js';
import { snapshot, window } from './fixtures.js';

const withUsed = (fiveHour: number, weekly: number, monthly?: number): AppState => ({
  ...IDLE_STATE,
  snapshot: snapshot([window('5h', fiveHour), window('weekly', weekly), ...(monthly === undefined ? [] : [window('monthly-total', monthly)])]),
});
const spent = (which: '5h' | 'weekly' | undefined, base: AppState = IDLE_STATE): AppState => ({
  ...base,
  lastError: { code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null, ...(which === undefined ? {} : { window: which }) },
});

describe('leastLeftPercent', () => {
  it('is the smaller share left of the 5-hour and weekly windows; monthly pools do not count', () => {
    expect(leastLeftPercent(withUsed(30, 85, 99))).toBe(15);
    expect(leastLeftPercent(withUsed(90, 10))).toBe(10);
  });

  it('is null without numbers, and 0 for a quota Kimi said is spent', () => {
    expect(leastLeftPercent(IDLE_STATE)).toBeNull();
    expect(leastLeftPercent(spent('weekly', withUsed(10, 40)))).toBe(0);
    expect(leastLeftPercent(spent('weekly'))).toBe(0);
    expect(leastLeftPercent(spent(undefined))).toBe(0);
  });
});

describe('mostConstrainedAccount', () => {
  it('picks the least left across accounts; ties go to the earlier one', () => {
    expect(mostConstrainedAccount([{ id: 'a', state: withUsed(50, 50) }, { id: 'b', state: withUsed(20, 95) }, { id: 'c', state: withUsed(60, 10) }])).toBe('b');
    expect(mostConstrainedAccount([{ id: 'a', state: withUsed(80, 0) }, { id: 'b', state: withUsed(0, 80) }])).toBe('a');
  });

  it('never picks an account without numbers over one with numbers', () => {
    expect(mostConstrainedAccount([{ id: 'none', state: IDLE_STATE }, { id: 'full', state: withUsed(0, 0) }])).toBe('full');
    expect(mostConstrainedAccount([{ id: 'none', state: IDLE_STATE }])).toBeNull();
    expect(mostConstrainedAccount([])).toBeNull();
  });
});

describe('trayAccountId', () => {
  const accounts = [
    { id: 'main', name: 'Kimi' },
    { id: 'work', name: 'Work' },
    { id: 'off', name: 'Off', enabled: false },
  ];
  const states = [
    { id: 'main', state: withUsed(10, 10) },
    { id: 'work', state: withUsed(70, 10) },
  ];

  it('draws the selected account by default', () => {
    expect(trayAccountId(SettingsSchema.parse({ accounts, selectedAccount: 'main' }), states)).toBe('main');
  });

  it('draws the most constrained enabled account when asked', () => {
    const settings = SettingsSchema.parse({ accounts, selectedAccount: 'main', general: { trayAccount: 'most-constrained' } });
    expect(trayAccountId(settings, states)).toBe('work');
    // A disabled account's last numbers never win.
    expect(trayAccountId(settings, [...states, { id: 'off', state: withUsed(100, 100) }])).toBe('work');
    // Nobody has numbers yet: the selected account.
    expect(trayAccountId(settings, states.map(({ id }) => ({ id, state: IDLE_STATE })))).toBe('main');
  });

  it('falls back to the first enabled account when the selected one is switched off', () => {
    expect(trayAccountId(SettingsSchema.parse({ accounts, selectedAccount: 'off' }), states)).toBe('main');
  });
});

describe('namesAccounts', () => {
  it('names accounts only when more than one is enabled', () => {
    expect(namesAccounts(SettingsSchema.parse({}))).toBe(false);
    expect(namesAccounts(SettingsSchema.parse({ accounts: [{ id: 'main', name: 'Kimi' }, { id: 'work', name: 'Work', enabled: false }] }))).toBe(false);
    expect(namesAccounts(SettingsSchema.parse({ accounts: [{ id: 'main', name: 'Kimi' }, { id: 'work', name: 'Work' }] }))).toBe(true);
  });
});
