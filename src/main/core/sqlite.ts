// better-sqlite3, loaded the first time a database is opened rather than when the code that
// opens one is imported: the CLI is started for every status-line refresh, and most commands
// (a statusline, `config`, a refresh with history off) never open a database. The addon's API
// is synchronous, so it is required synchronously.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
let loaded: typeof BetterSqlite3 | undefined;
let addon: object | null | undefined;

/** The better-sqlite3 `Database` class. */
function sqlite(): typeof BetterSqlite3 {
  loaded ??= require('better-sqlite3') as typeof BetterSqlite3;
  return loaded;
}

/**
 * The addon where better-sqlite3's build puts it (and the only one the packaged app ships,
 * electron-builder.yml), loaded once by its path: left to itself, better-sqlite3 finds it
 * through the `bindings` package, which walks the stack and tries several folders with failing
 * requires first — 7–8 ms of every CLI run that keeps history. Null (better-sqlite3's own
 * search) when the file is elsewhere, e.g. a build that put it in another folder.
 */
function nativeAddon(): object | null {
  if (addon === undefined) {
    const file = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    addon = existsSync(file) ? (require(file) as object) : null;
  }
  return addon;
}

/** Opens a database with better-sqlite3 (its options as given), its addon loaded directly. */
export function openSqlite(filename: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const Database = sqlite();
  const nativeBinding = nativeAddon();
  // better-sqlite3 takes the loaded addon itself too, which its types do not say.
  return new Database(filename, nativeBinding ? { ...options, nativeBinding: nativeBinding as unknown as string } : options);
}
