// `kimibar statusline` runs every second in Kimi Code's footer, tmux and Waybar, so what it loads
// is its cost. main.ts imports it on its own; this keeps its module graph to the cache reader,
// the line, the lock and zod — never the runtime, the keychain, SQLite, the HTTP transport or
// the settings store — as esbuild resolves it for the real bundle.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('the statusline command imports only what drawing a line needs', async () => {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main/cli/commands/statusline.ts'],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const packages = new Set(Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path)));
  expect([...packages]).toEqual(['zod']);
  for (const forbidden of ['src/main/core/runtime.ts', 'src/main/core/kimi/', 'src/main/core/history/', 'src/main/core/settings/settings-store.ts', 'src/main/core/settings/secrets.ts', 'src/main/core/auth/sources.ts', 'src/main/core/cookies/']) {
    expect(inputs.filter((path) => path.startsWith(forbidden))).toEqual([]);
  }
  expect(inputs).toContain('src/main/core/status-line/cache-file.ts');
});
