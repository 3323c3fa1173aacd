// Whatever went wrong with the history file while a command ran (moved aside, kept in memory,
// a write that failed) is one stderr line per kind: the store reports each kind once.
import type { Runtime } from '../core/runtime.js';
import type { Output } from './output.js';

export function warnHistoryNotices(runtime: Runtime, out: Output): void {
  for (const notice of runtime.takeHistoryNotices()) out.warn(notice.message);
}
