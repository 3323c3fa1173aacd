// History trouble reaches the user as a notification, the way a settings file moved aside
// does: the history store keeps what went wrong (each kind once per run), and whatever just
// touched history — a refresh, a chart query, a clear — hands it on here.
import type { Runtime } from '../runtime.js';
import type { ShellPorts } from './shell-ports.js';

export function announceHistoryNotices(runtime: Runtime, shell: Pick<ShellPorts, 'notify'>): void {
  for (const { reason, backupPath } of runtime.takeHistoryNotices()) shell.notify({ kind: 'history', reason, backupPath });
}
