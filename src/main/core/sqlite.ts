// better-sqlite3, with its native addon loaded the first time a database is opened rather than
// when the code that opens one is imported: the CLI is started for every status-line refresh,
// and most commands (a statusline, `config`, a refresh with history off) never open a database.
// The package's JavaScript is small and inert until then, and every bundle carries it inside
// (scripts/build.mjs), so it comes with the rest of the code instead of a dozen files resolved
// through Node's module loader (~8 ms of a `usage` run).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, toNamespacedPath } from 'node:path';

const require = createRequire(import.meta.url);
let addon: object | undefined;

/**
 * The addon where better-sqlite3's build puts it (and the only one the packaged app ships,
 * electron-builder.yml), loaded once by its path with process.dlopen, as Node's loader would
 * for a `.node` file but without its package lookups. When it is elsewhere (a debug build),
 * better-sqlite3's own search through `bindings`, rooted at the package: left to itself,
 * `bindings` roots its search at the file that calls it, which is now a bundle.
 */
function nativeAddon(): object {
  if (addon === undefined) {
    const packageRoot = dirname(require.resolve('better-sqlite3/package.json'));
    const file = join(packageRoot, 'build', 'Release', 'better_sqlite3.node');
    if (existsSync(file)) {
      const module = { exports: {} };
      process.dlopen(module, toNamespacedPath(file));
      addon = module.exports;
    } else {
      const bindings = createRequire(join(packageRoot, 'package.json'))('bindings') as (options: { bindings: string; module_root: string }) => object;
      addon = bindings({ bindings: 'better_sqlite3.node', module_root: packageRoot });
    }
  }
  return addon;
}

/** Opens a database with better-sqlite3 (its options as given), its addon loaded directly. */
export function openSqlite(filename: string, options: Database.Options = {}): Database.Database {
  // better-sqlite3 takes the loaded addon itself too, which its types do not say.
  return new Database(filename, { ...options, nativeBinding: nativeAddon() as unknown as string });
}
