import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

type Api = Record<string, (input: object) => Promise<{ ok: boolean; value?: { id: number }; error?: { message: string } }>>

/** Through the window's own API, as the screens call it: the agreement text and class 5S (and one pupil of 5T). */
async function seedClass(app: Page): Promise<void> {
  const failed = await app.evaluate(async () => {
    const api = (window as unknown as { api: Api }).api
    const results = [
      await api['aup.publish']!({
        title: 'Acceptable use agreement for pupils and parents/carers',
        versionLabel: '2026–27',
        audiences: ['pupils-ks2'],
        effectiveFrom: '2020-09-01',
        body: 'Name of pupil:\n\nWhen I use the school’s computers I will:\n- keep my password to myself\n- tell a teacher about anything that upsets me\n\nSigned (pupil):\n\nDate:\n\nParent/carer’s agreement: I agree my child may use the school’s computers.\n\nSigned (parent/carer):\n\nDate:',
      }),
      ...[
        ['Nia', 'Evans', '5S'],
        ['Osian', 'Hughes', '5S'],
        ['Mali', 'Jenkins', '5S'],
        ['Tomos', 'Lloyd', '5S'],
        ['Ffion', 'Morgan', '5T'],
      ].map(async ([forename, surname, regClass]) => api['people.create']!({ kind: 'pupil', forename, surname, dateOfBirth: '2016-05-04', yearGroup: '5', regClass })),
    ]
    return (await Promise.all(results)).filter((r) => !r.ok).map((r) => r.error?.message)
  })
  expect(failed).toEqual([])
}

const row = (app: Page, name: string) => app.getByTestId('paper-table').locator('tbody tr', { hasText: name })

