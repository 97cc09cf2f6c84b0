// Builds only the main process's entries (out/main: index.js, core-host.js, render-worker.js) with
// electron-vite's own resolved configuration, exactly as `electron-vite build` builds them, without
// the renderer (a minute on a busy 2-core machine). The core host's tests and the event-loop bench
// run the built host, as the app does. OSR_OUT_DIR chooses the folder, as for electron-vite build.
import { resolveConfig } from 'electron-vite'
import { build } from 'vite'

process.env.NODE_ENV_ELECTRON_VITE = 'production'
const { config } = await resolveConfig({ logLevel: 'error' }, 'build', 'production')
if (!config?.main) throw new Error('electron.vite.config.ts has no main configuration')
await build(config.main)
