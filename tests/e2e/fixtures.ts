import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, _electron, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

const root = resolve(__dirname, '../..')

/** The Electron binary, if this machine has one (it cannot be downloaded on the build machines). */
function electronBinary(): string | null {
  const dir = join(root, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

let announced = false

/** The header the test bridge wants its start-up token in (tests/e2e/bridge/server.mts). */
export const BRIDGE_TOKEN_HEADER = 'x-osr-bridge-token'

/** The token of the bridge at `origin`, from the page it serves (where the page's own script reads it). */
export async function bridgeToken(origin: string): Promise<string> {
  const page = await (await fetch(new URL('/index.html', origin))).text()
  const token = /<meta name="osr-bridge-token" content="([^"]+)"/.exec(page)?.[1]
  if (!token) throw new Error(`The test bridge at ${origin} served a page without its token: is it this repository's bridge?`)
  return token
}

/**
 * `app`: the app's window, ready on its first screen with an empty data folder.
 * Where an Electron binary is present it is the real app; otherwise the built renderer in
 * Chromium, talking to the real core through the loopback test bridge.
 * Every test also fails on a console error or an uncaught exception in the page.
 */
export const test = base.extend<{ app: Page }>({
  // This worker's own bridge (playwright.config.ts starts one per worker).
  baseURL: async ({ baseURL }, use, testInfo) => {
    const url = new URL(baseURL!)
    url.port = String(Number(url.port) + testInfo.parallelIndex)
    await use(url.origin)
  },
  // The specs' own calls to the bridge carry its token and a JSON content type, as the page's do.
  request: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { [BRIDGE_TOKEN_HEADER]: await bridgeToken(baseURL!), 'content-type': 'application/json' },
    })
    await use(context)
    await context.dispose()
  },
  app: async ({ page, request }, use) => {
    const problems: string[] = []
    const watch = (p: Page) => {
      p.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`))
      p.on('console', (msg) => {
        if (msg.type() !== 'error') return
        if (/favicon\.ico/.test(msg.location().url) || /favicon/.test(msg.text())) return
        problems.push(`console: ${msg.text()}`)
      })
    }

    const binary = electronBinary()
    if (binary) {
      const userData = mkdtempSync(join(tmpdir(), 'osr-electron-'))
      const electronApp = await _electron.launch({
        executablePath: binary,
        args: [join(root, 'out/main/index.js'), `--user-data-dir=${userData}`],
      })
      const win = await electronApp.firstWindow()
      watch(win)
      await use(win)
      await electronApp.close()
      rmSync(userData, { recursive: true, force: true })
    } else {
      if (!announced) {
        announced = true
        process.stdout.write('No Electron binary on this machine: running the built renderer in Chromium against the test bridge.\n')
      }
      const reset = await request.post('/__bridge/reset')
      expect(reset.ok()).toBe(true)
      watch(page)
      await page.goto('/')
      await use(page)
    }
    expect(problems, 'errors in the page').toEqual([])
  },
})

export { expect }

/**
 * WCAG 2.2 AA, as axe checks it, on what the page shows once it has settled: a table still
 * loading, or text still fading in, would be judged on colours a person never reads.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        !document.querySelector('.v-data-table-progress') &&
        document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    // One axe.run in the page itself: the default opens a blank page for every check to join the
    // results of frames, which doubled the time (the app has no frames to join).
    .setLegacyMode(true)
    .analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(summary, 'accessibility violations').toEqual([])
}

/**
 * Saves a screenshot under test-results/screenshots/ for a person to look at. CI has nobody to
 * look at them and sets OSR_SCREENSHOTS=0: eighty full-page captures are time the run does not need.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env['OSR_SCREENSHOTS'] === '0') return
  // A full-page shot of a scrolled page draws the fixed app bar part-way down.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(root, 'test-results/screenshots', `${name}.png`), fullPage: true })
}