test.describe('paper agreements for a class', () => {
  test('records a class’s returned sheets on one screen with the keyboard; a refused save keeps every tick and name', async ({ app }) => {
    await app.setViewportSize({ width: 1366, height: 768 })
    await setUpSchool(app)
    await seedClass(app)
    await openFromMenu(app, 'Agreements')
    // A blank copy of the text, for a pupil who joins mid-year.
    await app.getByRole('button', { name: 'Print blank copy of Acceptable use agreement for pupils and parents/carers 2026–27' }).click()
    await expect(app.getByTestId('report-done')).toContainText('Acceptable use agreement to sign is ready')
    await expectAccessible(app)
    await app.getByTestId('agreement-print').getByRole('button', { name: 'Close' }).click()
    await screenshot(app, 'agreements-paper-buttons')
    await app.getByTestId('open-paper-batch').click()
    await expect(app.getByRole('heading', { level: 1, name: 'Paper agreements for a class or staff group' })).toBeVisible()
    await expectAccessible(app)

    // Pick the class by typing, as the keyboard would.
    const group = app.getByRole('combobox', { name: 'Class or staff group' })
    await group.focus()
    await app.keyboard.type('5S')
    await app.keyboard.press('Enter')
    await expect(app.getByTestId('paper-table').locator('tbody tr')).toHaveCount(4)
    await expect(app.getByTestId('paper-table')).not.toContainText('Ffion Morgan')
    await expect(app.getByTestId('paper-save')).toHaveText('Record 0 agreements')
    await expect(app.getByTestId('paper-save')).toBeDisabled()
    await screenshot(app, 'paper-agreements-class')

    // Space ticks, Tab moves on: the parent or carer's name, then the date (today already), then the next row.
    await row(app, 'Nia Evans').getByRole('checkbox').focus()
    await app.keyboard.press('Space')
    await app.keyboard.press('Tab')
    await app.keyboard.type('Gwen Evans')
    await app.keyboard.press('Tab')
    await expect(row(app, 'Nia Evans').getByLabel('Date signed')).toBeFocused()
    await app.keyboard.press('Tab')
    await expect(row(app, 'Osian Hughes').getByRole('checkbox')).toBeFocused()
    await app.keyboard.press('Space')
    await app.keyboard.press('Tab')
    await app.keyboard.type('Rhys Hughes')
    await app.keyboard.press('Tab')
    // A date from the future, typed the UK way: the core refuses it.
    await app.keyboard.press('Control+A')
    await app.keyboard.type('01/01/2099')
    await app.keyboard.press('Tab')
    await app.keyboard.press('Space')
    await expect(row(app, 'Mali Jenkins').getByRole('checkbox')).toBeChecked()
    // Mali's parent's name is left out for now.
    await expect(app.getByTestId('paper-save')).toHaveText('Record 3 agreements')
    await app.getByTestId('paper-save').focus()
    await app.keyboard.press('Enter')

    // Said at once, on the row, and nothing saved.
    await expect(row(app, 'Mali Jenkins')).toContainText('Type the name of Mali Jenkins’s parent or carer from their sheet.')
    await expect(app.getByTestId('paper-error')).toContainText('Nothing has been saved yet.')
    await expectAccessible(app)
    await row(app, 'Mali Jenkins').getByLabel('Parent or carer who signed for Mali Jenkins').fill('Sara Jenkins')
    await app.getByTestId('paper-save').click()

    // The core refuses the future date for Osian, naming him; every tick and name is still there.
    await expect(app.getByTestId('paper-error')).toContainText('Osian Hughes: The date they agreed is in the future.')
    await expect(app.getByTestId('paper-error')).toContainText('Nothing has been saved')
    await expect(row(app, 'Nia Evans').getByRole('checkbox')).toBeChecked()
    await expect(row(app, 'Nia Evans').getByLabel('Parent or carer who signed for Nia Evans')).toHaveValue('Gwen Evans')
    await expect(row(app, 'Osian Hughes').getByLabel('Parent or carer who signed for Osian Hughes')).toHaveValue('Rhys Hughes')
    await expect(row(app, 'Nia Evans')).toContainText('Not yet agreed')
    await expectAccessible(app)
    await screenshot(app, 'paper-agreements-refused')

    const osianDate = row(app, 'Osian Hughes').getByLabel('Date signed')
    await osianDate.fill('03/09/2025')
    await osianDate.press('Tab')
    await expect(app.getByTestId('paper-save')).toHaveText('Record 3 agreements')
    await app.getByTestId('paper-save').focus()
    await app.keyboard.press('Enter')
    await expect(app.getByTestId('paper-done')).toContainText('3 agreements recorded for Class 5S (Year 5).')
    for (const name of ['Nia Evans', 'Osian Hughes', 'Mali Jenkins']) await expect(row(app, name)).toContainText('Agreed to the current version')
    await expect(row(app, 'Tomos Lloyd')).toContainText('Not yet agreed')
    await expect(app.getByTestId('paper-save')).toHaveText('Record 0 agreements')
    await expectAccessible(app)
    await screenshot(app, 'paper-agreements-recorded')

    // What was recorded, on Osian's own record.
    const recorded = await app.evaluate(async () => {
      const api = (window as unknown as { api: Record<string, (i: object) => Promise<{ value: { rows: { id: number; displayName: string }[] } }>> }).api
      const status = await api['aup.status']!({ regClass: '5S', yearGroup: '5', offset: 0, limit: 10 })
      const osian = status.value.rows.find((r) => r.displayName === 'Osian Hughes')!
      return (await (window as unknown as { api: Record<string, (i: object) => Promise<{ value: unknown }>> }).api['agreements.forPerson']!({ personId: osian.id })).value
    })
    expect(recorded).toMatchObject([{ method: 'paper', agreedOn: '2025-09-03', parentName: 'Rhys Hughes', witnessedBy: 'Bea Manager' }])

    // The class's personalised sheets, printed from the same screen.
    await app.getByTestId('print-sheets').click()
    await expect(app.getByTestId('report-done')).toContainText('Acceptable use agreements to sign is ready')
    await expectAccessible(app)
    await screenshot(app, 'paper-agreements-print')
  })

  test('a visitor who cannot draw a signature agrees by their typed name with the desk as witness, and the copy printed says so', async ({ app, request }) => {
    await app.setViewportSize({ width: 1366, height: 768 })
    await setUpSchool(app)
    const published = await app.evaluate(async () => {
      const api = (window as unknown as { api: Api }).api
      return (await api['aup.publish']!({ title: 'Visitor acceptable use agreement', versionLabel: '2026–27', audiences: ['visitors'], effectiveFrom: '2020-09-01', body: 'I will use the school’s wifi only for the purpose of my visit and tell the DSL about anything that worries me.' })).ok
    })
    expect(published).toBe(true)
    await openFromMenu(app, 'Reception')
    await app.getByLabel('Find a returning visitor').fill('Ifan Morgan')
    await app.getByRole('button', { name: 'New visitor' }).click()
    await app.getByLabel('What are they here for?').fill('Reading with Year 2')
    await app.getByLabel('Who are they here to see?').fill('Mrs Price')
    await app.getByLabel('Yes, I have seen their DBS certificate').check()
    await app.getByLabel('They will use the school’s computers or wifi').check()
    await app.getByRole('button', { name: 'Next: the agreement' }).click()

    await app.getByRole('button', { name: 'They cannot draw a signature: type their name' }).click()
    await expect(app.getByLabel('Their name, as they would sign it')).toBeFocused()
    await app.getByRole('button', { name: 'Agree and sign in' }).click()
    await expect(app.getByTestId('signature-error')).toContainText('Type their name in the box')
    await app.getByLabel('Their name, as they would sign it').fill('Ifan Morgan')
    await app.getByRole('button', { name: 'Agree and sign in' }).click()
    await expect(app.getByTestId('signature-error')).toContainText('Tick to confirm you saw them agree.')
    await app.getByLabel('I, Bea Manager, saw them read (or hear) this agreement and agree to it').check()
    await expectAccessible(app)
    await screenshot(app, 'reception-typed-signature')
    await app.getByRole('button', { name: 'Agree and sign in' }).click()
    await expect(app.getByTestId('reception-done')).toContainText('Ifan Morgan is signed in')

    // Their page shows how they agreed, and prints the copy.
    await openFromMenu(app, 'People')
    await app.getByTestId('people-table').getByRole('button', { name: 'Open Ifan Morgan' }).click()
    await expect(app.getByTestId('person-agreements')).toContainText('Signed by typing their name: Ifan Morgan, witnessed by Bea Manager')
    await app.getByRole('button', { name: 'Print a copy of Visitor acceptable use agreement as agreed' }).click()
    await expect(app.getByTestId('report-done')).toContainText('Acceptable use agreement: signed copy is ready')
    await app.getByTestId('open-report').click()
    await expect.poll(async () => ((await (await request.get('/__bridge/opened')).json()) as string[]).length).toBe(1)
    const file = ((await (await request.get('/__bridge/opened')).json()) as string[])[0]!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Signed by typing their name Ifan Morgan Typed on screen in front of Bea Manager')
    await expectAccessible(app)
    await screenshot(app, 'person-agreement-copy')
  })
})
