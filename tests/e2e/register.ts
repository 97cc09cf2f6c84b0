import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** The business manager the specs set up, with a password the core accepts. */
export const MANAGER = { username: 'b.manager', displayName: 'Bea Manager', password: 'copper kettle orbit lantern' }
export const SCHOOL = { name: 'Hilltop Primary School', urn: '123456', dsl: 'Priya Shah' }

/** window.print would open a dialog in a real browser: record the request instead. */
export async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; printed: number }
    w.printed = 0
    w.print = () => {
      w.printed++
    }
  })
}

/** Runs the set-up wizard from the first screen to Home; returns the recovery key shown. */
export async function setUpSchool(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Welcome. Let’s set up your school.' })).toBeVisible()
  await page.getByLabel('School name').fill(SCHOOL.name)
  await page.getByLabel('URN (Unique Reference Number)').fill(SCHOOL.urn)
  await page.getByLabel('Designated safeguarding lead (DSL)').fill(SCHOOL.dsl)
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByLabel('Your name').fill(MANAGER.displayName)
  await page.getByLabel('Username').fill(MANAGER.username)
  await page.getByLabel('Password', { exact: true }).fill(MANAGER.password)
  await page.getByLabel('Type the password again').fill(MANAGER.password)
  await page.getByRole('button', { name: 'Set up the register' }).click()
  await expect(page.getByTestId('recovery-key')).toBeVisible()
  const key = await readRecoveryKey(page)
  await page.getByLabel('I have printed or written down the recovery key and will keep it locked away.').check()
  await page.getByRole('button', { name: 'Go to the register' }).click()
  await expect(page.getByTestId('status-unlocked')).toBeVisible()
  return key
}

export async function readRecoveryKey(page: Page): Promise<string> {
  const groups = await page.getByTestId('recovery-key').locator('.key-group').allTextContents()
  return groups.join('-')
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  const field = page.getByLabel('Username')
  // A freshly opened screen puts the cursor in Username: wait for that, or it may land mid-typing.
  if ((await field.inputValue()) === '') await expect(field).toBeFocused()
  await field.fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Sign out' }).or(page.getByTestId('sign-out')).first().click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
}

/** Opens a screen from the main menu, as a person would. */
export async function openFromMenu(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}
