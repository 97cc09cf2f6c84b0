// The import rules `npm run lint` checks beyond ESLint's (tests/unit/import-cycles.test.ts proves
// each fires). Only imports that load code count: `import type` is erased when the code is built.
// dependency-cruiser loads its configuration as CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const { readdirSync } = require('node:fs')
const { join } = require('node:path')
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The folders of electron/core that are the core's own machinery, which any record kind may use:
 * the dispatcher, the database, the store and its vault, files, signing, the feature kit, demo and
 * health frameworks, the data folder, and the register's own kinds (sign-in, school, users, audit,
 * backups, reports' engine). Every other folder is a record kind (with a feature.ts named in
 * electron/core/features.ts; tests/unit/import-rules.test.ts checks it), so a new kind is one by
 * being there.
 */
const MACHINERY = ['api', 'audit', 'auth', 'backup', 'data-folder', 'db', 'demo', 'feature-kit', 'files', 'health', 'reports', 'school', 'session', 'signing', 'store', 'users', 'vault']
const KIND_FOLDERS = readdirSync(join(__dirname, 'electron/core'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !MACHINERY.includes(d.name))
  .map((d) => d.name)
const FEATURE_FOLDERS = KIND_FOLDERS.join('|')

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'machinery-reaches-into-a-kind',
      severity: 'error',
      comment:
        'The core\'s own machinery (api, db, store, reports\' engine...) serves the record kinds and knows none of their insides: a kind plugs in through its feature.ts (named in features.ts) or offers what others need in its services.ts.',
      from: { path: '^electron/core/', pathNot: `^electron/core/(${FEATURE_FOLDERS})/` },
      // A kind's migrations are listed in order by db/migrations/index.ts (they import only knex).
      to: { path: `^electron/core/(${FEATURE_FOLDERS})/`, pathNot: ['^electron/core/[^/]+/(services|feature)\\.ts$', '^electron/core/[^/]+/migrations/[^/]+\\.ts$'] },
    },
    {
      name: 'feature-reaches-into-another',
      severity: 'error',
      comment:
        'A record kind uses another only through what that kind offers in its services.ts: reaching into its files ties the two together, so a change inside one breaks the other. Import from <kind>/services.ts, adding what you need there.',
      from: { path: `^electron/core/(${FEATURE_FOLDERS})/` },
      to: { path: `^electron/core/(${FEATURE_FOLDERS})/`, pathNot: ['^electron/core/$1/', '^electron/core/[^/]+/services\\.ts$'] },
    },
    {
      name: 'no-cycle-in-the-core',
      severity: 'error',
      comment:
        'A cycle in the core makes a module run before another it needs has finished loading, and ties features together that should stand apart: move what both need into a third module.',
      from: { path: '^electron/core/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] }, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
}

// For tests/unit/import-cycles.test.ts, which checks the list against the kinds in electron/core/features.ts.
Object.defineProperty(module.exports, 'kindFolders', { value: KIND_FOLDERS, enumerable: false })
