// SQLite's quick_check on open reads every page of history.sqlite: the app does it, a CLI
// command (started every second by a status line) does not. Real files, real SQLite.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, openHistory } from '../../../src/main/core/history/index.js';
import { ACCOUNT, HOUR, T0, damageUnreadPage, manualClock, snapshotAt } from './support.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-history-check-'));
  const store = openHistory({ dir, clock: manualClock(T0) });
  store.record(snapshotAt(T0, [{ id: '5h', usedPercent: 40, resetsAt: T0 + 5 * HOUR }]), ACCOUNT);
  store.close();
  damageUnreadPage(join(dir, HISTORY_FILE_NAME));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const backups = (): string[] => readdirSync(dir).filter((name) => name.startsWith(`${HISTORY_FILE_NAME}.bak-`));

describe('opening history', () => {
  it('checks the file by default (the app): damage found by quick_check is moved aside and said', () => {
    const store = openHistory({ dir, clock: manualClock(T0 + HOUR) });
    expect(store.takeNotices().map((notice) => notice.reason)).toEqual(['corrupt']);
    expect(backups()).toHaveLength(1);
    store.close();
  });

  it('skips the check when told (the CLI): the file is opened and used as it is', () => {
    const store = openHistory({ dir, clock: manualClock(T0 + HOUR), checkIntegrity: false });
    store.record(snapshotAt(T0 + HOUR, [{ id: '5h', usedPercent: 45, resetsAt: T0 + 5 * HOUR }]), ACCOUNT);
    expect(store.entries(ACCOUNT, { windowId: '5h', from: T0, to: T0 + 2 * HOUR }).map((entry) => entry.usedPercent)).toEqual([40, 45]);
    expect(store.takeNotices()).toEqual([]);
    expect(backups()).toEqual([]);
    store.close();
  });
});
