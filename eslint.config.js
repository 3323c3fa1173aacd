// Lint: the recommended rules, typescript-eslint's type-checked rules (floating promises above
// all: an unhandled rejection in the main process is a silent failure), and the dependency
// rules of the house (docs/architecture.md): which folder may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON = [
  { name: 'electron', message: 'electron belongs in src/main/shell, src/main/index.ts and src/preload only.' },
  { name: 'electron-store', message: 'electron-store imports electron: use it in src/main/shell only.' },
];
const CORE_OUTWARD = { group: ['**/shell/**', '**/renderer/**', '**/cli/**', '**/preview/**'], message: 'core knows no shell, renderer, CLI or preview: they depend on core, not the reverse.' };
const NODE_BUILTINS = { group: ['node:*'], message: 'This code also runs in the renderer: no Node built-ins.' };

/** One `no-restricted-imports` per folder: a later entry for the same files replaces an earlier one. */
function restrictImports(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths: ELECTRON, patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'artifacts/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Ports are async interfaces; a synchronous implementation (a test double, an in-memory
      // store) satisfies them without an await, and that is not a mistake.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        // One zod: zod/mini, through src/shared/zod.ts (which sets its English messages). The full
        // zod costs a CLI run ~18 ms just to load.
        {
          selector: "ImportDeclaration[source.value='zod']",
          message: "the full zod: import * as z from src/shared/zod.ts (zod/mini with English messages).",
        },
        // zod's `z` (and its default export) is one namespace object holding all of zod, every
        // locale included, so a bundler must keep it whole; `import * as z` lets esbuild keep only
        // what is used (the CLI bundle loses ~550 kB).
        {
          selector:
            "ImportDeclaration[source.value=/^zod\\u002Fmini$|\\u002Fzod\\.js$/] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
          message: 'import * as z: the named `z` drags every zod locale into the bundles.',
        },
      ],
    },
  },
  {
    // Plain Node scripts (the TypeScript sources get these from @types/node).
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    // bin/kimibar.js is CommonJS (bin/package.json): it loads the CLI's CommonJS bundles.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  restrictImports(['src/main/cli/**', 'src/main/preview/**', 'test/**', 'bench/**'], []),
  restrictImports(['src/main/core/**'], [CORE_OUTWARD]),
  restrictImports(['src/main/core/kimi/**'], [
    CORE_OUTWARD,
    { group: ['**/core/auth/**', '../auth/**'], message: 'The Kimi client owns its vocabulary (the credential it accepts included): auth depends on kimi, never the reverse.' },
  ]),
  restrictImports(['src/shared/**'], [
    NODE_BUILTINS,
    { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared is the contract: it imports no process-specific code.' },
  ]),
  restrictImports(['src/renderer/**'], [
    NODE_BUILTINS,
    { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the preload API (src/shared/ipc.ts).' },
  ]),
);
