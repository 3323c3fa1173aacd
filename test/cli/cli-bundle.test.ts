// The CLI bundle's module graph (dist/cli/kimibar.meta.json, written by `npm run build`): the
// `kimibar` command is started for every status-line refresh and Node parses all of the bundle
// each time, so what it must not carry is checked here rather than left to a benchmark.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const META = join(resolve(import.meta.dirname, '../..'), 'dist/cli/kimibar.meta.json');

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

function bundledInputs(): string[] {
  if (!existsSync(META)) throw new Error('dist/cli/kimibar.meta.json is missing: run `npm run build` first');
  const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
  return Object.values(meta.outputs).flatMap((output) => Object.keys(output.inputs));
}

describe('the CLI bundle', () => {
  it('holds zod without its locales: English, the messages the CLI shows, is built into the schemas', () => {
    const inputs = bundledInputs();
    expect(inputs.some((input) => input.includes('node_modules/zod/'))).toBe(true);
    // The locales' index may stay as an empty module (esbuild keeps an init wrapper for modules a
    // dynamic import reaches); what must not come is a language's messages other than English.
    const locales = inputs.filter((input) => input.includes('node_modules/zod/v4/locales/'));
    expect(locales.filter((input) => !input.endsWith('/en.js') && !input.endsWith('/index.js'))).toEqual([]);
  });

  it('holds zod/mini, not the full zod, whose loading alone cost every command ~18 ms', () => {
    const inputs = bundledInputs();
    expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });

  it('writes the settings file itself: conf and its JSON-schema validator (ajv) are not in it', () => {
    const packages = new Set(bundledInputs().map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter(Boolean));
    expect([...packages].filter((name) => ['conf', 'ajv', 'ajv-formats', 'atomically'].includes(name!))).toEqual([]);
  });
});
