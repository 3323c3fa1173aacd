// better-sqlite3, with its native addon loaded the first time a database is opened rather than
// when the code that opens one is imported: the CLI is started for every status-line refresh,
// and most commands (a statusline, `config`, a refresh with history off) never open a database.
// The package's JavaScript is small and inert until then; the CLI's bundles carry it inside
// (scripts/build.mjs), so it comes with the rest of their code instead of a dozen files
// resolved through Node's module loader (~8 ms of a `usage` run).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, toNamespacedPath } from 'node:path';

const require = createRequire(import.meta.url);
let addon: object | null | undefined;

/**
 * The addon where better-sqlite3's build puts it (and the only one the packaged app ships,
 * electron-builder.yml), loaded once by its path with process.dlopen: left to itself,
 * better-sqlite3 finds it through the `bindings` package, which walks the stack and tries
 * several folders with failing requires first, and even a `require` of the exact path goes
 * through the module loader's package lookups. Null (better-sqlite3's own search) when the file
 * is elsewhere, e.g. a build that put it in another folder.
 */
function nativeAddon(): object | null {
  if (addon === undefined) {
    const file = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    if (existsSync(file)) {
      const module = { exports: {} };
      // As Node's own loader calls it for a `.node` file (the long-path form on Windows).
      process.dlopen(module, toNamespacedPath(file));
      addon = module.exports;
    } else {
      addon = null;
    }
  }
  return addon;
}

/** Opens a database with better-sqlite3 (its options as given), its addon loaded directly. */
export function openSqlite(filename: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = nativeAddon();
  // better-sqlite3 takes the loaded addon itself too, which its types do not say.
  return new Database(filename, nativeBinding ? { ...options, nativeBinding: nativeBinding as unknown as string } : options);
}
