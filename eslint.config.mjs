import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import jupyterPlugin from '@jupyter/eslint-plugin';
import prettierRecommended from 'eslint-plugin-prettier/recommended';

export default defineConfig(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      'lib',
      'lib-cli',
      '**/*.js',
      '**/*.d.ts',
      '.venv',
      'tests',
      '**/__tests__',
      'ui-tests/node_modules',
      'jupyterlab_sparkmagic_kerberos'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { jupyter: jupyterPlugin },
    rules: { ...jupyterPlugin.configs.recommended.rules }
  },
  prettierRecommended,
  {
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: { regex: '^I[A-Z]', match: true }
        }
      ],
      '@typescript-eslint/no-unused-vars': ['warn', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      quotes: ['error', 'single', { avoidEscape: true, allowTemplateLiterals: false }],
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  },
  {
    // The benchmarks' plain scripts run under Node.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: globals.node }
  },
  {
    // The browser benchmarks also run functions in the page (page.evaluate).
    files: ['bench/startup/page.mjs', 'bench/panel-ready.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  }
);
