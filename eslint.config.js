// Lint: TypeScript's recommended rules, React's rules of hooks, and the boundaries of the
// architecture (which folder may import what), checked on every `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'stream', 'url', 'worker_threads'];

/** `no-restricted-imports` with type imports allowed (the renderer is typed from the contract). */
const restrict = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'native/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-control-regex': 'off',
    },
  },
  // TypeScript itself reports undefined names, with the right globals for each folder.
  { files: ['**/*.{ts,tsx}'], rules: { 'no-undef': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The renderer runs in a sandbox: it may value-import only db/shared/ (pure zod and
      // vocabularies), and types alone from the rest of db/.
      ...restrict(
        [
          {
            group: ['**/db/*', '!**/db/shared', '**/db/shared/../*'],
            allowTypeImports: true,
            message: 'The renderer may value-import only db/shared/: import types alone from the rest of db/.',
          },
          {
            group: ['**/cli/*', '**/electron/*'],
            allowTypeImports: true,
            message: 'The renderer imports nothing but types from the shells (the preload bridge).',
          },
          { group: nodeBuiltins, message: 'The renderer has no Node: it talks to the contract through lib/client.ts.' },
        ],
        [
          { name: 'electron', message: 'The renderer reaches Electron only through the preload (window.dossier).' },
          { name: 'better-sqlite3', message: 'The renderer has no database of its own.' },
        ],
      ),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['db/shared/**'],
    rules: restrict(
      [{ group: ['**/electron/*', '**/cli/*', '**/renderer/*'], message: 'db/ is the contract: it imports no shell and no UI.' }],
      [{ name: 'electron', message: 'db/ runs under plain Node, the CLI and the browser shell too.' }],
    ),
  },
  // db/shared/ is pure (zod and its own modules), as it runs in the renderer too.
  ...[
    { files: ['db/shared/*.ts'], up: ['../*'] },
    { files: ['db/shared/inputs/*.ts'], up: ['../../*'] },
  ].map(({ files, up }) => ({
    files,
    rules: restrict(
      [
        { group: up, message: 'db/shared/ is pure: it imports only zod and other modules of db/shared/.' },
        { group: nodeBuiltins, message: 'db/shared/ runs in the renderer too: no Node.' },
      ],
      [{ name: 'better-sqlite3', message: 'db/shared/ runs in the renderer too: no database.' }],
    ),
  })),
  {
    files: ['electron/**/*.ts'],
    rules: restrict([
      {
        group: ['**/cli/*', '**/renderer/*'],
        message: 'electron/ is a thin shell over db/: it imports neither the CLI nor the UI.',
      },
    ]),
  },
  {
    files: ['cli/**/*.ts'],
    rules: restrict(
      [{ group: ['**/renderer/*', '**/electron/*'], message: 'cli/ imports neither the UI nor the desktop shell.' }],
      [{ name: 'electron', message: 'cli/ runs under plain Node.' }],
    ),
  },
);
