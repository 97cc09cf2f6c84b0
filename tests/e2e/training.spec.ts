import type { APIRequestContext } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

const FORENAMES = ['Alys', 'Bryn', 'Cerys', 'Dewi', 'Elin', 'Ffion', 'Gareth', 'Heledd', 'Iwan', 'Jac', 'Lowri', 'Meic', 'Nia', 'Osian', 'Owain', 'Rhian', 'Sioned', 'Tomos', 'Wyn', 'Zara']
const SURNAMES = ['Evans', 'Jones', 'Morgan', 'Price', 'Rees', 'Thomas']

async function bridge(request: APIRequestContext, method: string, input: unknown): Promise<{ id: number }> {
  const r = (await (await request.post('/__bridge/call', { data: { method, input } })).json()) as { ok: boolean; value: { id: number }; error?: { message: string } }
  expect(r.ok, r.error?.message).toBe(true)
  return r.value
}

/** A UK day a few days back, as typed in the window: training is recorded once it has happened. */
function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000)
  return d.toLocaleDateString('en-GB', { timeZone: 'Europe/London' })
}

test.describe('the training register', () => {
  test('records a class’s training for many people at once, ticked from the list, and shows who is still due', async ({ app, request }) => {
    test.setTimeout(240_000)
    await setUpSchool(app)

    // Before anyone is in the directory: the empty state says where people come from.
    await openFromMenu(app, 'Training')
    await expect(app.getByTestId('training-empty')).toContainText('Nobody to keep training for yet')
    await expectAccessible(app)
    await screenshot(app, 'training-empty')

    // A staff list as long as a primary school's, two governors, and a volunteer.
    const staff: { id: number; name: string }[] = []
    for (let i = 0; i < 40; i++) {
      const forename = FORENAMES[i % FORENAMES.length]!
      const surname = `${SURNAMES[i % SURNAMES.length]!}${i >= 20 ? '-Hughes' : ''}`
      const p = await bridge(request, 'people.create', { kind: 'staff', forename, surname, staffGroup: i < 3 ? 'leadership' : 'teaching', jobTitle: i === 0 ? 'Headteacher' : 'Class teacher' })
      staff.push({ id: p.id, name: `${forename} ${surname}` })
    }
    await bridge(request, 'people.create', { kind: 'governor', forename: 'Paul', surname: 'Bargery', jobTitle: 'Online safety governor' })
    await bridge(request, 'people.create', { kind: 'volunteer', forename: 'Ann', surname: 'Reader', organisation: 'Parent volunteer' })
    await bridge(request, 'training.setPerson', { personId: staff[39]!.id, startedOn: new Date(Date.now() - 5 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' }), designation: null })

    await openFromMenu(app, 'People')
    await openFromMenu(app, 'Training')
    await expect(app.getByTestId('summary-refresher')).toContainText('40 people need it')
    // The new starter's first refresher falls a year after starting.
    await expect(app.getByTestId('summary-refresher')).toContainText('39 overdue')
    await expect(app.getByTestId('without-induction')).toContainText(staff[39]!.name)
    await expect(app.getByTestId('training-table').locator('tbody tr')).toHaveCount(25)
    await expectAccessible(app)
    await screenshot(app, 'training-overview')

    // Record the session: nothing filled in says what is missing, and nothing is recorded.
    await app.getByTestId('record-session').click()
    const dialog = app.getByTestId('record-session-dialog')
    await expect(dialog.getByLabel('Course')).toBeFocused()
    await dialog.getByTestId('session-save').click()
    await expect(dialog).toContainText('Please enter the course.')
    await expect(dialog).toContainText('Say what the training counts for.')
    await expect(dialog).toContainText('Tick at least one person who attended.')
    await expectAccessible(app)
    await screenshot(app, 'training-record-refused')

    await dialog.getByLabel('Course').fill('Online safety refresher (twilight)')
    await dialog.getByLabel('Date of the training').fill(daysAgo(3))
    await dialog.getByLabel('Date of the training').press('Tab')
    await dialog.getByLabel('Provider (who ran it)').fill('Kent Safeguarding Partnership')
    await dialog.getByTestId('counts-refresher').getByRole('checkbox').check()
    // Tick everyone whose name holds "Hughes" (twenty people) by finding them, then one more by keyboard.
    await dialog.getByRole('textbox', { name: 'Find by name' }).fill('Hughes')
    await dialog.getByTestId('session-tick-shown').click()
    await expect(dialog.getByTestId('session-save')).toContainText('Record for 20 people')
    await dialog.getByRole('textbox', { name: 'Find by name' }).fill('Alys Evans')
    const alys = dialog.getByTestId(`tick-${staff[0]!.id}`).getByRole('checkbox')
    await alys.focus()
    await alys.press('Space')
    await expect(dialog.getByTestId('session-save')).toContainText('Record for 21 people')
    await expectAccessible(app)
    await screenshot(app, 'training-record-dialog')
    await dialog.getByTestId('session-save').click()
    await expect(dialog).toBeHidden()
    await expect(app.getByTestId('training-done')).toContainText('“Online safety refresher (twilight)” is recorded for 21 people.')
    await expect(app.getByTestId('summary-refresher')).toContainText('19 overdue')

    // The same session again for someone already recorded is refused by name, and nothing changes.
    await app.getByTestId('record-session').click()
    await dialog.getByLabel('Course').fill('Online safety refresher (twilight)')
    await dialog.getByLabel('Date of the training').fill(daysAgo(3))
    await dialog.getByLabel('Date of the training').press('Tab')
    await dialog.getByLabel('Provider (who ran it)').fill('Kent Safeguarding Partnership')
    await dialog.getByTestId('counts-refresher').getByRole('checkbox').check()
    await dialog.getByRole('textbox', { name: 'Find by name' }).fill('Alys Evans')
    await dialog.getByTestId('session-tick-shown').click()
    await dialog.getByTestId('session-save').click()
    await expect(dialog.getByTestId('session-error')).toContainText('is already recorded for Alys Evans')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(app.getByTestId('summary-refresher')).toContainText('19 overdue')

    // One person's record: the session, and what it counts for.
    await app.getByTestId('training-state').click()
    await app.getByRole('option', { name: 'Up to date' }).click()
    await app.getByTestId(`open-${staff[0]!.id}`).click()
    const person = app.getByTestId('person-training')
    await expect(person).toContainText('Online safety refresher (twilight)')
    await expect(person).toContainText('Counts for: Yearly online safety refresher')
    await expectAccessible(app)
    await screenshot(app, 'training-person')
  })
})
