import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'

const alias = {
  '@shared': resolve(import.meta.dirname, 'shared'),
  '@': resolve(import.meta.dirname, 'renderer/src'),
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        plugins: [vue(), vuetify({ autoImport: true })],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts'],
          setupFiles: ['tests/renderer/setup.ts'],
          server: { deps: { inline: ['vuetify'] } },
          css: false,
          // The files share each worker's loaded modules (Vue, Vuetify, the screens): importing
          // Vuetify afresh for every file was two thirds of the run. Safe because every test ends in
          // tests/renderer/setup.ts, which unmounts its screens and resets what a file could pass on
          // (window.api, the active Pinia, the core-lock listener, timers, the page), and because
          // global stand-ins are vi.spyOn spies, which vitest restores after each file.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file opens real encrypted databases and waits on the disk (fsync) and on child
          // processes (the CLI): three at a time keeps a 2-core machine busy.
          maxWorkers: 3,
          // Projects sharing modules run as groups, each with its own number of workers: this one
          // after the unit and renderer tests.
          sequence: { groupOrder: 1 },
          // The files share each worker's loaded modules (the core, knex, pdfmake): importing them
          // afresh for every file cost a quarter of the run's CPU. Each test makes its own core on
          // its own temporary folder, and none of them mocks a module or changes a global.
          isolate: false,
        },
      },
    ],
  },
})
