import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/**
 * The admin command line (electron/cli) as CommonJS for Node: out/cli/index.js (and its chunk).
 * Like electron-vite does for the main process, the packages in `dependencies` stay external
 * (knex loads its dialects dynamically, the SQLCipher driver is native) and so do Node's
 * built-ins; everything else (our code, shared/) is bundled.
 */
const root = __dirname
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> }
const dependencies = Object.keys(pkg.dependencies ?? {})
const builtins = new Set(builtinModules)

function isExternal(id: string): boolean {
  if (id.startsWith('node:') || builtins.has(id) || builtins.has(id.split('/')[0]!)) return true
  return dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`))
}

export default defineConfig({
  root,
  publicDir: false,
  resolve: { alias: { '@shared': resolve(root, 'shared') } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // Bundle everything that `isExternal` does not keep out (Vite's SSR default would externalise all packages).
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'electron/cli/index.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      external: isExternal,
      // What a command does (electron/cli/run.ts: the core, knex, the driver, ...) is imported only
      // when one runs, so help and usage errors answer at once: it becomes out/cli/chunks/run.js.
      // That chunk takes the small shared modules (errors, output) from index.js, which has
      // finished loading by then (the import happens after the entry's top level has run).
      output: { format: 'cjs', entryFileNames: 'index.js', chunkFileNames: 'chunks/[name].js' },
    },
  },
})
