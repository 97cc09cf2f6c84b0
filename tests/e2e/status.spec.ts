import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { METHOD_NAMES } from '../../shared/api/contract'
import { expect, expectAccessible, screenshot, test } from './fixtures'

test.describe('first start', () => {
  test('a new computer opens on the set-up wizard, saying what to do next', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Welcome. Let’s set up your school.' })).toBeVisible()
    await expect(app.getByText('This computer does not hold any school’s records yet.')).toBeVisible()
    await expect(app.getByTestId('app-version')).toContainText(/version \d+\.\d+\.\d+/)
    await expect(app).toHaveTitle('Set up · Online Safety Register')
    await expectAccessible(app)
    await screenshot(app, 'status-first-start')
  })

  test('the keyboard reaches the skip link and the main content', async ({ app }) => {
    await expect(app.getByTestId('setup-wizard')).toBeVisible()
    // The wizard puts the cursor in its first field; the skip link is the one stop before it.
    await expect(app.getByLabel('School name')).toBeFocused()
    await app.keyboard.press('Shift+Tab')
    const skip = app.getByRole('link', { name: 'Skip to main content' })
    await expect(skip).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(app.locator('#main-content')).toBeFocused()
  })

  test('the page cannot reach Node or Electron', async ({ app }) => {
    await expect(app.getByTestId('setup-wizard')).toBeVisible()
    const reach = await app.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; api?: object }
      return {
        require: typeof g.require,
        process: typeof g.process,
        apiKeys: Object.keys(g.api ?? {}).sort(),
        apiFrozen: Object.isFrozen(g.api),
      }
    })
    expect(reach.require).toBe('undefined')
    expect(reach.process).toBe('undefined')
    expect(reach.apiFrozen).toBe(true)
    expect(reach.apiKeys).toEqual([...METHOD_NAMES].sort())
  })
})

test.describe('the built preload', () => {
  // The e2e window gets window.api from the test bridge; the app's comes from the preload, whose
  // method names the build writes in from the contract (electron.vite.config.ts). Read as built.
  test('gives window.api exactly the contract\'s methods and bundles no validation library', () => {
    const preload = readFileSync(resolve(__dirname, '../..', process.env['OSR_OUT_DIR'] ?? 'out', 'preload/index.js'), 'utf8')
    const lists = [...preload.matchAll(/\[\s*"[a-zA-Z]+\.[a-zA-Z]+"(?:\s*,\s*"[a-zA-Z]+\.[a-zA-Z]+")*\s*\]/g)].map((m) => JSON.parse(m[0]) as string[])
    expect(lists.map((l) => [...l].sort())).toContainEqual([...METHOD_NAMES].sort())
    // zod is hundreds of kilobytes with safeParse and ZodError in it; the preload is a few.
    expect(preload).not.toMatch(/safeParse|ZodError/)
    expect(preload.length).toBeLessThan(20_000)
  })
})
