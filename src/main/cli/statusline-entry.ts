// The status line's own bundle (dist/cli/statusline.cjs): bin/kimibar.js loads it instead of the
// whole CLI when the command is `statusline`, because hosts start it every second and Node
// parses every byte it loads (the whole CLI is several times larger). What is not a line to draw
// (`statusline --refresh`) is handed to the whole CLI, loaded only then (./launch.ts).
// First: it configures zod before any schema is built.
import './zod-jitless.js';
import { createLineOutput } from './output.js';
import { drawStatusline, drawsLineOnly } from './statusline-draw.js';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (drawsLineOnly(argv)) return drawStatusline(argv, env, createLineOutput(env, argv));
  // Imported here, not above: the build keeps it out of the line's start-up (its code cache
  // needs node:zlib, which brings Node's streams).
  const cli = await import('./launch.js');
  return cli.main(argv, env);
}
