import { expect, expectAccessible, screenshot, test } from './fixtures'
import { MANAGER, setUpSchool, signIn, signOut } from './register'

test.describe('signing in and out', () => {
  test('sign out, a wrong password says so under the field, the right one opens Home', async ({ app }) => {
    await setUpSchool(app)
    await signOut(app)
    await expect(app.getByTestId('login-notice')).toContainText('You have signed out.')
    await expect(app).toHaveTitle('Sign in · Online Safety Register')
    // No menu and no hide-screen button while locked.
    await expect(app.getByRole('navigation', { name: 'Main menu' })).toHaveCount(0)
    await expect(app.getByTestId('hide-screen')).toHaveCount(0)
    await expectAccessible(app)
    await screenshot(app, 'sign-in')

    await signIn(app, MANAGER.username, 'not the right password')
    const password = app.getByLabel('Password', { exact: true })
    await expect(app.getByTestId('login-password')).toContainText(/password/i)
    await expect(password).toHaveValue('')
    await expectAccessible(app)
    await screenshot(app, 'sign-in-wrong-password')

    await app.getByLabel('Username').fill(MANAGER.username)
    await password.fill(MANAGER.password)
    await app.getByRole('button', { name: 'Show password' }).click()
    await expect(password).toHaveAttribute('type', 'text')
    await app.getByRole('button', { name: 'Hide password' }).click()
    await expect(password).toHaveAttribute('type', 'password')
    await password.press('Enter')
    await expect(app.getByTestId('status-unlocked')).toContainText(MANAGER.displayName)
  })

  test('a locked register sends a deep link to sign-in and back to the screen asked for', async ({ app }) => {
    await setUpSchool(app)
    await signOut(app)
    await app.goto('/#/audit')
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await signIn(app, MANAGER.username, MANAGER.password)
    await expect(app.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible()
  })

  test('the recovery key opens the records and sets a new password', async ({ app }) => {
    const key = await setUpSchool(app)
    await signOut(app)
    await app.getByRole('button', { name: 'Forgotten your password?' }).click()
    await expect(app.getByRole('heading', { name: 'Use the recovery key' })).toBeVisible()
    await expect(app.getByLabel('Recovery key')).toBeFocused()
    await expectAccessible(app)
    await screenshot(app, 'sign-in-recover')

    // A wrong key is named under its field.
    await app.getByLabel('Recovery key').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH')
    await app.getByLabel('Username of the account to open').fill(MANAGER.username)
    await app.getByLabel('New password', { exact: true }).fill('harbour violet tundra spoon')
    await app.getByLabel('Type the new password again').fill('harbour violet tundra spoon')
    await app.getByRole('button', { name: 'Open the records' }).click()
    await expect(app.getByTestId('recover-key')).toContainText('does not open this register')

    await app.getByLabel('Recovery key').fill(key.toLowerCase())
    await app.getByRole('button', { name: 'Open the records' }).click()
    await expect(app.getByTestId('status-unlocked')).toContainText(MANAGER.displayName)

    await signOut(app)
    await signIn(app, MANAGER.username, 'harbour violet tundra spoon')
    await expect(app.getByTestId('status-unlocked')).toBeVisible()
  })

  test('F9 hides the screen at once, and so does the button', async ({ app }) => {
    await setUpSchool(app)
    const hide = app.getByTestId('hide-screen')
    await expect(hide).toContainText('F9')
    await expect(hide).toHaveAttribute('aria-keyshortcuts', 'F9')
    await app.keyboard.press('F9')
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(app.getByTestId('login-notice')).toContainText('The screen was hidden')
    await expect(app.getByText(MANAGER.displayName)).toHaveCount(0)
    await expectAccessible(app)
    await screenshot(app, 'hide-screen-locked')
    // The core really is locked, not only the screen.
    const status = await app.evaluate(async () => {
      const r = await (window as unknown as { api: Record<string, (i: object) => Promise<{ ok: boolean; value?: { unlocked: boolean } }>> }).api['app.status']!({})
      return r.value?.unlocked
    })
    expect(status).toBe(false)

    await signIn(app, MANAGER.username, MANAGER.password)
    await expect(app.getByTestId('status-unlocked')).toBeVisible()
    await app.getByTestId('hide-screen').click()
    await expect(app.getByTestId('login-notice')).toContainText('The screen was hidden')
  })

  test('when the core locks on its own, coming back to the window shows sign-in', async ({ app }) => {
    await setUpSchool(app)
    // As when the computer's screen locks: the core locks without the window asking.
    await app.evaluate(async () => {
      await (window as unknown as { api: Record<string, (i: object) => Promise<unknown>> }).api['session.lock']!({})
    })
    await app.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(app.getByTestId('login-notice')).toContainText('locked itself')
  })
})
