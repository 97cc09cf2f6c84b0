import { expect, expectAccessible, screenshot, test } from './fixtures'
import { setUpSchool, signOut } from './register'

// The Electron shell reloads the window with ?notice=<key> after the page crashed or the File menu
// locked the register (electron/main/shell-menus.ts). Here the same addresses are opened directly.
test.describe('notices from the shell', () => {
  test('after a crash the window says it was reopened, on the screen it was on, until dismissed', async ({ app }) => {
    await setUpSchool(app)
    await app.goto('/?notice=window-restarted#/account')
    const banner = app.getByTestId('window-banner')
    await expect(banner).toContainText('The window stopped unexpectedly and has been reopened. Anything you had saved is safe')
    await expect(app.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible()
    // The notice leaves the address, so reloading does not show it again.
    await expect.poll(() => new URL(app.url()).search).toBe('')
    await expectAccessible(app)
    await screenshot(app, 'window-restarted')
    await banner.getByRole('button', { name: 'Dismiss this message' }).click()
    await expect(banner).toHaveCount(0)
  })

  test('a lock from the File menu says so on the sign-in screen', async ({ app }) => {
    await setUpSchool(app)
    // The shell locks the core, then reloads at the sign-in screen with the notice.
    await signOut(app)
    await app.goto('/?notice=locked-from-menu#/login')
    await expect(app.getByTestId('login-notice')).toContainText('The register was locked from the File menu.')
    await expect(app.getByTestId('window-banner')).toHaveCount(0)
    await expectAccessible(app)
  })

  test('an unknown notice shows nothing and leaves the address', async ({ app }) => {
    await app.goto('/?notice=%3Cb%3Ehello%3C%2Fb%3E#/')
    await expect(app.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(app.getByTestId('window-banner')).toHaveCount(0)
    await expect(app.getByText('hello')).toHaveCount(0)
    await expect.poll(() => new URL(app.url()).search).toBe('')
  })
})
