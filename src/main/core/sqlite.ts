// better-sqlite3, loaded the first time a database is opened rather than when the code that
// opens one is imported: the CLI is started for every status-line refresh, and most commands
// (a statusline, `config`, a refresh with history off) never open a database. The addon's API
// is synchronous, so it is required synchronously.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

let loaded: typeof BetterSqlite3 | undefined;

/** The better-sqlite3 `Database` class. */
export function sqlite(): typeof BetterSqlite3 {
  loaded ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return loaded;
}
