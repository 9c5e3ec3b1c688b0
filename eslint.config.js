// ESLint flat config: typescript-eslint strict type-checked rules plus the layering rules of docs/architecture.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'examples/**', 'bench/out/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bench/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      'no-console': 'error',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['src/cli/**', 'scripts/**', 'bench/**', 'test/**'], rules: { 'no-console': 'off' } },
  layer(
    ['src/model/**'],
    [{ group: ['../*', '!../model/*'], message: 'model/ imports nothing outside model/.' }],
  ),
  layer(
    ['src/rules/**'],
    [
      {
        group: ['**/load/**', '**/engine/**', '**/report/**', '**/cli/**', '**/analysis/**'],
        message: 'A rule reads the model only, and its analyses from its context (needs).',
      },
    ],
  ),
  {
    // The one kit file that names the analyses' types for the rules' context: types only.
    files: ['src/rules/kit/analyses.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/load/**', '**/engine/**', '**/report/**', '**/cli/**'],
              message: 'A rule reads the model only.',
            },
            {
              group: ['**/analysis/**'],
              allowTypeImports: true,
              message: 'The kit names the analyses by type only; the engine hands them over.',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['src/analysis/**'],
    [
      {
        group: ['**/load/**', '**/engine/**', '**/report/**', '**/cli/**', '**/rules/**'],
        message: 'Analyses are pure functions over the model.',
      },
    ],
  ),
  layer(
    ['src/fix/**'],
    [
      {
        regex:
          '^(\\.\\./)+(report|cli|rules)/|^(\\.\\./)+load/(?!terraform/hcl-outline\\.js$|manifests/split-documents\\.js$)|^(\\.\\./)+engine/(?!finding\\.js$|timings\\.js$)',
        message:
          'A fix is computed from the model, the analyses and the findings (and edits HCL by its outline, YAML documents as the loader splits them).',
      },
    ],
  ),
  layer(
    ['src/load/**'],
    [
      {
        regex: '^(\\.\\./)+(rules|report|cli)/|^(\\.\\./)+engine/(?!config\\.js$|timings\\.js$)',
        message: 'Loaders produce the model only.',
      },
    ],
  ),
  layer(
    ['src/engine/**'],
    [{ group: ['**/report/**', '**/cli/**', '**/load/**'], message: 'The engine does no I/O.' }],
  ),
  layer(
    ['src/report/**'],
    [
      {
        regex: '^(\\.\\./)+cli/|^(\\.\\./)+load/(?!diagnostics\\.js$)',
        message: 'Reports format results only.',
      },
    ],
  ),
  layer(
    ['src/cli/**'],
    [
      {
        group: ['**/analysis/**'],
        message: 'A command calls a verb (engine/<verb>.ts) and picks a renderer (report/<verb>/).',
      },
    ],
  ),
);
