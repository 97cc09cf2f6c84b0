// The window's time to show the incident log and the reception lists on the large school: the
// app built once, the test bridge opening the bench's data folder, Chromium driven by Playwright.
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import config from '../playwright.config'
import { MANAGER } from './store'
import { median, ms, round, rows, say } from './table'

const SECTION = 'The window (built renderer in Chromium, test bridge on the large school)'
const RUNS = 5
const TARGET_MS = 1000
const ROOT = resolve(__dirname, '..')

function run(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** `OSR_OUT_DIR=<outDir> electron-vite build`, started now and awaited later (it overlaps the seeding). */
export function startBuild(outDir: string): Promise<number> {
  const t = process.hrtime.bigint()
  const child = run(process.execPath, [resolve(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'error'], { OSR_OUT_DIR: outDir })
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  return new Promise((ok, fail) => {
    child.on('error', fail)
    child.on('exit', (code) => (code === 0 ? ok(ms(t) / 1000) : fail(new Error(`electron-vite build failed (${code}):\n${output}`))))
  })
}

/** Starts the test bridge on the data folder; resolves once it listens. */
async function startBridge(outDir: string, dataDir: string, port: number): Promise<{ stop: () => Promise<void> }> {
  const child = run(process.execPath, ['--import', 'tsx', 'tests/e2e/bridge/server.mts', '--port', String(port)], { OSR_OUT_DIR: outDir, OSR_BRIDGE_DATA_DIR: dataDir })
  let output = ''
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the test bridge did not start:\n${output}`)), 60_000)
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString()
      if (output.includes('test bridge on')) {
        clearTimeout(timer)
        ok()
      }
    })
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
    child.on('exit', (code) => fail(new Error(`the test bridge stopped (${code}):\n${output}`)))
  })
  return {
    // The bridge locks the register as it stops (with the on-lock backup): wait for it.
    stop: () =>
      new Promise<void>((ok) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 180_000)
        child.on('exit', () => {
          clearTimeout(kill)
          ok()
        })
        child.kill('SIGTERM')
      }),
  }
}

/** Time from starting an in-app navigation (a hash change, as a menu link does) until `ready` is visible. */
async function navigate(page: Page, hash: string, ready: string): Promise<number> {
  // Leave for Home first, so the screen is mounted afresh and reads its list again.
  await page.evaluate(() => (window.location.hash = '#/'))
  await page.getByTestId('status-unlocked').waitFor()
  await page.locator(ready).first().waitFor({ state: 'detached' })
  const t = process.hrtime.bigint()
  await page.evaluate((h) => (window.location.hash = h), hash)
  await page.locator(ready).first().waitFor({ state: 'visible' })
  return ms(t)
}

export async function benchRenderer(outDir: string, dataDir: string, port: number, onSite: number): Promise<void> {
  say('Timing the window in Chromium on the large school...')
  const bridge = await startBridge(outDir, dataDir, port)
  const launch = config.use?.launchOptions ?? {}
  const browser = await chromium.launch(launch)
  try {
    const page = await browser.newPage({ viewport: config.use?.viewport ?? { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    let t = process.hrtime.bigint()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.getByLabel('Username').waitFor()
    const firstPaint = ms(t)
    await page.getByLabel('Username').fill(MANAGER.username)
    await page.getByLabel('Password', { exact: true }).fill(MANAGER.password)
    t = process.hrtime.bigint()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('status-unlocked').waitFor()
    const signedIn = ms(t)

    const screens: [name: string, hash: string, ready: string, note: string][] = [
      ['the incident log (/incidents): first row', '#/incidents', '[data-testid="incidents-table"] tbody tr a[href*="/incidents/"]', '50 rows a page, server-side'],
      ['reception: first visitor on site', '#/reception', '[data-testid="on-site-list"] li', `${onSite} signed in now`],
    ]
    for (const [name, hash, ready, note] of screens) {
      await navigate(page, hash, ready) // warm-up: the screen's code is loaded once
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) times.push(await navigate(page, hash, ready))
      rows.push({ section: SECTION, name: `${name}, median of ${RUNS}`, value: round(median(times)), unit: 'ms', target: `< ${TARGET_MS} ms`, met: median(times) < TARGET_MS, note: `runs ${times.map((v) => Math.round(v)).join(', ')} ms; ${note}` })
    }

    // Finding a returning visitor: three letters typed, until the first match is shown.
    const field = page.getByLabel('Find a returning visitor')
    const answer = '[data-testid="visitor-matches"] li, [data-testid="no-matches"]'
    const searches: number[] = []
    for (const text of ['smi', 'obr', 'kow', 'jon', 'wil', 'pat']) {
      await field.fill('')
      await page.locator(answer).first().waitFor({ state: 'detached' })
      const started = process.hrtime.bigint()
      await field.pressSequentially(text)
      await page.locator(answer).first().waitFor({ state: 'visible' })
      searches.push(ms(started))
    }
    const searchTimes = searches.slice(1) // the first is the warm-up
    rows.push({
      section: SECTION,
      name: `reception: 3 letters typed → first returning visitor shown, median of ${searchTimes.length}`,
      value: round(median(searchTimes)),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      met: median(searchTimes) < TARGET_MS,
      note: `runs ${searchTimes.map((v) => Math.round(v)).join(', ')} ms; includes typing the letters (one search a letter)`,
    })
    rows.push({ section: SECTION, name: 'open the app → sign-in screen shown', value: round(firstPaint), unit: 'ms', target: '(no target)', met: null, note: 'once; loads the whole built renderer' })
    rows.push({ section: SECTION, name: 'sign in → Home shown', value: round(signedIn), unit: 'ms', target: '(no target)', met: null, note: 'once; scrypt N=2^14 (the bridge) and the dashboard' })
    if (problems.length) throw new Error(`errors in the page: ${problems.join('; ')}`)
  } finally {
    await browser.close()
    await bridge.stop()
  }
}
