import type { Page } from '@playwright/test'
import type { Role } from '../../shared/domain/roles'
import { expect, expectAccessible, test } from './fixtures'
import { MANAGER, setUpSchool, signIn, signOut } from './register'

// Every screen of every role's menu, reached and worked with the keyboard alone: the menu link
// chosen with Tab and Enter, the skip link taking the cursor to the screen's own content, then
// Tab through the screen. Each element reached must show where the cursor is, and the cursor must
// never fall back to the page itself or stay put. axe checks each screen as well. One page per
// role: a launch per screen would cost the suite minutes.

type Api = Record<string, (input: object) => Promise<{ ok: boolean; error?: { message: string } }>>

const PASSWORD = 'quiet harbour violet kettle'
const USERS: readonly { role: Exclude<Role, 'manager'>; username: string; displayName: string }[] = [
  { role: 'head', username: 'k.head', displayName: 'Kit Head' },
  { role: 'dsl', username: 'k.dsl', displayName: 'Kit Lead' },
  { role: 'ict', username: 'k.ict', displayName: 'Kit Tech' },
  { role: 'office', username: 'k.office', displayName: 'Kit Desk' },
]
/** Tab presses per screen: enough to pass its filters, its table's headers and its first rows. */
const MAX_TABS = 30

/** One user of each role, each with their own password chosen, through the window's own API; then the register is locked. */
async function addUsers(app: Page): Promise<void> {
  const failed = await app.evaluate(
    async ({ users, password }) => {
      const api = (window as unknown as { api: Api }).api
      const problems: string[] = []
      const check = (r: { ok: boolean; error?: { message: string } }) => void (r.ok || problems.push(r.error!.message))
      for (const u of users) check(await api['users.create']!({ ...u, password: 'first given password here' }))
      for (const u of users) {
        check(await api['session.lock']!({}))
        check(await api['session.login']!({ username: u.username, password: 'first given password here' }))
        check(await api['account.changePassword']!({ currentPassword: 'first given password here', newPassword: password }))
      }
      check(await api['session.lock']!({}))
      return problems
    },
    { users: USERS, password: PASSWORD },
  )
  expect(failed).toEqual([])
}

/** What has the keyboard now, and whether a person can see that it has. */
function focused(app: Page) {
  return app.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    const w = window as unknown as { keyboardWalkLast?: Element | null }
    const same = w.keyboardWalkLast === el
    w.keyboardWalkLast = el
    if (!el || el === document.body || el === document.documentElement) return { lost: true, same, name: '', where: '', shown: false, inMain: false }
    const ring = (e: Element) => {
      const s = getComputedStyle(e)
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    }
    // A text field shows its focus on the whole field (its border and label), not on the bare input.
    const field = el.closest('.v-field--focused')
    // A checkbox's or radio's input is invisible: its ring is drawn on the control around it.
    const control = el.closest('.v-selection-control--focus-visible')?.querySelector('.v-selection-control__input')
    const box = el.getBoundingClientRect()
    const visible = box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    const shown = (ring(el) || Boolean(field) || (control ? ring(control) : false)) && (visible || Boolean(field) || Boolean(control))
    const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 60)
    const where = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').slice(0, 2).join('.')}` : ''}`
    return { lost: false, same, name, where, shown, inMain: Boolean(el.closest('#main-content')) }
  })
}

/**
 * Chooses a screen in the main menu with Tab and Enter, as a keyboard user would: from the menu
 * entry before it (Tab from the first entry to every later one would walk the menu once per
 * screen, and a menu of thirty entries made the walk the slowest test of the run).
 */
async function openByKeyboard(app: Page, title: string, place: number): Promise<void> {
  const links = app.getByRole('navigation', { name: 'Main menu' }).getByRole('link')
  await links.nth(Math.max(0, place - 1)).focus()
  for (let i = 0; i < 5 && (await focused(app)).name !== title; i++) await app.keyboard.press('Tab')
  expect((await focused(app)).name, `the menu link “${title}” is reached with Tab`).toBe(title)
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { level: 1 }).first()).toBeVisible()
}

