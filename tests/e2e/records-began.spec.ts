import type { APIRequestContext, Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

async function callCore(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const res = await request.post('/__bridge/call', { data: { method, input } })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

async function choose(app: Page, testId: string, option: string | RegExp): Promise<void> {
  // On a busy machine the menu may still be opening when the option is clicked: try again then.
  await expect(async () => {
    if (!(await app.getByRole('option', { name: option }).isVisible())) await app.getByTestId(testId).click()
    await app.getByRole('option', { name: option }).click({ timeout: 5_000 })
    await expect(app.getByTestId(testId)).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}

/** A day as the register shows it, counted back from today in London. */
function ukDaysAgo(days: number): { iso: string; uk: string } {
  const iso = new Date(Date.now() - days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
  return { iso, uk: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` }
}

test.use({ viewport: { width: 1366, height: 768 } })

test.describe('the day the school’s records began', () => {
  test('an incident dated before it asks why, keeps the reason on the entry, and the business manager can move the day back', async ({ app, request }) => {
    test.setTimeout(120_000)
    await setUpSchool(app)
    const today = ukDaysAgo(0)
    const lastWeek = ukDaysAgo(7)

    await openFromMenu(app, 'Incident log')
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    const date = app.getByTestId('incident-date').getByRole('textbox')
    await date.fill(lastWeek.uk)
    await date.press('Tab')
    const reason = app.getByTestId('incident-before-records-reason')
    await expect(reason).toContainText(`${lastWeek.uk} is before the school’s records began in this register (${today.uk})`)
    await app.getByLabel('Where the incident took place').fill('Year 5 classroom')
    await app.getByLabel('Description of the incident').fill('A pupil was shown a frightening video on a phone.')
    await choose(app, 'incident-device', 'A school device or account')
    await choose(app, 'incident-category', /Cyberbullying/)
    await app.getByTestId('incident-save').click()
    await expect(reason).toContainText('Say in a few words why an incident from before the school’s records began is being recorded now')
    await expectAccessible(app)
    await screenshot(app, 'incident-before-records-asked')

    await reason.locator('textarea').first().fill('Written on paper before the register was set up.')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('entry-before-records')).toContainText('Why it was recorded later: Written on paper before the register was set up.')
    await expectAccessible(app)
    await screenshot(app, 'incident-before-records-shown')

    // Settings: the day is moved back, and an entry from then needs no reason.
    await openFromMenu(app, 'Settings')
    const card = app.getByTestId('records-began-form')
    await expect(card.getByTestId('records-began-on').getByRole('textbox')).toHaveValue(today.uk)
    await card.getByTestId('records-began-on').getByRole('textbox').fill(ukDaysAgo(-3).uk)
    await card.getByTestId('records-began-on').getByRole('textbox').press('Tab')
    await card.getByTestId('records-began-save').click()
    await expect(card).toContainText('The records cannot begin after today.')
    await card.getByTestId('records-began-on').getByRole('textbox').fill(ukDaysAgo(30).uk)
    await card.getByTestId('records-began-on').getByRole('textbox').press('Tab')
    await card.getByTestId('records-began-save').click()
    await expect(app.getByTestId('records-began-saved')).toContainText(`begin on ${ukDaysAgo(30).uk}`)
    await card.scrollIntoViewIfNeeded()
    await expectAccessible(app)
    await screenshot(app, 'settings-records-began')
    expect(await callCore(request, 'school.recordsBegan', {})).toEqual({ on: ukDaysAgo(30).iso })
  })
})
