// Starts the whole CLI (dist/cli/kimibar.cjs, every command) for bin/kimibar.js and for the
// status line's bundle when it hands a command over (`statusline --refresh`): compiled from the
// V8 code cache in the user's cache folder when there is a good one (./code-cache.ts).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveCacheDir } from '../core/settings/paths.js';
import { loadBundle } from './code-cache.js';

/** What the CLI bundle exports (./main.ts). */
interface CliBundle {
  main(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<number>;
}

/** The bundle beside this one once built (scripts/build.mjs); the build defines
 *  import.meta.dirname for its CommonJS output. */
export const CLI_BUNDLE = 'kimibar.cjs';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, bundleDir: string = import.meta.dirname): Promise<number> {
  const cacheDir = join(resolveCacheDir({ env, platform: process.platform, homedir: env.HOME ?? homedir() }), 'code-cache');
  const cli = loadBundle<CliBundle>(join(bundleDir, CLI_BUNDLE), cacheDir);
  try {
    return await cli.exports.main(argv, env);
  } finally {
    cli.saveCache();
  }
}
