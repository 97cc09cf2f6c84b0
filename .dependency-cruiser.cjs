// The import rules `npm run lint` checks beyond ESLint's (tests/unit/import-cycles.test.ts proves
// each fires). Only imports that load code count: `import type` is erased when the code is built.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
