// ESLint flat config. The import-boundary rules below are the enforced form of the layout in
// ../shared/DESIGN.md: they fail `npm run lint` (and so `npm test`), and
// test/unit/lint/boundaries.test.ts proves each one bites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnly = {
  regex: '^electron(/|$)',
  message: 'Only electron/** may import electron; the engine must run in every host.',
};
const noReact = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
  message: 'The engine never imports React; UI lives in renderer/.',
};
const noRenderer = {
  group: ['**/renderer', '**/renderer/**'],
  message: 'The engine never imports the renderer.',
};

export const boundaryRules = {
  src: {
    'no-restricted-imports': ['error', { patterns: [electronOnly, noReact, noRenderer] }],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          electronOnly,
          {
            group: [
              'node:*',
              'fs',
              'fs/*',
              'path',
              'child_process',
              'os',
              'crypto',
              'worker_threads',
            ],
            message: 'The renderer is DOM-only; ask the engine through the typed client.',
          },
          { group: ['better-sqlite3'], message: 'The renderer never opens the case file itself.' },
          {
            group: ['**/src/**', '!**/src/shared', '!**/src/shared/**'],
            message: 'The renderer may import only src/shared/** from the engine.',
          },
        ],
      },
    ],
  },
  runbooks: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            // Sibling runbook files are allowed so that runbooks/index.ts can list them.
            regex: '^(?!xstate(/|$)|(\\.\\./)+src/shared(/|$)|\\./[\\w-]+$)',
            message:
              'Runbooks import only xstate, src/shared/** and each other; implementations come from src/runbook.',
          },
        ],
      },
    ],
  },
  other: {
    'no-restricted-imports': ['error', { patterns: [electronOnly] }],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      'dist/**',
      'release/**',
      'coverage/**',
      'test/fixtures/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            'bin/*.js',
            'scripts/*.js',
            'src/workers/*.mjs',
            'test/unit/electron/*.cjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Fakes in tests (e.g. a feed whose files() yields fixed values) are async without awaiting.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  { files: ['**/*.{ts,tsx,js}'], rules: boundaryRules.other },
  { files: ['src/**/*.ts'], rules: boundaryRules.src },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundaryRules.renderer,
    },
  },
  { files: ['runbooks/**/*.ts'], rules: boundaryRules.runbooks },
  // Electron's own code, and the tests that check it with Electron replaced by stand-ins.
  {
    files: ['electron/**/*.ts', 'test/unit/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
