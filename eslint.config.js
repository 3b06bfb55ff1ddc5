// ESLint (`npm run lint`, with dependency-cruiser for the direction of imports): the recommended rules of ESLint and
// typescript-eslint, without type information (fast), and a few of our own. Modest on purpose: it passes on the code
// as it is, and what it reports is a mistake, not a matter of taste (Prettier has the layout: .prettierrc).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'coverage/', 'reports/', '.stryker-tmp/', 'test/fixtures/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mjs,js}'],
    // Comments disabling no-explicit-any stay where they are, for the day it is turned on.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      // An unused import or variable is left over from a change; a leading _ says it is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      // pdfmake's nodes and a few library internals are untyped (write/pdf/node.ts says why).
      '@typescript-eslint/no-explicit-any': 'off',
      // `a!` after a check the compiler cannot follow (a Map just filled, a regex group that matched).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Character classes of control characters, joiners and variation selectors are meant (text/coverage.ts).
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      // A warning, for now: `a(), b()` as a loop body stands in three places (write/docx/zip.ts,
      // write/pdf/tagging/write.ts, test/long-words.test.ts); what the rule is after is a forgotten call.
      '@typescript-eslint/no-unused-expressions': ['warn', { allowShortCircuit: true, allowTernary: true }],
      // Two spaces in a pattern are meant as two spaces.
      'no-regex-spaces': 'off',
      // A `catch {}` that ignores on purpose (a lock already gone, an unmount that fails).
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      // A warning, for now: src/write/pdf/document.ts has one (its owner fixes it).
      'prefer-const': ['warn', { destructuring: 'all' }],
    },
  },
);
