// Lint: typescript-eslint's recommended rules, plus the architecture rule (STYLE.md): the core depends on
// nothing. Files under src/core/ may import only other core files: no packages, no Node built-ins, no outer ring.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OUTER_RINGS = ['lang', 'data', 'ai', 'sim', 'store', 'server', 'cli', 'web'];
const outerRings = {
  regex: `^(\\.\\./)+(${OUTER_RINGS.join('|')})(/|$)`,
  message: 'src/core must not import the outer rings; they depend on the core, never the reverse.',
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'reports/', 'bench/peers/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message: 'src/core is dependency-free: no packages and no Node built-ins (see STYLE.md).',
            },
            outerRings,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core does no I/O and reads no environment.' },
        { name: 'Buffer', message: 'The core does no I/O.' },
        { name: 'console', message: 'The core does no I/O: return events or issues instead.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator: the core is deterministic.' },
        { object: 'Date', property: 'now', message: 'The core reads no clock.' },
        { object: 'performance', property: 'now', message: 'The core reads no clock.' },
      ],
    },
  },
  {
    // Core tests may use the test tools, but still not the outer rings.
    files: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outerRings] }] },
  },
);
