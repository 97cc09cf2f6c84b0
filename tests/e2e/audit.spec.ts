import { expect, expectAccessible, screenshot, test } from './fixtures'
import { MANAGER, openFromMenu, setUpSchool, signIn, signOut } from './register'

test.describe('audit trail', () => {
  test('shows what happened, newest first, and the chain check says it is intact', async ({ app }) => {
    await setUpSchool(app)
    // Something to find: a failed sign-in and a fresh one.
    await signOut(app)
    await signIn(app, MANAGER.username, 'wrong password entirely')
    await expect(app.getByTestId('login-password')).toContainText(/do not match/)
    await signIn(app, MANAGER.username, MANAGER.password)
    await openFromMenu(app, 'Audit trail')

    const table = app.getByTestId('audit-table')
    await expect(table).toContainText('Set up the register')
    await expect(table).toContainText('Signed in')
    await expect(table).toContainText('Refused')
    await expect(table.locator('tbody tr').first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    // Words, not codes: the user by name, the record by name, no action code or kind:id.
    await expect(table).toContainText(MANAGER.displayName)
    await expect(table).toContainText('the school profile')
    await expect(table).not.toContainText('session.login')
    await expect(table).not.toContainText(/\b(user|person|incident):\d+/)
    await expectAccessible(app)
    await app.setViewportSize({ width: 1366, height: 768 })
    await screenshot(app, 'audit-trail')

    // A window too narrow for the table: the table scrolls sideways in its frame, and the frame
    // takes the keyboard so it can be scrolled without a mouse (axe's scrollable-region check).
    const frame = table.locator('.v-table__wrapper')
    await app.setViewportSize({ width: 560, height: 800 })
    await expect(frame).toHaveAttribute('tabindex', '0')
    await expect(frame).toHaveAttribute('aria-label', 'Audit trail table, scrolls sideways')
    await expectAccessible(app)
    await app.setViewportSize({ width: 1280, height: 800 })
    await expect(frame).not.toHaveAttribute('tabindex', '0')

    // Oldest first, by the core: the set-up comes first; once more and it is newest first again.
    await table.getByRole('columnheader', { name: 'When' }).click()
    await expect(table.locator('tbody tr').first()).toContainText('Set up the register')
    await table.getByRole('columnheader', { name: 'When' }).click()
    await expect(table.locator('tbody tr').first()).not.toContainText('Set up the register')
    await table.getByRole('columnheader', { name: 'When' }).click()

    await app.getByRole('button', { name: 'Check the trail' }).click()
    await expect(app.getByTestId('verify-result')).toContainText('The trail is intact')
    await expect(app.getByTestId('verify-result')).toContainText(/\d+ entries/)
    await expectAccessible(app)
    await screenshot(app, 'audit-verified')

    // Filter by text: only matching rows, and a plain empty state when nothing matches.
    await app.getByLabel('Containing').fill('setup')
    await app.getByLabel('Containing').press('Enter')
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await expect(table).toContainText('Set up the register')
    // The words the table shows find their entries.
    await app.getByLabel('Containing').fill('Signed in')
    await app.getByLabel('Containing').press('Enter')
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await expect(table).toContainText('Refused')
    await app.getByLabel('Containing').fill('nothing-like-this')
    await app.getByRole('button', { name: 'Show', exact: true }).click()
    await expect(table).toContainText('No entries match these filters.')

    // Dates are typed the UK way; a date that is not one is named.
    await app.getByLabel('Containing').fill('')
    await app.getByLabel('From').fill('31/02/2020')
    await app.getByLabel('From').press('Enter')
    await expect(app.getByText('There is no 31/02/2020 in the calendar: check the day and the month.')).toBeVisible()
    await app.getByLabel('From').fill('01/01/2020')
    await app.getByLabel('To').fill('31/12/2020')
    await app.getByRole('button', { name: 'Show', exact: true }).click()
    await expect(table).toContainText('No entries match these filters.')
    await app.getByRole('button', { name: 'Clear' }).click()
    await expect(table).toContainText('Set up the register')
  })

  test('the headteacher can read the trail; reception cannot reach it', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Users')
    for (const [name, username, role] of [
      ['Hal Head', 'h.head', 'Headteacher'],
      ['Rita Desk', 'r.desk', 'Office staff (reception)'],
    ] as const) {
      await app.getByRole('button', { name: 'Add a user' }).click()
      const dialog = app.getByTestId('user-dialog')
      await dialog.getByLabel('Name', { exact: true }).fill(name)
      await dialog.getByLabel('Username').fill(username)
      await dialog.getByTestId('user-role').click()
      await app.getByRole('option', { name: role }).click()
      await dialog.getByLabel('First password').fill('first password given 2025')
      await dialog.getByRole('button', { name: 'Add user' }).click()
      await expect(app.getByTestId('users-done')).toContainText(`${name} has been added`)
    }
    await signOut(app)
    await signIn(app, 'h.head', 'first password given 2025')
    await app.getByLabel('Password you use now').fill('first password given 2025')
    await app.getByLabel('New password', { exact: true }).fill('granite puffin lemon stairs')
    await app.getByLabel('Type the new password again').fill('granite puffin lemon stairs')
    await app.getByRole('button', { name: 'Change password' }).click()
    await expect(app.getByTestId('password-changed')).toBeVisible()
    await expect(app.getByRole('navigation', { name: 'Main menu' }).getByRole('link')).toHaveText(['Home', 'Incident log', 'Visitor log', 'People', 'Agreements', 'Photo consent', 'May we publish?', 'Policies', 'Checks', 'Filtering changes', 'Calendar', 'Permission register', 'Reports', 'Annual review', 'Check a PDF', 'Audit trail', 'My account'])
    await openFromMenu(app, 'Audit trail')
    await expect(app.getByTestId('audit-table')).toContainText('Changed their own password')
  })
})
