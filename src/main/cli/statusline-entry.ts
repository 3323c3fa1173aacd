// The status line's own bundle (dist/cli/statusline.js): bin/kimibar.js loads it instead of the
// whole CLI when the command is `statusline`, because hosts start it every second and Node
// parses every byte it loads (the whole CLI is several times larger). What is not a line to draw
// (`statusline --refresh`) is handed to the whole CLI, loaded only then.
// First: it configures zod before any schema is built.
import './zod-jitless.js';
import { createOutput } from './output.js';
import { drawStatusline, drawsLineOnly } from './statusline-draw.js';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (drawsLineOnly(argv)) return drawStatusline(argv, env, createOutput(env, argv));
  // scripts/build.mjs points this at the CLI bundle beside this one (dist/cli/kimibar.js).
  const cli = await import('./main.js');
  return cli.main(argv, env);
}
