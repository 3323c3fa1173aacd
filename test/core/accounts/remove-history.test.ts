// Removing an account takes its usage history with it (and says how many rows), and only its:
// the real runtime, a real history.sqlite, the keychain in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount, removeAccount } from '../../../src/main/core/accounts/manage.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import { FIRST_ACCOUNT_ID } from '../../../src/shared/accounts.js';
import { DAY, HOUR, T0, snapshotAt } from '../history/support.js';

let home: string;
let runtime: Runtime;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-remove-history-'));
  runtime = await createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config') },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: { importKimiAuth: async () => ({ found: null, reports: [] }) },
    clock: { now: () => T0 },
  });
});
afterEach(() => {
  runtime.close();
  rmSync(home, { recursive: true, force: true });
});

const ALL = { from: 0, to: T0 + DAY };

describe('removing an account', () => {
  it('deletes its history rows, says how many, and keeps every other account\'s', async () => {
    const work = addAccount(runtime, { name: 'Work' });
    const history = runtime.history();
    for (let i = 0; i < 4; i += 1) {
      history.record(snapshotAt(T0 - i * 3 * HOUR, [{ id: '5h', usedPercent: 10 + i }, { id: 'weekly', usedPercent: 5 }]), work.id);
      history.record(snapshotAt(T0 - i * 3 * HOUR, [{ id: '5h', usedPercent: 60 + i }]), FIRST_ACCOUNT_ID);
    }
    const kept = history.entries(FIRST_ACCOUNT_ID, ALL);
    const workRows = history.entries(work.id, ALL).length;
    expect(workRows).toBe(8);

    const removed = await removeAccount(runtime, 'work');
    expect(removed).toMatchObject({ id: work.id, name: 'Work', historyRowsDeleted: workRows });
    expect(history.entries(work.id, ALL)).toEqual([]);
    expect(history.entries(FIRST_ACCOUNT_ID, ALL)).toEqual(kept);
    expect(runtime.takeHistoryNotices()).toEqual([]);
  });

  it('deletes rows recorded before keeping history was turned off', async () => {
    const work = addAccount(runtime, { name: 'Work' });
    runtime.history().record(snapshotAt(T0, [{ id: 'weekly', usedPercent: 5 }]), work.id);
    runtime.settings.update((draft) => void (draft.general.keepHistory = false));
    expect(await removeAccount(runtime, work.id)).toMatchObject({ historyRowsDeleted: 1 });
    expect(runtime.history().entries(work.id, ALL)).toEqual([]);
  });
});
