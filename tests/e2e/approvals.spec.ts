import type { APIRequestContext } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { setUpSchool, signIn, signOut } from './register'

const ICT = { username: 'l.kowalski', displayName: 'Łukasz Kowalski', first: 'first given password here', own: 'orchard pebble lantern cloud' }
const HEAD = { username: 'd.aprhys', displayName: 'Dafydd ap Rhys', first: 'first given password here', own: 'granite puffin lemon stairs' }

async function callCore(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const res = await request.post('/__bridge/call', { data: { method, input } })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

/** A first sign-in: the password given, then one of their own. */
async function firstSignIn(app: Parameters<typeof signIn>[0], who: typeof ICT): Promise<void> {
  await signIn(app, who.username, who.first)
  await app.getByLabel('Password you use now').fill(who.first)
  await app.getByLabel('New password', { exact: true }).fill(who.own)
  await app.getByLabel('Type the new password again').fill(who.own)
  await app.getByRole('button', { name: 'Change password' }).click()
  await expect(app.getByTestId('password-changed')).toBeVisible()
}

test.use({ viewport: { width: 1366, height: 768 } })

test.describe('approvals and risk assessments', () => {
  test('the ICT manager asks for a new app with its risk assessment; the headteacher approves it with conditions; the decision stays, a review is added', async ({ app, request }) => {
    test.setTimeout(240_000)
    await setUpSchool(app)
    for (const [who, role] of [[ICT, 'ict'], [HEAD, 'head']] as const) await callCore(request, 'users.create', { username: who.username, displayName: who.displayName, role, password: who.first })
    await signOut(app)
    await firstSignIn(app, ICT)

    // The menu says "Approvals"; the screen's heading is longer.
    await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Approvals' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Approvals and risk assessments' })).toBeVisible()
    await expect(app.getByTestId('approvals-empty')).toContainText('No approvals yet')
    await expectAccessible(app)
    await screenshot(app, 'approvals-empty')

    // The request: a missing risk assessment is refused, field by field, and nothing is saved.
    await app.getByTestId('approvals-request').click()
    const form = app.getByTestId('approval-request-dialog')
    await expect(form.getByLabel('What is to be approved')).toBeFocused()
    await form.getByLabel('What is to be approved').fill('Tapestry online learning journal')
    await form.getByTestId('request-save').click()
    await expect(form.getByTestId('request-purpose')).toContainText('Please write what it is for.')
    await expect(form.getByTestId('request-personal-data')).toContainText('Say what personal data it takes')
    await expect(form.getByTestId('request-risks')).toContainText('Please write the risks.')
    await expectAccessible(app)
    await screenshot(app, 'approvals-request-refused')
    await form.getByLabel('What it is for').fill('Reception staff record observations and share them with parents.')
    await form.getByLabel('Personal data it takes').fill('Pupils’ names, dates of birth, photographs and observations; parents’ email addresses.')
    await form.getByLabel('Web address (optional)').fill('https://tapestry.info')
    await form.getByLabel('The risks', { exact: true }).fill('Photographs of pupils shared beyond the family; staff uploading from personal phones.')
    await form.getByLabel('How the risks are reduced').fill('School iPads only; two-step sign-in for staff; parents agree not to share.')
    await form.getByRole('radio', { name: 'Medium' }).check()
    await expectAccessible(app)
    await screenshot(app, 'approvals-request')
    await form.getByTestId('request-save').click()
    await expect(form).toBeHidden()

    // Its page: waiting for the head, and the ICT manager cannot decide.
    await expect(app.getByRole('heading', { level: 1, name: 'Tapestry online learning journal' })).toBeVisible()
    await expect(app.getByTestId('approval-status')).toHaveText('Awaiting decision')
    await expect(app.getByTestId('approval-decide')).toHaveCount(0)
    await expect(app.getByTestId('approval-no-decision')).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'approval-awaiting')

    // The headteacher sees it on the dashboard and decides.
    await signOut(app)
    await firstSignIn(app, HEAD)
    await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).click()
    await expect(app.getByTestId('dashboard-attention')).toContainText('Decide: Tapestry online learning journal')
    await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Approvals' }).click()
    await expect(app.getByTestId('approvals-count-awaiting')).toHaveText('Awaiting decision: 1')
    await expectAccessible(app)
    await screenshot(app, 'approvals-list-head')
    await app.getByRole('button', { name: 'Open: Tapestry online learning journal' }).click()
    await app.getByTestId('approval-decide').click()
    const decision = app.getByTestId('approval-decision-dialog')
    await decision.getByRole('radio', { name: 'Approved with conditions' }).check()
    await decision.getByTestId('decision-save').click()
    await expect(decision.getByTestId('decision-conditions')).toContainText('Write the conditions of the approval.')
    await decision.getByRole('textbox', { name: 'Conditions' }).fill('School iPads only; no group photographs in individual journals.')
    await expectAccessible(app)
    await screenshot(app, 'approval-decision')
    // By keyboard: Tab to the button and press Enter.
    await decision.getByTestId('decision-save').focus()
    await app.keyboard.press('Enter')
    await expect(decision).toBeHidden()
    await expect(app.getByTestId('approval-done')).toContainText('Your decision is recorded.')
    await expect(app.getByTestId('approval-status')).toHaveText('Approved')
    await expect(app.getByTestId('approval-decisions')).toContainText('Approved with conditions')
    await expect(app.getByTestId('approval-decisions')).toContainText('Dafydd ap Rhys')
    await expect(app.getByTestId('approval-decide')).toHaveCount(0)

    // A review is a new row under the decision, never an edit of it.
    await app.getByTestId('approval-review').click()
    const review = app.getByTestId('approval-decision-dialog').filter({ hasText: 'Review:' })
    await review.getByLabel('What the review looked at').fill('Settings checked with the provider; parents’ agreement in the welcome pack.')
    await review.getByRole('radio', { name: 'Approved', exact: true }).check()
    await expectAccessible(app)
    await review.getByTestId('decision-save').click()
    await expect(review).toBeHidden()
    await expect(app.getByTestId('approval-decisions').locator('tbody tr')).toHaveCount(2)
    await expect(app.getByTestId('approval-decisions').locator('tbody tr').first()).toContainText('Approved with conditions')
    await expectAccessible(app)
    await screenshot(app, 'approval-decided')
  })
})
