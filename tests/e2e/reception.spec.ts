import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool, signIn, signOut } from './register'

const VISITOR_AUP = [
  'Visitor acceptable use agreement',
  '',
  'I will only use the school’s computers and wifi for the purpose of my visit.',
  'I will not try to get round the school’s filtering or monitoring.',
  'I will not take photographs of pupils or store any pupil information on my own devices.',
  'I will tell the designated safeguarding lead at once about anything that worries me.',
].join('\n')

/** As the business manager: publish the visitor agreement from the Agreements screen. */
async function publishVisitorAup(app: Page): Promise<void> {
  await openFromMenu(app, 'Agreements')
  await app.getByRole('button', { name: 'Publish a new version' }).click()
  const dialog = app.getByTestId('publish-dialog')
  await dialog.getByLabel('Title').fill('Visitor acceptable use agreement')
  await dialog.getByLabel('Version label').fill('2025–26')
  await dialog.getByLabel('Visitors').check()
  await dialog.getByLabel('The agreement’s text').fill(VISITOR_AUP)
  await dialog.getByRole('button', { name: 'Publish' }).click()
  await expect(app.getByTestId('aup-versions')).toContainText('Visitor acceptable use agreement')
}

/** Draws a signature with the mouse across the signature box. */
async function drawSignature(app: Page): Promise<void> {
  const canvas = app.getByTestId('signature-canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  await app.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6)
  await app.mouse.down()
  for (let i = 1; i <= 12; i++) {
    await app.mouse.move(box.x + box.width * (0.15 + i * 0.05), box.y + box.height * (0.6 + (i % 2 ? -0.2 : 0.15)), { steps: 3 })
  }
  await app.mouse.up()
}

test.describe('reception', () => {
  test('a new visitor signs the agreement on screen, appears on the roll call, is signed out; a returning one signs in in three actions', async ({ app, request }) => {
    await setUpSchool(app)
    await publishVisitorAup(app)

    await openFromMenu(app, 'Reception')
    // The search box is ready to type into.
    await expect(app.getByLabel('Find a returning visitor')).toBeFocused()
    await expect(app.getByTestId('nobody-on-site')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'reception-empty')

    // Nobody by that name yet: register them.
    await app.getByLabel('Find a returning visitor').fill('Gwen Tudor')
    await expect(app.getByTestId('no-matches')).toBeVisible()
    await app.getByRole('button', { name: 'New visitor' }).click()
    await expect(app.getByLabel('First name')).toHaveValue('Gwen')
    await expect(app.getByLabel('Surname')).toHaveValue('Tudor')
    await app.getByLabel('Organisation (optional)').fill('Northgate IT')
    await app.getByLabel('What are they here for?').fill('Server maintenance')
    await app.getByLabel('Who are they here to see?').fill('Mr Evans')
    await app.getByLabel('Car registration (optional)').fill('ab12 cde')
    await app.getByLabel('Yes, I have seen their DBS certificate').check()
    await expect(app.getByLabel('Checked by')).toHaveValue('Bea Manager')
    await app.getByLabel('They will use the school’s computers or wifi').check()
    await expect(app.getByTestId('agreement-next')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'reception-new-visitor')
    await app.getByRole('button', { name: 'Next: the agreement' }).click()

    // The agreement, then a signature: an empty box is refused.
    await expect(app.getByTestId('agreement-text')).toContainText('I will not try to get round the school’s filtering')
    await app.getByRole('button', { name: 'Agree and sign in' }).click()
    await expect(app.getByTestId('signature-error')).toContainText('Ask them to sign in the box')
    await drawSignature(app)
    await expect(app.getByRole('button', { name: 'Clear the signature' })).toBeEnabled()
    await expectAccessible(app)
    await screenshot(app, 'reception-agreement-signed')
    await app.getByRole('button', { name: 'Agree and sign in' }).click()
    await expect(app.getByTestId('reception-done')).toContainText('Gwen Tudor is signed in')
    await expect(app.getByTestId('reception-done')).toContainText('Their signed agreement is recorded')
    const onSite = app.getByTestId('on-site-list')
    await expect(onSite).toContainText('Gwen Tudor')
    await expect(onSite).toContainText('Northgate IT · seeing Mr Evans')
    await expect(app.getByLabel('Find a returning visitor')).toBeFocused()
    await expectAccessible(app)
    await screenshot(app, 'reception-on-site')

    // The fire roll call: a signed PDF, opened in the viewer.
    await app.getByRole('button', { name: 'Print the roll call' }).click()
    await expect(app.getByTestId('roll-call-opened')).toBeVisible({ timeout: 30_000 })
    const opened = (await (await request.get('/__bridge/opened')).json()) as string[]
    const file = opened.at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Gwen Tudor')

    // One tap signs them out, with a few seconds to undo it.
    await app.getByRole('button', { name: 'Sign out Gwen Tudor' }).click()
    await expect(app.getByTestId('signed-out-snackbar')).toContainText('Gwen Tudor is signed out')
    await expect(app.getByTestId('nobody-on-site')).toBeVisible()

    // Back next week: type, pick, tap last time's purpose and host, Sign in. Nothing is filled in for them.
    await app.getByLabel('Find a returning visitor').fill('gwe')
    const match = app.getByTestId('visitor-matches').getByRole('button', { name: /Gwen Tudor/ })
    await expect(match).toContainText('Northgate IT')
    await expect(match).toContainText('Agreement current')
    await expectAccessible(app)
    await screenshot(app, 'reception-search')
    await match.click()
    await expect(app.getByLabel('What are they here for?')).toBeFocused()
    await expect(app.getByLabel('What are they here for?')).toHaveValue('')
    await app.getByTestId('suggestion-purpose').click()
    await app.getByTestId('suggestion-host').click()
    await expect(app.getByLabel('What are they here for?')).toHaveValue('Server maintenance')
    await expect(app.getByTestId('visit-submit')).toHaveText(/Sign in/)
    await expectAccessible(app)
    await screenshot(app, 'reception-returning')
    await app.getByTestId('visit-submit').click()
    await expect(app.getByTestId('reception-done')).toContainText('Gwen Tudor is signed in')
    await expect(app.getByTestId('reception-done')).not.toContainText('agreement is recorded')
    await expect(onSite).toContainText('Gwen Tudor')
  })

  test('with no visitor agreement published, a visitor needing wifi is told why and can come in without it', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Reception')
    await app.getByRole('button', { name: 'New visitor' }).click()
    await app.getByLabel('First name').fill('Siôn')
    await app.getByLabel('Surname').fill('Prydderch')
    await app.getByLabel('What are they here for?').fill('Reading volunteer')
    await app.getByLabel('Who are they here to see?').fill('Mrs Khan')
    await app.getByLabel('Not needed for this visit').check()
    await app.getByLabel('They will use the school’s computers or wifi').check()
    await app.getByRole('button', { name: 'Next: the agreement' }).click()
    await expect(app.getByTestId('no-visitor-aup')).toContainText('Ask the business manager to add the visitor agreement under Agreements')
    await expectAccessible(app)
    await screenshot(app, 'reception-no-aup')
    await app.getByRole('button', { name: 'Sign in without computers or wifi' }).click()
    await expect(app.getByTestId('reception-done')).toContainText('Siôn Prydderch is signed in')
  })

  test('a receptionist starts on Reception and sees only Reception, the photo consent check, Items to collect and My account', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Users')
    await app.getByRole('button', { name: 'Add a user' }).click()
    const dialog = app.getByTestId('user-dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Rita Desk')
    await dialog.getByLabel('Username').fill('r.desk')
    await dialog.getByTestId('user-role').click()
    await app.getByRole('option', { name: 'Office staff (reception)' }).click()
    await dialog.getByLabel('First password').fill('first password given 2025')
    await dialog.getByRole('button', { name: 'Add user' }).click()
    await expect(app.getByTestId('users-done')).toBeVisible()
    await signOut(app)
    await signIn(app, 'r.desk', 'first password given 2025')
    await app.getByLabel('Password you use now').fill('first password given 2025')
    await app.getByLabel('New password', { exact: true }).fill('meadow quartz tablet heron')
    await app.getByLabel('Type the new password again').fill('meadow quartz tablet heron')
    await app.getByRole('button', { name: 'Change password' }).click()
    await expect(app.getByTestId('password-changed')).toBeVisible()
    await expect(app.getByRole('navigation', { name: 'Main menu' }).getByRole('link')).toHaveText(['Reception', 'May we publish?', 'Items to collect', 'My account'])
    await app.goto('/#/')
    await expect(app.getByRole('heading', { level: 1, name: 'Reception' })).toBeVisible()
    await app.goto('/#/people')
    await expect(app.getByRole('heading', { level: 1, name: 'Reception' })).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'reception-office')
  })

  test('the manager sets the automatic sign-out time and how long visitor records are kept', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Settings')
    await expect(app.getByLabel('Sign out automatically at (HH:MM)')).toHaveValue('18:00')
    await expect(app.getByTestId('retention-preview')).toContainText('Nothing is due')
    await app.getByLabel('Sign out automatically at (HH:MM)').fill('25:00')
    await app.getByRole('button', { name: 'Save the reception settings' }).click()
    await expect(app.getByTestId('auto-sign-out-at')).toContainText('HH:MM')
    await app.getByLabel('Sign out automatically at (HH:MM)').fill('17:30')
    await app.getByLabel('Keep visitor records for').fill('7')
    await app.getByRole('button', { name: 'Save the reception settings' }).click()
    await expect(app.getByTestId('reception-settings-saved')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'settings-reception')
    await app.reload()
    await expect(app.getByLabel('Sign out automatically at (HH:MM)')).toHaveValue('17:30')
    await expect(app.getByLabel('Keep visitor records for')).toHaveValue('7')
  })
})
