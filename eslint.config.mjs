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
 * - electron/cli (the admin command line) runs in plain Node on the core: never Electron, the shell or the UI;
 * - electron/main never imports the core: the core lives in the core host's process, reached through
 *   electron/core-host/core-client.ts (which imports only the protocol and shared/); the one exception
 *   is electron/core/data-folder (where the records' folder is: files only, no database or key);
 * - electron/core-host is plain Node (the tests run it without Electron): never Electron, the shell or the UI.
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
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          // One exception: where the records' folder is and whether a folder may hold it (the start-up choice,
          // the move) are file-system rules with no database, key or session, and the main process needs
          // them before any core host exists.
          { regex: '(^|/)core/(?!data-folder/)', message: 'electron/main must not load the core: it runs in the core host. Talk to it through electron/core-host/core-client.' },
          { group: ['**/core-host/host', '**/core-host/serve-core', '**/core-host/fork-host'], message: 'electron/main must not load the core: it runs in the core host. Talk to it through electron/core-host/core-client.' },
          { group: ['**/cli/**', '**/renderer/**', '@/*'], message: 'electron/main must not import the command line or the UI.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core-host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The core host is plain Node (the tests run it without Electron): the Electron side lives in electron/main.' }],
        patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '@/*'], message: 'The core host must not depend on the shell, the UI or the command line.' }],
      }],
    },
  },
  {
    // main bundles the client: it must not pull the core in with it.
    files: ['electron/core-host/core-client.ts', 'electron/core-host/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The core host is plain Node (the tests run it without Electron): the Electron side lives in electron/main.' }],
        patterns: [
          { group: ['**/core/**'], message: 'The client is bundled into main: it must not import the core (only the protocol and shared/).' },
          { group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', '@/*'], message: 'The core host must not depend on the shell, the UI or the command line.' },
        ],
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
