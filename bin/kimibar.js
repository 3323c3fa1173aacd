#!/usr/bin/env node
// The installed `kimibar` command: runs the bundled CLI (npm run build makes it).
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Node 22.1+ keeps the compiled bundle in a cache, so a command started every second (a status
// line) does not parse all of it each time. Turned on before the bundle is imported, as it only
// applies to modules loaded afterwards; older Node has no such function and simply parses.
// NODE_COMPILE_CACHE, when set, is Node's own choice and wins.
if (!process.env.NODE_COMPILE_CACHE) {
  try {
    module.enableCompileCache?.(join(osCacheDir(), 'kimibar', 'compile-cache'));
  } catch {
    // No cache (an unwritable folder): the CLI runs the same, only slower to start.
  }
}

// A status line is started every second: it has a small bundle of its own, which draws the line
// or hands the command (`statusline --refresh`) to the whole CLI.
const { main } = await import(process.argv[2] === 'statusline' ? '../dist/cli/statusline.js' : '../dist/cli/kimibar.js');
process.exitCode = await main(process.argv.slice(2));

/** The per-user cache folder the OS designates (nothing in it needs keeping). */
function osCacheDir() {
  const home = process.env.HOME || homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches');
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  return process.env.XDG_CACHE_HOME || join(home, '.cache');
}
