import type { APIRequestContext } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool, signIn, signOut, stubPrint } from './register'

const FORENAMES = ['Amara', 'Ben', 'Chloe', 'Dylan', 'Erin', 'Freddie', 'Grace', 'Harri', 'Isla', 'Jac', 'Kian', 'Lowri', 'Macy', 'Nia']
const SURNAMES = ['Okafor', 'Hughes', 'Patel', 'Evans', 'Walsh', 'Morgan', 'Price', 'Rees', 'Thomas', 'Jones', 'Khan', 'Lewis', 'Davies', 'Bowen']

async function bridge<T = { id: number }>(request: APIRequestContext, method: string, input: unknown): Promise<T> {
  const r = (await (await request.post('/__bridge/call', { data: { method, input } })).json()) as { ok: boolean; value: T; error?: { message: string } }
  expect(r.ok, r.error?.message).toBe(true)
  return r.value
}

test.describe('photo, video and publishing consent', () => {
  test('a class’s paper forms recorded on one screen; reception asks “may we publish?” by name and prints who must not appear for a class', async ({ app, request }) => {
    test.setTimeout(240_000)
    await setUpSchool(app)

    // Before any pupil is in the directory: the empty state says where pupils come from.
    await openFromMenu(app, 'Photo consent')
    await expect(app.getByTestId('consent-empty')).toContainText('There are no pupils on roll yet')
    await expectAccessible(app)
    await screenshot(app, 'consent-empty')

    // Year 4, two classes of fourteen.
    const ids: Record<string, number> = {}
    for (const regClass of ['4B', '4S']) {
      for (let i = 0; i < 14; i++) {
        const forename = FORENAMES[i]!
        const surname = regClass === '4B' ? SURNAMES[i]! : `${SURNAMES[13 - i]!}-Ellis`
        ids[`${forename} ${surname}`] = (await bridge(request, 'people.create', { kind: 'pupil', forename, surname, yearGroup: '4', regClass, dateOfBirth: '2017-03-02' })).id
      }
    }
    const amara = ids['Amara Okafor']!
    const ben = ids['Ben Hughes']!

    // The September pile of forms for 4B, typed in on one screen.
    await openFromMenu(app, 'People')
    await openFromMenu(app, 'Photo consent')
    await app.getByTestId('consent-class-forms').click()
    await expect(app.getByRole('heading', { level: 1, name: 'Consent forms for a class' })).toBeVisible()
    const classField = app.getByTestId('forms-class').locator('input[type=text]')
    await classField.click()
    await classField.fill('4B')
    await classField.press('Enter')
    await expect(app.getByTestId('forms-table').locator('tbody tr')).toHaveCount(14)

    // A form marked without the parent's name is refused, and nothing is saved.
    await app.getByRole('button', { name: 'All yes for Amara Okafor' }).click()
    await app.getByTestId('forms-save').click()
    await expect(app.getByTestId('forms-error')).toContainText('Nothing has been saved yet.')
    await expect(app.getByTestId(`forms-row-${amara}`)).toContainText('Type the name of Amara Okafor’s parent or carer from the form.')
    await expectAccessible(app)
    await screenshot(app, 'consent-class-forms-refused')

    await app.getByLabel('Parent or carer who signed Amara Okafor’s form').fill('Grace Okafor')
    // Ben's family said no to the website and yes to the newsletter, marked from the keyboard.
    await app.getByLabel('Parent or carer who signed Ben Hughes’s form').fill('Tom Hughes')
    await app.getByTestId(`forms-${ben}-website-no`).focus()
    await app.keyboard.press('Space')
    await app.getByTestId(`forms-${ben}-newsletter-yes`).focus()
    await app.keyboard.press('Enter')
    await app.getByLabel('Parent or carer who signed Chloe Patel’s form').fill('Priya Patel')
    await app.getByRole('button', { name: 'All yes for Chloe Patel' }).click()
    await expect(app.getByTestId('forms-save')).toHaveText('Record 3 forms')
    await expectAccessible(app)
    await screenshot(app, 'consent-class-forms')
    await app.getByTestId('forms-save').click()
    await expect(app.getByTestId('forms-done')).toContainText('12 answers recorded for 3 pupils of 4B, Year 4.')

    // The register's figures: two of the twenty-eight may appear on the website.
    await app.getByRole('link', { name: 'Photo consent' }).first().click()
    await expect(app.getByTestId('consent-coverage').getByRole('row', { name: /School website/ })).toContainText('2 of 28')
    await expectAccessible(app)
    await screenshot(app, 'consent-register')

    // Reception: a user of the office role, who sees only the yes / no check.
    await bridge(request, 'users.create', { username: 'r.desk', displayName: 'Rita Desk', role: 'office', password: 'first password given 2025' })
    await signOut(app)
    await signIn(app, 'r.desk', 'first password given 2025')
    await app.getByLabel('Password you use now').fill('first password given 2025')
    await app.getByLabel('New password', { exact: true }).fill('meadow quartz tablet heron')
    await app.getByLabel('Type the new password again').fill('meadow quartz tablet heron')
    await app.getByRole('button', { name: 'Change password' }).click()
    await expect(app.getByTestId('password-changed')).toBeVisible()
    const menu = app.getByRole('navigation', { name: 'Main menu' })
    await expect(menu.getByRole('link')).toHaveText(['Reception', 'May we publish?', 'Items to collect', 'My account'])
    await openFromMenu(app, 'May we publish?')

    // By name: only a Yes means yes.
    await expect(app.getByTestId('check-name').getByRole('textbox')).toBeFocused()
    await app.keyboard.type('amara oka')
    await expect(app.getByTestId(`check-${amara}-website`)).toContainText('Yes')
    await app.getByTestId('check-name').getByRole('textbox').fill('ben hug')
    await expect(app.getByTestId(`check-${ben}-website`)).toContainText('No')
    await expect(app.getByTestId(`check-${ben}-newsletter`)).toContainText('Yes')
    await expect(app.getByTestId(`check-${ben}-press`)).toContainText('Not known: do not use')
    await expectAccessible(app)
    await screenshot(app, 'consent-check-name')
    await app.getByTestId('check-name').getByRole('textbox').fill('zzz')
    await expect(app.getByTestId('check-none')).toContainText('No pupil on roll has a name starting with “zzz”')

    // For a class: who must not appear on the website, chosen from the keyboard, and printed.
    const classBox = app.getByTestId('check-class').locator('input[type=text]')
    await classBox.click()
    await classBox.fill('4B')
    await classBox.press('Enter')
    await app.getByTestId('check-list').click()
    const result = app.getByTestId('check-result')
    await expect(result).toContainText('12 of 14 pupils of 4B, Year 4 must not appear for school website')
    await expect(result.locator('tbody tr')).toHaveCount(12)
    await expect(result).toContainText('Ben Hughes')
    await expect(result).not.toContainText('Amara Okafor')
    await expect(result).not.toContainText('Chloe Patel')
    await expectAccessible(app)
    await screenshot(app, 'consent-check-class')
    await stubPrint(app)
    await app.getByTestId('check-print').click()
    expect(await app.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    // On paper: the whole list and nothing else of the window.
    await app.emulateMedia({ media: 'print' })
    await expect(app.getByTestId('check-print-sheet')).toBeVisible()
    await expect(app.getByTestId('check-print-sheet').locator('tbody tr')).toHaveCount(12)
    await expect(app.getByRole('heading', { level: 1, name: 'May we publish?' })).toBeHidden()
    await screenshot(app, 'consent-check-printed')
    await app.emulateMedia({ media: 'screen' })

    // The whole year group: a long list, a page at a time on screen.
    await classBox.click()
    await classBox.fill('The whole of Year 4')
    await classBox.press('Enter')
    await app.getByTestId('check-list').click()
    await expect(result).toContainText('26 of 28 pupils of Year 4 must not appear for school website')
    await expect(result.locator('tbody tr')).toHaveCount(25)
    await result.getByRole('button', { name: 'Next page' }).click()
    await expect(result.locator('tbody tr')).toHaveCount(1)
    await expectAccessible(app)
    await screenshot(app, 'consent-check-year')

    // A trip list: pupils chosen by name, from either class; one taken off again.
    await app.getByLabel('Pupils chosen by name (a trip list)').check()
    const tripName = app.getByTestId('trip-name').getByRole('textbox')
    for (const [typed, name] of [['amara oka', 'Amara Okafor'], ['ben hug', 'Ben Hughes'], ['nia bow', 'Nia Bowen'], ['macy dav', 'Macy Davies']] as const) {
      await tripName.fill(typed)
      await app.getByTestId(`trip-add-${ids[name]!}`).click()
    }
    await expect(app.getByTestId('trip-count')).toHaveText('4 pupils on the list:')
    await app.getByRole('button', { name: 'Take Macy Davies off the list' }).click()
    await expect(app.getByTestId('trip-count')).toHaveText('3 pupils on the list:')
    await app.getByTestId('check-list').click()
    await expect(result).toContainText('2 of 3 chosen pupils must not appear for school website')
    await expect(result.locator('tbody tr')).toHaveCount(2)
    await expect(result).toContainText('Nia Bowen')
    await expectAccessible(app)
    await screenshot(app, 'consent-check-trip')

    // The consent register itself is not reception's: its address leads back to Reception.
    await app.goto('/#/consent')
    await expect(app.getByRole('heading', { level: 1, name: 'Reception' })).toBeVisible()
  })
})
