import type { Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

// The office's laptop screen: what these screens are looked at on.
test.use({ viewport: { width: 1366, height: 768 } })

/** Signs a new visitor in from the Reception screen, without the school's wifi. */
async function signInNew(app: Page, forename: string, surname: string, purpose: string, host: string): Promise<void> {
  await app.getByRole('button', { name: 'New visitor' }).click()
  await app.getByLabel('First name').fill(forename)
  await app.getByLabel('Surname').fill(surname)
  await app.getByLabel('What are they here for?').fill(purpose)
  await app.getByLabel('Who are they here to see?').fill(host)
  await app.getByLabel('Not needed for this visit').check()
  await app.getByTestId('visit-submit').click()
  await expect(app.getByTestId('reception-done')).toContainText(`${forename} ${surname} is signed in`)
}

test.describe('a reception desk that forgives mistakes', () => {
  test('a refused form keeps what was typed and saves nothing; a sign-out by mistake is undone; a name is corrected; a returning visitor’s old purpose never slips through', async ({ app, request }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Reception')

    // Refused for one field: nothing is saved, and the names typed stay on the form.
    await app.getByRole('button', { name: 'New visitor' }).click()
    await expect(app.getByLabel('First name')).toBeFocused()
    await app.getByLabel('First name').fill('Gwne')
    await app.getByLabel('Surname').fill('Tudor')
    await app.getByLabel('Who are they here to see?').fill('Mr Evans')
    await app.getByLabel('Not needed for this visit').check()
    await app.getByLabel('What are they here for?').fill('x'.repeat(10_000))
    await app.getByTestId('visit-submit').click()
    await expect(app.getByTestId('visit-purpose')).toContainText('Keep the purpose to 200 characters.')
    await expect(app.getByLabel('First name')).toHaveValue('Gwne')
    await expect(app.getByLabel('Surname')).toHaveValue('Tudor')
    await app.getByLabel('What are they here for?').fill('Server maintenance')
    await app.getByTestId('visit-submit').click()
    await expect(app.getByTestId('reception-done')).toContainText('Gwne Tudor is signed in')

    // Signed out by mistake: the snackbar names them and Undo puts them back.
    await signInNew(app, 'Siôn', 'Prydderch', 'Reading volunteer', 'Mrs Khan')
    const onSite = app.getByTestId('on-site-list')
    await app.getByRole('button', { name: 'Sign out Siôn Prydderch' }).click()
    const snackbar = app.getByTestId('signed-out-snackbar')
    await expect(snackbar).toContainText('Siôn Prydderch is signed out')
    await expect(onSite).not.toContainText('Siôn Prydderch')
    await expectAccessible(app)
    await screenshot(app, 'reception-undo-sign-out')
    await app.getByTestId('undo-sign-out').click()
    await expect(app.getByTestId('reception-done')).toContainText('Siôn Prydderch is back on the on-site list')
    await expect(onSite).toContainText('Siôn Prydderch')
    await expect(app.getByRole('button', { name: 'Sign out Gwne Tudor' })).toBeVisible()

    // Gwen leaves; next week she is back for something else, and reception corrects her name.
    await app.getByRole('button', { name: 'Sign out Gwne Tudor' }).click()
    await expect(snackbar).toContainText('Gwne Tudor is signed out')
    await app.getByLabel('Find a returning visitor').fill('tudor')
    await app.getByTestId('visitor-matches').getByRole('button', { name: /Gwne Tudor/ }).click()
    // Nothing from last time is filled in: the cursor is on the purpose, last time's answers are chips.
    await expect(app.getByLabel('What are they here for?')).toBeFocused()
    await expect(app.getByLabel('What are they here for?')).toHaveValue('')
    await expect(app.getByTestId('suggestion-purpose')).toHaveText('Server maintenance')
    await expectAccessible(app)
    await screenshot(app, 'reception-returning-suggestions')

    await app.getByTestId('correct-visitor').click()
    const dialog = app.getByTestId('visitor-details-dialog')
    await expect(dialog.getByLabel('First name')).toBeFocused()
    await dialog.getByLabel('First name').fill('Gwen')
    await dialog.getByLabel('Organisation (optional)').fill('Northgate IT')
    await expectAccessible(app)
    await screenshot(app, 'reception-correct-visitor')
    await dialog.getByTestId('correct-save').click()
    await expect(dialog).toBeHidden()
    await expect(app.getByRole('heading', { name: 'Sign in Gwen Tudor' })).toBeVisible()
    await expect(app.getByTestId('visitor-summary')).toContainText('Northgate IT')

    // Typing today's purpose, spaces and all, never submits; the host is taken from last time with one tap.
    await app.getByLabel('What are they here for?').pressSequentially('Fix the staff room printer')
    await expect(app.getByTestId('visit-form')).toBeVisible()
    await expect(app.getByLabel('What are they here for?')).toHaveValue('Fix the staff room printer')
    await app.getByTestId('suggestion-host').click()
    await expect(app.getByLabel('Who are they here to see?')).toHaveValue('Mr Evans')
    await app.getByTestId('visit-submit').click()
    await expect(app.getByTestId('reception-done')).toContainText('Gwen Tudor is signed in')
    await expect(onSite).toContainText('Gwen Tudor')
    await expect(onSite).toContainText('Northgate IT · seeing Mr Evans')

    // The visitor book says what today's visit was for, not last week's.
    await app.getByLabel('Find a returning visitor').fill('gwen')
    const match = app.getByTestId('visitor-matches').getByRole('button', { name: /Gwen Tudor/ })
    await expect(match).toContainText('On site since')
    await expectAccessible(app)
    await screenshot(app, 'reception-after-correction')

    // A DSL names her in an incident: her page says her records are kept past retention.
    const api = async (method: string, input: unknown) => {
      const body = (await (await request.post('/__bridge/call', { data: { method, input } })).json()) as { ok: boolean; value: unknown }
      expect(body.ok, JSON.stringify(body)).toBe(true)
      return body.value
    }
    const [gwen] = (await api('visitors.search', { text: 'gwen tudor', limit: 1 })) as { id: number }[]
    const [category] = (await api('incidents.categories', {})) as { id: number }[]
    await api('incidents.record', {
      entry: {
        occurredOn: new Date().toISOString().slice(0, 10),
        occurredTime: null,
        place: 'Staff room',
        onSite: true,
        device: 'personal',
        categoryId: category!.id,
        description: 'A visitor was seen photographing a class list on the staff room wall.',
        actionTaken: 'Photo deleted; DSL told.',
        childsWords: null,
        people: [{ personId: gwen!.id, part: 'alleged' }],
        status: 'open',
        outcome: null,
      },
    })
    await openFromMenu(app, 'People')
    await app.getByTestId('people-table').getByRole('button', { name: 'Open Gwen Tudor' }).click()
    const detail = app.getByTestId('person-detail')
    await expect(detail).toContainText('Kept: named in a safeguarding record')
    await expect(app.getByTestId('person-named-hold')).toContainText('never deleted by the retention rule')
    await expectAccessible(app)
    await screenshot(app, 'person-named-in-record')
  })
})

test.describe('checks and dates', () => {
  test('a filter check with a blank field is refused with the contract’s words, nothing is pre-selected, and last time’s answers are offered', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Checks')
    await app.getByRole('button', { name: 'Record Web filter check' }).click()
    const check = app.getByTestId('record-check-dialog')
    await expect(check.getByTestId('filtering-note')).toBeVisible()
    await expect(check.getByLabel('Passed')).not.toBeChecked()
    await expect(check.getByLabel('Issues found')).not.toBeChecked()
    await check.getByLabel('Devices').fill('ICT suite laptops')
    await check.getByLabel('User groups').fill('Year 9 pupils')
    await check.getByTestId('check-save').click()
    await expect(check.getByTestId('check-areas')).toContainText('A filtering check records the areas or sites tested: please fill it in.')
    await expect(check.getByTestId('check-result')).toContainText('Say whether the check passed or found issues.')
    await expect(check.getByTestId('check-action')).toContainText('A filtering check records the action taken')
    await expectAccessible(app)
    await screenshot(app, 'check-filtering-refused')
    await check.getByLabel('Areas or kinds of content').fill('Extremism, gambling')
    await check.getByLabel('Passed').check()
    await check.getByLabel(/Action taken/).fill('None needed')
    await check.getByTestId('check-save').click()
    await expect(app.getByTestId('checks-done')).toContainText('Web filter check is recorded as done')

    // Next time: what was tested last time is offered, never filled in.
    await app.getByRole('button', { name: 'Record Web filter check' }).click()
    await expect(check.getByLabel('Devices')).toHaveValue('')
    await expect(check.getByTestId('suggestion-devices')).toHaveText('ICT suite laptops')
    await check.getByTestId('suggestion-devices').click()
    await expect(check.getByLabel('Devices')).toHaveValue('ICT suite laptops')
    await expectAccessible(app)
    await screenshot(app, 'check-suggestions')
  })

  test('an incident dated 01/01/1900 is refused; UK date forms are read; a date over a year ago asks first', async ({ app }) => {
    await setUpSchool(app)
    await openFromMenu(app, 'Incident log')
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    const date = app.getByTestId('incident-date').getByRole('textbox')
    await date.fill('01/01/1900')
    await date.press('Tab')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-form')).toContainText('That date is before 1990, earlier than any record this register holds. Check the year.')
    await expectAccessible(app)
    await screenshot(app, 'incident-date-1900')

    await date.fill('4 Dec 2024')
    await date.press('Tab')
    await expect(date).toHaveValue('04/12/2024')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-form')).toContainText('That date is more than a year ago. Check the year, or tick the box to confirm it.')
    await expect(app.getByTestId('incident-old-date-confirm')).toContainText('Yes, it happened on 04/12/2024')
    await expectAccessible(app)
    await screenshot(app, 'incident-date-old')

    await date.fill('1.2.26')
    await date.press('Tab')
    await expect(date).toHaveValue('01/02/2026')
    await expect(app.getByTestId('incident-old-date-confirm')).toBeHidden()
  })
})
