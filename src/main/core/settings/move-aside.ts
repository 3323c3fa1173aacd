// Moving a bad file out of the way instead of deleting it: settings and history files may hold
// things people care about, and a backup beside the original is easy to find and restore.
import { existsSync, renameSync } from 'node:fs';

/**
 * Renames `path` to `path.bak-<time>` (a counter is added should that name be taken) and returns
 * the new path; throws when the rename is impossible.
 */
export function moveAside(path: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  let target = `${path}.bak-${stamp}`;
  for (let n = 1; existsSync(target); n += 1) target = `${path}.bak-${stamp}-${n}`;
  renameSync(path, target);
  return target;
}
