// @ts-check
/**
 * Lint: typescript-eslint, React hooks, and STYLE.md §1's dependency arrows as import rules (the layer
 * tsconfigs enforce the same arrows in the compiler; this adds the finer ones and names the rule broken).
 * Zero warnings is the bar (`npm run lint` runs with --max-warnings 0).
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TSCONFIGS = [
  'shared/tsconfig.json',
  'renderer/tsconfig.json',
  'electron/main/services/tsconfig.json',
  'electron/tsconfig.json',
  'tests/tsconfig.json',
  'tsconfig.node.json',
];

/** `no-restricted-imports` entry: these packages (and their subpaths) are outside the layer. */
const packagesOutside = (layer, names) => ({
  patterns: [
    {
      group: names.flatMap((n) => [n, `${n}/*`]),
      message: `${layer} must not import this package (STYLE.md §1).`,
    },
  ],
});

const NODE_BUILTINS = ['node:*'];
const SERVICES_OUTSIDE = ['electron', 'react', 'react-dom'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/test-support.ts', '**/test-support/**', '**/*-test-kit.ts'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      '.onair/**',
      'tests/artifacts/**',
      'tests/architecture/fixtures/**',
      '.layers/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: TSCONFIGS, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: TSCONFIGS, noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      'import-x/no-useless-path-segments': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        packagesOutside('shared/ (pure: runs anywhere)', [
          'electron',
          ...NODE_BUILTINS,
          'react',
          'react-dom',
          'better-sqlite3',
          'socket.io',
          'socket.io-client',
        ]),
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer', './tests'] },
            // The domain is what the contract talks about; it never depends on the contract itself.
            { target: './shared/domain', from: ['./shared/contract.ts', './shared/contract-schemas.ts'] },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/services/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': ['error', packagesOutside('Services (plain Node)', SERVICES_OUTSIDE)],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './electron/main/services', from: ['./renderer', './tests', './electron/preload'] },
            { target: './electron/main/services', from: './electron/main', except: ['./services'] },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/services/**/*.ts'],
    ignores: ['electron/main/services/db/**', ...TEST_FILES],
    rules: {
      'no-restricted-imports': [
        'error',
        packagesOutside('Services outside db/ (only db/ talks to SQLite)', [...SERVICES_OUTSIDE, 'better-sqlite3']),
      ],
    },
  },
  {
    files: ['electron/main/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        packagesOutside('The shell', ['react', 'react-dom', 'better-sqlite3', 'socket.io-client']),
      ],
      'import-x/no-restricted-paths': ['error', { zones: [{ target: './electron/main', from: './renderer' }] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        packagesOutside('The preload (electron and the contract only)', [
          ...NODE_BUILTINS,
          'react',
          'react-dom',
          'better-sqlite3',
          'socket.io',
          'socket.io-client',
        ]),
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './electron/preload', from: ['./electron/main', './renderer'] },
            { target: './electron/preload', from: './shared', except: ['./contract.ts'] },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        packagesOutside('The renderer', [
          'electron',
          ...NODE_BUILTINS,
          'better-sqlite3',
          'socket.io',
          'socket.io-client',
        ]),
      ],
      'import-x/no-restricted-paths': ['error', { zones: [{ target: './renderer', from: ['./electron', './tests'] }] }],
    },
  },
  {
    // Only the transport adapters speak socket.io; everything else goes through the Transport interface.
    files: ['renderer/transport/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        packagesOutside('The renderer', ['electron', ...NODE_BUILTINS, 'better-sqlite3', 'socket.io']),
      ],
    },
  },
  prettier,
);
