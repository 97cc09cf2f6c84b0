import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { thirdPartyNotices } from './scripts/vite/third-party-notices'
import { contract } from './shared/api/contract'

const shared = { '@shared': resolve(__dirname, 'shared') }

/** Where the build goes: `out/` unless OSR_OUT_DIR names another folder (two checkouts' e2e runs side by side). */
const out = resolve(__dirname, process.env['OSR_OUT_DIR'] ?? 'out')

/** Vite's dev server needs a websocket for hot reload; the built app's CSP stays strict. */
function devCsp(): Plugin {
  return {
    name: 'osr-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
  }
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The records (session, key, database) live in a utility process of their own: a long
          // call there never freezes the window.
          'core-host': resolve(__dirname, 'electron/core-host/host.ts'),
          // Reports are laid out and signed in a worker thread (of the core host): its own entry file.
          'render-worker': resolve(__dirname, 'electron/core/reports/pdf/render-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    // The contract's method names, written in as the preload is built: `window.api` gets exactly
    // these, and the sandboxed preload bundles no validation library.
    define: { __OSR_METHOD_NAMES__: JSON.stringify(Object.keys(contract)) },
    build: {
      outDir: resolve(out, 'preload'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload cannot require packages: everything it uses is bundled in.
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias: { ...shared, '@': resolve(__dirname, 'renderer/src') } },
    plugins: [vue(), vuetify({ autoImport: true }), devCsp(), thirdPartyNotices('Online Safety Register')],
    build: {
      outDir: resolve(out, 'renderer'),
      // electron-vite leaves builds unminified; the window parses about a third as much script minified.
      minify: true,
      // ECharts is one lazy chunk of about 500 kB, loaded with the first chart.
      chunkSizeWarningLimit: 600,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
})
