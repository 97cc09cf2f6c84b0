import { expect, expectAccessible, screenshot, test } from './fixtures'
import { MANAGER, SCHOOL, readRecoveryKey, stubPrint } from './register'

test.describe('setting up the school', () => {
  test('the wizard goes from the school to the recovery key to Home, by keyboard', async ({ app }) => {
    await expect(app.getByRole('heading', { name: 'Step 1 of 3: the school' })).toBeVisible()
    await expect(app.getByLabel('School name')).toBeFocused()

    // Enter with nothing filled in: the problems show under their fields.
    await app.keyboard.press('Enter')
    await expect(app.getByText('Please enter the school’s name.')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'setup-1-errors')

    await app.getByLabel('School name').fill(SCHOOL.name)
    await app.getByLabel('Address').fill('1 Hill Road\nMaidstone\nME14 1AA')
    await app.getByLabel('URN (Unique Reference Number)').fill('12345')
    await app.getByLabel('Designated safeguarding lead (DSL)').fill(SCHOOL.dsl)
    await app.getByRole('button', { name: 'Add a deputy DSL' }).click()
    await expect(app.getByLabel('Deputy DSL 1', { exact: true })).toBeFocused()
    await app.keyboard.type('Tom Reed')
    await app.getByLabel('Online safety governor (optional)').fill('Mrs A. Governor')
    await app.getByLabel('Online safety governor (optional)').press('Enter')
    await expect(app.getByText('The URN is the six-digit number from Get Information about Schools.')).toBeVisible()
    await app.getByLabel('URN (Unique Reference Number)').fill(SCHOOL.urn)
    await app.getByLabel('URN (Unique Reference Number)').press('Enter')

    await expect(app.getByRole('heading', { name: 'Step 2 of 3: your account' })).toBeVisible()
    await app.getByLabel('Your name').fill(MANAGER.displayName)
    await app.getByLabel('Username').fill(MANAGER.username)
    await app.getByLabel('Password', { exact: true }).fill('too short')
    await app.getByLabel('Type the password again').fill('too short')
    await app.getByLabel('Type the password again').press('Enter')
    await expect(app.getByText(/at least 12 characters — three or four random words/)).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'setup-2-account')

    // Back a step and forward again: nothing typed is lost.
    await app.getByRole('button', { name: 'Back' }).click()
    await expect(app.getByLabel('School name')).toHaveValue(SCHOOL.name)
    await expect(app.getByLabel('Deputy DSL 1', { exact: true })).toHaveValue('Tom Reed')
    await app.getByRole('button', { name: 'Next' }).click()
    await expect(app.getByLabel('Username')).toHaveValue(MANAGER.username)

    await app.getByLabel('Password', { exact: true }).fill(MANAGER.password)
    await app.getByLabel('Type the password again').fill(MANAGER.password)
    await app.getByRole('button', { name: 'Show password' }).first().click()
    await expect(app.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text')
    await app.getByLabel('Type the password again').press('Enter')

    await expect(app.getByRole('heading', { name: 'Your recovery key' })).toBeVisible()
    const key = await readRecoveryKey(app)
    expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/)
    await expectAccessible(app)
    await screenshot(app, 'setup-3-recovery-key')

    await stubPrint(app)
    await app.getByRole('button', { name: 'Print the recovery sheet' }).click()
    expect(await app.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    // The printed sheet carries the school and every group of the key.
    await app.emulateMedia({ media: 'print' })
    await expect(app.locator('.recovery-print')).toBeVisible()
    await expect(app.locator('.recovery-print')).toContainText(SCHOOL.name)
    await expect(app.locator('.recovery-print')).toContainText(key.split('-')[0]!)
    await screenshot(app, 'setup-3-print-sheet')
    await app.emulateMedia({ media: 'screen' })

    const go = app.getByRole('button', { name: 'Go to the register' })
    await expect(go).toBeDisabled()
    await app.getByLabel('I have printed or written down the recovery key and will keep it locked away.').check()
    await go.click()

    await expect(app.getByRole('heading', { level: 1 })).toHaveText(/^Good (morning|afternoon|evening), Bea$/)
    await expect(app.getByTestId('status-unlocked')).toContainText(`${MANAGER.displayName} · School business manager`)
    await expect(app.getByTestId('signed-in-user')).toContainText('School business manager')
    await expect(app).toHaveTitle('Home · Online Safety Register')
    // The business manager's dashboard on a new register: the standard checks are already due.
    await expect(app.getByTestId('dashboard-attention')).toContainText('Web filter check')
    await expect(app.getByTestId('dashboard-waiting')).toContainText('No incidents are waiting for the DSL.')
    // Checked once the dashboard has read what it shows (a Refresh button mid-way through its
    // loading spinner is not what the office reads).
    await expect(app.getByTestId('dashboard-refresh')).not.toHaveClass(/v-btn--loading/)
    await expectAccessible(app)
    await screenshot(app, 'setup-4-home')
    // A new school is walked through its first steps, each a link to where it is done.
    const steps = app.getByTestId('getting-started')
    await expect(steps.getByTestId('getting-started-count')).toHaveText('0 of 7 done. This card goes once every step is done.')
    await steps.getByRole('link', { name: 'Enter your policies and their review dates' }).click()
    await expect(app).toHaveURL(/#\/policies$/)
    await app.goBack()
    await expect(steps).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'dashboard-manager')
  })
})
