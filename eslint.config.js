import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import { layersRule } from './scripts/ci/import-boundaries.js';

/**
 * The layers and which way their imports may point, enforced by seams/layers (scripts/ci/import-boundaries.js).
 * capture → features → models → fusion → log → session → ui, with src/domain as the ground floor.
 * `allow`: the only other layers it may import; `deny`: layers it must never import.
 */
const LAYERS = {
  'src/domain': { allow: [] },
  'src/features': { allow: ['src/domain'] },
  'src/models': { allow: ['src/domain', 'src/features'] },
  'src/fusion': { allow: ['src/domain', 'src/features'] },
  'src/records': { allow: ['src/domain'], typesOnly: ['src/log'] },
  'src/log': { allow: ['src/domain', 'src/records'] },
  'src/protocol': { allow: ['src/domain', 'src/features'], typesOnly: ['src/models', 'src/log', 'src/records'] },
  'src/capture': { deny: ['src/ui', 'src/session', 'src/log', 'src/fusion'] },
  'src/link': { allow: ['src/domain'] },
  'src/alerts': { allow: ['src/domain', 'src/log'] },
  'src/session': { deny: ['src/ui'] },
  'src/ui': { deny: [] },
  workers: { deny: ['src/ui', 'src/session', 'src/log'] },
  scripts: { deny: ['tests'] },
  tests: { deny: [] },
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'dev-dist/', 'node_modules/', 'public/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.js'],
    plugins: { seams: { rules: { layers: layersRule } } },
    rules: {
      // Spec files may also use the shared test fixtures and helpers under tests/.
      'seams/layers': ['error', { root: import.meta.dirname, layers: LAYERS, testFiles: '\\.spec\\.ts$', testHelpers: ['tests'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
