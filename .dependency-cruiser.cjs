// The import rules `npm run lint` checks beyond ESLint's (tests/unit/import-cycles.test.ts proves
// each fires). Only imports that load code count: `import type` is erased when the code is built.
/**
 * The folders of electron/core that hold a record kind (each has a feature.ts named in
 * electron/core/features.ts; tests/unit/import-cycles.test.ts checks this list against them). The
 * other folders are the core's own machinery (api, db, store, vault, files, reports' engine...),
 * which any kind may use.
 */
const KIND_FOLDERS = ['agreements', 'annual-review', 'dashboard', 'drafts', 'incidents', 'people', 'permissions', 'reviews-and-checks', 'visits']
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
      to: { path: `^electron/core/(${FEATURE_FOLDERS})/`, pathNot: '^electron/core/[^/]+/(services|feature)\\.ts$' },
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
