// @ts-check
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib']

/**
 * The folder boundaries from ARCHITECTURE.md, as lint rules, so a wrong import fails the build:
 * - electron/core runs in plain Node (tests, CLI): never imports Electron or the shell;
 * - shared/ is pure TypeScript for both sides: no Node, no DOM, no Electron, no app code;
 * - renderer/ reaches the core only through window.api: no Node, no Electron, no core;
 * - electron/preload imports Electron and the lists of method and shell-service names, nothing else;
 * - electron/cli (the admin command line) runs in plain Node on the core: never Electron, the shell or the UI.
 */
const boundaries = [
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'electron/core must run in plain Node: move Electron code to electron/main.' }],
        patterns: [{ group: ['**/electron/main/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**'], message: 'electron/core must not depend on the shell, the UI or the command line.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ is pure TypeScript: no Electron.' }],
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node modules.' },
          { group: ['**/electron/**', '**/renderer/**', '@/*'], message: 'shared/ must not depend on either side.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches the core only through window.api.' }],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer has no Node: ask the core through window.api.' },
          { group: ['**/electron/**'], message: 'The renderer reaches the core only through window.api (renderer/src/api).' },
        ],
      }],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The command line runs in plain Node: use electron/core, never Electron.' }],
        patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**', '@/*'], message: 'The command line may import electron/core and shared/ only, never the shell or the UI.' }],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!electron$|(\\.\\./)+shared/api/(method|shell)-names$)', message: 'The sandboxed preload may import only electron and the method and shell-service names.' }],
      }],
    },
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', '.tmp/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['renderer/**/*'],
    languageOptions: { globals: globals.browser },
    // Text from the records is only ever shown as text: nothing in the window may turn a string into HTML.
    rules: {
      'vue/no-v-html': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Show record text as text ({{ }} or textContent), never as HTML.' },
        { property: 'outerHTML', message: 'Show record text as text ({{ }} or textContent), never as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Show record text as text ({{ }} or textContent), never as HTML.' },
        { object: 'document', property: 'write', message: 'Show record text as text ({{ }} or textContent), never as HTML.' },
      ],
    },
  },
  {
    files: ['electron/**/*', 'tests/**/*', 'scripts/**/*', 'bench/**/*', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...boundaries,
)
