// The files the app keeps per account beside the settings: what was already notified (so a
// threshold is not announced twice in one reset period, across restarts) and the status-line
// cache and line. The first account keeps the names these files always had.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { perAccountName } from '../../../shared/accounts.js';
import type { NotificationMemory } from '../app/notifications.js';
import { snapshotCachePath, statusLinePath } from '../status-line/cache-file.js';

/** Each account's notification memory: the first account's keeps the file it always had. */
export function notificationMemoryPath(configDir: string, accountId: string): string {
  return join(configDir, perAccountName('notifications.json', accountId));
}

/**
 * The files the app keeps for one account beside the settings (its notification memory, its
 * status-line cache and line), deleted when the account is removed: nothing would ever read or
 * delete them again. History rows are the history store's to forget.
 */
export function removeAccountFiles(configDir: string, accountId: string): void {
  for (const path of [notificationMemoryPath(configDir, accountId), snapshotCachePath(configDir, accountId), statusLinePath(configDir, accountId)]) {
    rmSync(path, { force: true });
  }
}

/**
 * What was already notified survives a restart, so a threshold is not announced twice in one
 * reset period. The controller parses what `load` returns; a missing or broken file is "nothing".
 */
const MAX_MEMORY_FILE_BYTES = 64 * 1024;

export function notificationMemoryFile(path: string): { load(): unknown; save(memory: NotificationMemory): void } {
  return {
    load() {
      try {
        if (statSync(path).size > MAX_MEMORY_FILE_BYTES) return null;
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    save(memory) {
      try {
        writeFileSync(path, JSON.stringify(memory), { mode: 0o600 });
      } catch {
        // Losing this only risks one repeated notice; it must never fail a refresh.
      }
    },
  };
}
