import { defineConfig } from '@playwright/test'

const port = Number(process.env['OSR_BRIDGE_PORT'] ?? 4599)
/**
 * Each worker drives its own test bridge (its own core and data folder) on port + its index,
 * so spec files run side by side without sharing a register. Two by default: most of a spec's
 * time is the window waiting (transitions, debounced searches, axe), not the CPU.
 */
export const E2E_WORKERS = Math.max(1, Number(process.env['OSR_E2E_WORKERS'] ?? 2))

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is unreachable here.
export const CHROMIUM_PATH = process.env['OSR_CHROMIUM'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Its own folder: Playwright empties it at start, and test-results/ also holds vitest's report.
  outputDir: 'test-results/playwright',
  // Every test starts from an empty register (the `app` fixture resets its worker's bridge), so the tests
  // of one file may run on different workers: the longest file no longer sets the time of the run.
  fullyParallel: true,
  workers: E2E_WORKERS,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['OSR_JSON_REPORT'] ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => ({
    command: `node --import tsx tests/e2e/bridge/server.mts --port ${port + i}`,
    url: `http://127.0.0.1:${port + i}/index.html`,
    reuseExistingServer: !process.env['CI'],
    stdout: 'pipe' as const,
    timeout: 60_000,
  })),
})
