// Lint: ESLint's and typescript-eslint's recommended rules, without type information (fast enough for
// every CI run on two cores), plus the few rules below. Formatting is left to editors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/', '**/node_modules/', 'packages/client/src/openapi.generated.ts', 'tests/artifacts/', 'bench/results/', 'data/', '.tap/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      // Entry points declare what the shutdown handler closes before they open it.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Input sanitising and terminal-output tests match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
);
