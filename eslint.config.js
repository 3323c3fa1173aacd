// Lint: the recommended rules plus the few project rules a linter can keep for us.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'artifacts/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (the TypeScript sources get these from @types/node).
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    // Only the shell, the Electron entry and the preload may import electron (DESIGN.md).
    files: ['src/main/core/**', 'src/main/cli/**', 'src/main/preview/**', 'src/shared/**', 'src/renderer/**', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron belongs in src/main/shell only.' }, { name: 'electron-store', message: 'electron-store imports electron: use it in src/main/shell only.' }] }],
    },
  },
  {
    files: ['src/main/core/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/shell/**', '**/renderer/**', 'electron', 'electron-store'], message: 'core and shared know no Electron, shell or renderer.' }] }],
    },
  },
);
