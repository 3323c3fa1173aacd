// `kimibar statusline` runs every second in Kimi Code's footer, tmux and Waybar, so what it loads
// is its cost. bin/kimibar.js loads its own bundle (dist/cli/statusline.cjs) for it; this keeps
// that bundle's module graph, as esbuild resolved it (dist/cli/statusline.meta.json, written by
// `npm run build`), to the cache reader, the line, the lock and zod/mini — never zod's locales,
// the runtime, the keychain, SQLite, the HTTP transport, the settings store or the rest of the
// CLI, which it loads (from its file, through the code cache) only to hand a command over.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const META = join(resolve(import.meta.dirname, '../..'), 'dist/cli/statusline.meta.json');

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown>; readonly imports: readonly { readonly path: string; readonly external?: boolean }[] }>;
}

function statuslineBundle(): { inputs: string[]; externals: string[] } {
  if (!existsSync(META)) throw new Error('dist/cli/statusline.meta.json is missing: run `npm run build` first');
  const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
  const outputs = Object.entries(meta.outputs).filter(([path]) => path.endsWith('.cjs'));
  expect(outputs.map(([path]) => path)).toEqual(['dist/cli/statusline.cjs']);
  const [, output] = outputs[0]!;
  return { inputs: Object.keys(output.inputs), externals: output.imports.filter((i) => i.external).map((i) => i.path) };
}

it('the status line bundle holds only what drawing a line needs', () => {
  const { inputs, externals } = statuslineBundle();
  expect(inputs).toContain('src/main/core/status-line/cache-file.ts');
  expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
  const forbidden = [
    'node_modules/zod/v4/classic/',
    'node_modules/zod/v4/locales/',
    'src/shared/usage.ts',
    'src/main/core/status-line/snapshot-cache.ts',
    'src/main/cli/main.ts',
    'src/main/core/runtime.ts',
    // the Kimi client and its node:https transport
    'src/main/core/kimi/',
    'src/main/core/history/',
    'src/main/core/settings/settings-store.ts',
    'src/main/core/settings/secrets.ts',
    'src/main/core/auth/sources.ts',
    'src/main/core/cookies/',
    // better-sqlite3's JavaScript is bundled, not external, so it is named here.
    'src/main/core/sqlite.ts',
    'node_modules/better-sqlite3/',
  ];
  expect(inputs.filter((input) => forbidden.some((path) => input.includes(path)))).toEqual([]);
  // Only Node's own modules: no keytar. The whole CLI, for what is not a line
  // to draw (--refresh), is not imported: the code-cache loader reads and compiles its file.
  expect(inputs).toContain('src/main/cli/code-cache.ts');
  expect(externals.filter((path) => !path.startsWith('node:'))).toEqual([]);
});