async function settle(app: Page): Promise<void> {
  // A screen still reading its records would be walked before its content is there, and a form
  // that puts the cursor in its first field as it appears would take it from under the walk.
  await expect(app.locator('#main-content [data-testid="busy-note"], #main-content .v-data-table-progress')).toHaveCount(0, { timeout: 5_000 }).catch(() => undefined)
  // On a busy machine a screen's parts (figures, a chart loaded on first use) can still arrive after
  // its loading note has gone, and re-draw the field the walk stands on: wait until the content has
  // not changed for 300 ms (at most 5 s).
  await app.evaluate(
    () =>
      new Promise<void>((done) => {
        const main = document.getElementById('main-content')
        if (!main) return done()
        let quiet = setTimeout(finish, 300)
        const cap = setTimeout(finish, 5_000)
        const watcher = new MutationObserver(() => {
          clearTimeout(quiet)
          quiet = setTimeout(finish, 300)
        })
        function finish() {
          watcher.disconnect()
          clearTimeout(quiet)
          clearTimeout(cap)
          done()
        }
        watcher.observe(main, { childList: true, subtree: true, attributes: true, characterData: true })
      }),
  )
}

/** The skip link, then Tab through the screen's content. Returns what went wrong, in words. */
async function walkScreen(app: Page, title: string): Promise<string[]> {
  const problems: string[] = []
  await settle(app)
  await app.getByTestId('skip-link').focus()
  await app.keyboard.press('Enter')
  const main = await app.evaluate(() => document.activeElement?.id)
  if (main !== 'main-content') problems.push(`${title}: the skip link left the cursor on ${main || 'the page'}, not the main content`)
  let repeats = 0
  let before = 'the skip link'
  for (let i = 0; i < MAX_TABS; i++) {
    await app.keyboard.press('Tab')
    const now = await focused(app)
    if (now.lost) {
      // Past the last element a browser tab hands the keyboard to its own bar, and the next Tab
      // starts the page again: that is the end of the screen, not a lost cursor.
      await app.keyboard.press('Tab')
      const wrapped = await app.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'skip-link')
      if (!wrapped) problems.push(`${title}: after ${i + 1} Tab(s), from ${before}, the cursor fell back to the page`)
      break
    }
    // Out of the content (to the menu, the app bar or the skip link): the screen has been walked.
    if (!now.inMain) break
    if (!now.shown) problems.push(`${title}: no visible focus on ${now.where} “${now.name}”`)
    repeats = now.same ? repeats + 1 : 0
    if (repeats >= 2) {
      problems.push(`${title}: the cursor is stuck on ${now.where} “${now.name}”`)
      break
    }
    before = `${now.where} “${now.name}”`
  }
  return problems
}

const ROLES: readonly { username: string; password: string; role: Role }[] = [
  { username: MANAGER.username, password: MANAGER.password, role: 'manager' },
  ...USERS.map((u) => ({ username: u.username, password: PASSWORD, role: u.role })),
]

test.describe('keyboard only', () => {
  // One test per role, so the roles' walks share the workers: every record kind adds screens to several menus.
  for (const who of ROLES) {
    test(`every screen of the ${who.role} role’s menu is reached, walked and checked with the keyboard`, async ({ app }) => {
      test.setTimeout(300_000)
      await app.setViewportSize({ width: 1366, height: 768 })
      await setUpSchool(app)
      await addUsers(app)
      await app.reload()

      const problems: string[] = []
      await signIn(app, who.username, who.password)
      await expect(app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My account' })).toBeVisible()
      const titles = (await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents()).map((t) => t.trim())
      expect(titles.length).toBeGreaterThan(1)
      for (const [place, title] of titles.entries()) {
        await openByKeyboard(app, title, place)
        problems.push(...(await walkScreen(app, `${who.role} › ${title}`)))
        await expectAccessible(app).catch((err: Error) => problems.push(`${who.role} › ${title}: ${err.message.split('\n').slice(0, 12).join(' ')}`))
      }
      await signOut(app)
      expect(problems).toEqual([])
    })
  }
})
