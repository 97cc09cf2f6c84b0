import type { APIRequestContext } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

/** Calls the core as the window would (the signed-in business manager): for set-up steps that are not this spec's subject. */
async function callCore(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const res = await request.post('/__bridge/call', { data: { method, input } })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

/** A day `days` from today, as the office types it. */
function ukDayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`
}

test.describe('filtering and monitoring governance', () => {
  test('names the IT provider, records the yearly review with an action, marks it done, and triages two monitoring alerts', async ({ app, request }) => {
    test.setTimeout(180_000)
    await setUpSchool(app)
    // An incident to link an alert to (the incident log has its own spec).
    const categories = (await callCore(request, 'incidents.categories', {})) as { id: number; name: string }[]
    const today = new Date().toISOString().slice(0, 10)
    const { id } = (await callCore(request, 'incidents.record', {
      entry: { occurredOn: today, occurredTime: null, place: 'ICT suite', onSite: true, device: 'school', categoryId: categories.find((c) => c.name === 'Filtering breach')!.id, description: 'A proxy site got past the filter.', actionTaken: 'Blocked it.', childsWords: null, people: [], status: 'open', outcome: null },
    })) as { id: number }
    const { reference } = (await callCore(request, 'incidents.get', { id })) as { reference: string }

    await openFromMenu(app, 'Filtering and monitoring')
    await expect(app.getByTestId('fm-next')).toContainText('No review is recorded yet')
    await expectAccessible(app)
    await screenshot(app, 'fm-empty')

    // The IT provider, an outside firm, by name.
    await app.getByRole('button', { name: 'Name: IT service provider' }).click()
    const role = app.getByTestId('fm-role-dialog')
    await expect(role.getByLabel('Name', { exact: true })).toBeFocused()
    await role.getByTestId('fm-role-save').click()
    await expect(role.getByText('Type the name of the provider or person.')).toBeVisible()
    await expect(role.getByText('Please enter their responsibilities.')).toBeVisible()
    await role.getByLabel('Name', { exact: true }).fill('Dyffryn Schools IT Ltd')
    await role.getByLabel('Their responsibilities').fill('Runs the filter and the monitoring; makes the changes the school asks for.')
    await expectAccessible(app)
    await role.getByTestId('fm-role-save').click()
    await expect(app.getByTestId('fm-done')).toHaveText('IT service provider: Dyffryn Schools IT Ltd is named.')
    await expect(app.getByTestId('fm-role-it-provider')).toContainText('Dyffryn Schools IT Ltd')

    // The yearly review: refused while a question is unanswered, then recorded with one action.
    await app.getByTestId('fm-record-review').click()
    const review = app.getByTestId('fm-review-dialog')
    await review.getByTestId('fm-review-save').click()
    await expect(review.getByText('Please enter the risk profile of the pupils (ages, needs, what they use).')).toBeVisible()
    const answers: [string, string][] = [
      ['Who took part (names and roles)', 'Rhian Morgan (deputy head), Priya Shah (DSL), Dyffryn Schools IT'],
      ['Risk profile of the pupils: ages, needs, what they use and where', 'Pupils aged 4 to 11; Key Stage 2 use laptops.'],
      ['What is filtered and how: the system, the categories, who manages it', 'A cloud filter on every school device and the pupil wifi.'],
      ['Guest network: how it is filtered', 'Filtered with the staff profile.'],
      ['Personal devices (staff, pupils, visitors): how they are filtered', 'Not allowed on the network.'],
      ['Over-blocking: what was found, and what was changed', 'None reported this year.'],
      ['Monitoring strategy: physical, software, or both; on which devices', 'Software monitoring on Key Stage 2 laptops; physical in Key Stage 1.'],
      ['How alerts are handled: who receives them, how soon, what happens next', 'Alerts go to the DSL, triaged within a school day.'],
    ]
    for (const [label, text] of answers) await review.getByLabel(label).fill(text)
    await review.getByTestId('fm-add-action').click()
    await review.getByLabel('Action 1', { exact: true }).fill('Test the filter on the guest wifi')
    await review.getByLabel('Owner').fill('Dyffryn Schools IT Ltd')
    await review.getByLabel('Due by').fill(ukDayFromToday(30))
    await review.getByLabel('Due by').blur()
    await expectAccessible(app)
    await screenshot(app, 'fm-review-dialog')
    await review.getByTestId('fm-review-save').click()
    await expect(app.getByTestId('fm-done')).toContainText('is recorded. The next is due by')
    await expect(app.getByTestId('fm-next')).toContainText('The next yearly review is due by')
    await expect(app.getByTestId('fm-open-actions')).toContainText('Test the filter on the guest wifi')

    // The action, done.
    await app.getByRole('button', { name: 'Mark done: Test the filter on the guest wifi' }).click()
    const doneDialog = app.getByTestId('fm-done-dialog')
    await doneDialog.getByLabel('What was done').fill('Tested with the SWGfL test site: all blocked.')
    await doneDialog.getByTestId('fm-done-save').click()
    await expect(app.getByTestId('fm-done')).toHaveText('Marked done: Test the filter on the guest wifi.')
    await expect(app.getByText('Every action the reviews set is done.')).toBeVisible()
    await app.getByRole('button', { name: /^Show the review of/ }).click()
    await expect(app.getByTestId('fm-review-detail')).toContainText('Tested with the SWGfL test site: all blocked.')
    await expectAccessible(app)
    await screenshot(app, 'fm-review-detail')
    await app.getByTestId('fm-review-detail').getByRole('button', { name: 'Close' }).click()
    await screenshot(app, 'fm-overview')

    // Monitoring alerts: two taken in; one linked to the incident, one closed with the reason.
    await app.getByTestId('fm-alerts-link').click()
    await expect(app.getByRole('heading', { level: 1, name: 'Monitoring alerts' })).toBeVisible()
    await expect(app.getByTestId('fm-alerts-table')).toContainText('No monitoring alerts taken in yet')
    await expectAccessible(app)
    for (const [source, what, device] of [
      ['Smoothwall Monitor', 'Searched for a proxy site to get round the filter.', 'Laptop 12'],
      ['Class teacher', 'Keyword match in a story for English.', ''],
    ]) {
      await app.getByTestId('fm-take-alert').click()
      const alert = app.getByTestId('fm-alert-dialog')
      await alert.getByLabel('Where it came from (the monitoring system, or who raised it)').fill(source!)
      await alert.getByLabel('What the alert says').fill(what!)
      if (device) await alert.getByLabel('Device or user, where known (optional)').fill(device)
      await alert.getByTestId('fm-alert-save').click()
      await expect(app.getByTestId('fm-alerts-done')).toContainText('is taken in')
    }
    await expect(app.getByTestId('fm-alerts-open')).toHaveText('2 waiting to be triaged.')

    await app.getByRole('button', { name: /^Triage the alert of .* from Smoothwall Monitor$/ }).click()
    const triage = app.getByTestId('fm-triage-dialog')
    await triage.getByLabel('An incident: link it to the entry in the incident log').check()
    await triage.getByLabel('Incident reference (for example INC-2026-0042)').fill('INC-1999-0001')
    await triage.getByTestId('fm-triage-save').click()
    await expect(triage.getByText('There is no incident INC-1999-0001 in the log. Check the reference and try again.')).toBeVisible()
    await triage.getByLabel('Incident reference (for example INC-2026-0042)').fill(reference.toLowerCase())
    await expectAccessible(app)
    await screenshot(app, 'fm-triage-dialog')
    await triage.getByTestId('fm-triage-save').click()
    await expect(app.getByTestId('fm-alerts-done')).toContainText(`is linked to incident ${reference}.`)

    await app.getByRole('button', { name: /^Triage the alert of .* from Class teacher$/ }).click()
    await triage.getByTestId('fm-triage-save').click()
    await expect(triage.getByText('Say why the alert is closed without an incident (for example: a false match, a lesson search).')).toBeVisible()
    await triage.getByLabel('Why it is closed (for example: a false match, a lesson search)').fill('A story for English: a false match.')
    await triage.getByTestId('fm-triage-save').click()
    await expect(app.getByTestId('fm-alerts-done')).toContainText('is closed.')
    await expect(app.getByTestId('fm-alerts-open')).toHaveText('None waiting to be triaged.')
    const table = app.getByTestId('fm-alerts-table')
    await expect(table).toContainText(`Linked to ${reference}`)
    await expect(table).toContainText('Closed: A story for English: a false match.')
    await expectAccessible(app)
    await screenshot(app, 'fm-alerts')
  })
})
