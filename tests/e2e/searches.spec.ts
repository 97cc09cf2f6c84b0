import type { APIRequestContext, Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { MANAGER, openFromMenu, setUpSchool, signIn, signOut } from './register'

// The register's main job for confiscations: a phone taken in a lesson is recorded by the
// business manager, shows on the dashboard while it is held, is handed back by reception (who
// see what it is and whose, never why), and leaves the dashboard; a phone found in an exam asks
// for the board to be told even once it has gone back.

const OFFICE = { username: 'r.desk', displayName: 'Rita Desk', first: 'first password given 2026', own: 'meadow quartz tablet heron' }
const WHY = 'Filming in the corridor between lessons after a warning.'

async function callCore(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const res = await request.post('/__bridge/call', { data: { method, input } })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

async function choose(app: Page, testId: string, option: string | RegExp): Promise<void> {
  await app.getByTestId(testId).click()
  await app.getByRole('option', { name: option }).click()
}

/** The dashboard's items, once it has read them. */
async function attention(app: Page) {
  await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).click()
  // Already on Home after a call made behind the window: read it again, as a person would with Refresh.
  await expect(app.getByTestId('dashboard-refresh')).toBeEnabled()
  await app.getByTestId('dashboard-refresh').click()
  await expect(app.getByTestId('dashboard-refresh')).toBeEnabled()
  const card = app.getByTestId('dashboard-attention')
  await expect(card).toBeVisible()
  return card
}

// The office's usual laptop screen.
test.use({ viewport: { width: 1366, height: 768 } })

test.describe('searches and confiscated items', () => {
  test('a phone taken in a lesson is recorded, shows on the dashboard while held, is handed back by reception and leaves the dashboard', async ({ app, request }) => {
    test.setTimeout(180_000)
    await setUpSchool(app)
    await callCore(request, 'people.create', { kind: 'pupil', forename: 'Ffion', surname: 'Tregarthen', yearGroup: '9', regClass: '9T', dateOfBirth: '2012-01-04' })
    await callCore(request, 'users.create', { username: OFFICE.username, displayName: OFFICE.displayName, role: 'office', password: OFFICE.first })

    // Nothing yet: both tabs say so.
    await openFromMenu(app, 'Searches and confiscations')
    await expect(app.getByTestId('searches-table')).toContainText('No search has been recorded yet.')
    await app.getByTestId('tab-items').click()
    await expect(app.getByTestId('items-table')).toContainText('No confiscated item is held.')
    await expectAccessible(app)
    await screenshot(app, 'searches-items-empty')

    // Recorded: a missing pupil is refused on its field, then the phone is kept at the office.
    await app.getByTestId('record-item').click()
    const dialog = app.getByTestId('item-dialog')
    await dialog.getByLabel('Description (make, colour, case)').fill('Blue Samsung Galaxy A14')
    await app.getByTestId('item-save').click()
    await expect(dialog).toContainText('Choose the pupil the item was taken from.')
    await dialog.getByLabel('Taken from (pupil)').fill('Treg')
    await app.getByRole('option', { name: /Ffion Tregarthen/ }).click()
    await choose(app, 'item-reason', 'Used against the school’s phone rules')
    await dialog.getByLabel('What happened, in your words').fill(WHY)
    await dialog.getByLabel('Kept by').fill('Mrs Jones (office)')
    await expect(dialog.getByLabel('A parent or carer may collect it from the office')).toBeChecked()
    await expectAccessible(app)
    await screenshot(app, 'searches-record-item')
    await app.getByTestId('item-save').click()
    await expect(dialog).toBeHidden()
    await expect(app.getByTestId('searches-done')).toContainText('Item recorded.')
    const row = app.getByTestId('items-table').getByRole('row', { name: /Blue Samsung Galaxy A14/ })
    await expect(row).toContainText('Ffion Tregarthen')
    await expect(row).toContainText('Held: School office safe (Mrs Jones (office))')
    await expectAccessible(app)
    await screenshot(app, 'searches-item-held')

    // The dashboard shows it until it goes back.
    const card = await attention(app)
    await expect(card).toContainText('Mobile phone held: Ffion Tregarthen')
    await screenshot(app, 'searches-dashboard-held')

    // Reception: the item, whose it is and where it is kept; nothing of why it was taken.
    await signOut(app)
    await signIn(app, OFFICE.username, OFFICE.first)
    await app.getByLabel('Password you use now').fill(OFFICE.first)
    await app.getByLabel('New password', { exact: true }).fill(OFFICE.own)
    await app.getByLabel('Type the new password again').fill(OFFICE.own)
    await app.getByRole('button', { name: 'Change password' }).click()
    await expect(app.getByTestId('password-changed')).toBeVisible()
    await openFromMenu(app, 'Items to collect')
    const waiting = app.getByTestId('collection-table')
    await expect(waiting).toContainText('Blue Samsung Galaxy A14')
    await expect(waiting).toContainText('Ffion Tregarthen')
    await expect(waiting).toContainText('Year 9, 9T')
    await expect(app.locator('main')).not.toContainText('Filming')
    await expect(app.locator('main')).not.toContainText('phone rules')
    await expectAccessible(app)
    await screenshot(app, 'searches-items-to-collect')
    await app.getByRole('button', { name: 'Hand back Blue Samsung Galaxy A14 to Ffion Tregarthen’s parent or carer' }).click()
    const hand = app.getByTestId('item-action-dialog')
    await expect(hand.getByLabel('Handed back to (name, and who they are)')).toBeFocused()
    await app.getByTestId('item-action-save').click()
    await expect(hand).toContainText('Say who collected the item')
    await hand.getByLabel('Handed back to (name, and who they are)').fill('Mrs Tregarthen, mother')
    await expectAccessible(app)
    await screenshot(app, 'searches-hand-back')
    await app.getByTestId('item-action-save').click()
    await expect(app.getByTestId('collection-done')).toContainText('Blue Samsung Galaxy A14 (Ffion Tregarthen): handed back.')
    await expect(waiting).toContainText('Nothing is waiting to be collected.')
    await expectAccessible(app)
    await screenshot(app, 'searches-items-to-collect-empty')

    // Back with the business manager: handed back, to whom; gone from the dashboard.
    await signOut(app)
    await signIn(app, MANAGER.username, MANAGER.password)
    await expect(await attention(app)).not.toContainText('held: Ffion Tregarthen')
    await openFromMenu(app, 'Searches and confiscations')
    await app.getByTestId('tab-items').click()
    await expect(app.getByTestId('items-table')).toContainText('No confiscated item is held.')
    await app.getByTestId('item-states').getByRole('button', { name: 'Handed back' }).click()
    await expect(app.getByTestId('items-table').getByRole('row', { name: /Blue Samsung Galaxy A14/ })).toContainText(/Handed back \d{2}\/\d{2}\/\d{4} to Mrs Tregarthen, mother/)
    await expectAccessible(app)
    await screenshot(app, 'searches-item-handed-back')
  })

  test('a phone found in an exam asks for the board to be told, even once it has gone back', async ({ app, request }) => {
    test.setTimeout(120_000)
    await setUpSchool(app)
    const pupil = (await callCore(request, 'people.create', { kind: 'pupil', forename: 'Osian', surname: 'Pennant', yearGroup: '11', regClass: '11P', dateOfBirth: '2010-03-02' })) as { id: number }
    const today = ((await callCore(request, 'dashboard.get', {})) as { today: string }).today
    await callCore(request, 'confiscations.record', {
      kind: 'phone', description: 'Black iPhone SE', serial: null, takenOn: today, takenTime: null, reason: 'exam', why: 'Found in a blazer pocket in the GCSE maths exam.',
      heldWhere: 'Exams office', heldBy: 'Exams officer', forCollection: true, pupilId: pupil.id, searchId: null, incidentId: null,
    })
    await expect(await attention(app)).toContainText('Tell the exam board: Osian Pennant')

    await openFromMenu(app, 'Searches and confiscations')
    await app.getByTestId('tab-items').click()
    await app.getByRole('button', { name: 'Hand back Black iPhone SE, taken from Osian Pennant' }).click()
    await app.getByTestId('item-action-dialog').getByLabel('Handed back to (name, and who they are)').fill('Mr Pennant, father')
    await app.getByTestId('item-action-save').click()
    await expect(app.getByTestId('searches-done')).toContainText('handed back')
    await app.getByTestId('item-states').getByRole('button', { name: 'Handed back' }).click()
    const row = app.getByTestId('items-table').getByRole('row', { name: /Black iPhone SE/ })
    await expect(row).toContainText('Exam board not told yet')
    await expect(await attention(app)).toContainText('Tell the exam board: Osian Pennant')

    await openFromMenu(app, 'Searches and confiscations')
    await app.getByTestId('tab-items').click()
    await app.getByTestId('item-states').getByRole('button', { name: 'Handed back' }).click()
    await app.getByRole('button', { name: 'Exam board told about Black iPhone SE, taken from Osian Pennant' }).click()
    await app.getByTestId('item-action-dialog').getByLabel('Who was told (board, and through whom)').fill('AQA, through the exams officer')
    await expectAccessible(app)
    await screenshot(app, 'searches-exam-board-told')
    await app.getByTestId('item-action-save').click()
    await expect(row).toContainText(/Exam board told \d{2}\/\d{2}\/\d{4}/)
    await expect(await attention(app)).not.toContainText('Tell the exam board')
  })
})
