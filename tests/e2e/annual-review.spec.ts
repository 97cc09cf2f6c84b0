import { execFileSync } from 'node:child_process'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'

test.describe('annual review', () => {
  test('shows last school year’s figures, keeps the headteacher’s commentary and prints the signed pack with it', async ({ app, request }) => {
    test.setTimeout(90_000)
    await setUpSchool(app)
    const api = async (method: string, input: unknown) => {
      const body = (await (await request.post('/__bridge/call', { data: { method, input } })).json()) as { ok: boolean; value: unknown }
      expect(body.ok, JSON.stringify(body)).toBe(true)
      return body.value as never
    }
    // Two incidents in the school year that has just ended (the screen opens on it), one still open.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
    const start = Number(today.slice(0, 4)) - (today.slice(5) >= '09-01' ? 1 : 2)
    const label = `${start}–${String((start + 1) % 100).padStart(2, '0')}`
    const categories = (await api('incidents.categories', {})) as { id: number; name: string }[]
    const idOf = (begins: string) => categories.find((c) => c.name.startsWith(begins))!.id
    const entry = { occurredTime: null, place: 'ICT suite', onSite: true, device: 'school', actionTaken: 'DSL told.', childsWords: null, people: [], status: 'open', outcome: null }
    // Older than the register (set up today): entered from the paper log, as the register asks.
    const fromPaper = { oldDateConfirmed: true, beforeRecordsReason: 'Entered from the paper log kept before the register.' }
    await api('incidents.record', { entry: { ...entry, occurredOn: `${start}-10-14`, categoryId: idOf('Cyberbullying'), description: 'Unkind messages in a class chat.' }, ...fromPaper })
    await api('incidents.record', { entry: { ...entry, occurredOn: `${start + 1}-03-03`, categoryId: idOf('Filtering'), description: 'A game site was reachable in a lesson.' }, ...fromPaper })

    await openFromMenu(app, 'Annual review')
    await expect(app.getByTestId('year-picker')).toContainText(label)
    await expect(app.getByTestId('headline-incidents')).toContainText('2')
    // The year before came before the register's first record: nothing to compare, never "up from none".
    await expect(app.getByTestId('headline-incidents')).toContainText('First year recorded')
    await expect(app.getByTestId('open-incidents').locator('tbody tr')).toHaveCount(2)
    await expect(app.getByTestId('incidents-source')).toContainText('Counted from the incident log on')

    const commentary = 'Pupils reported problems quickly this year and every report was followed up.'
    await app.getByLabel(`Commentary on ${label}`).fill(commentary)
    await app.getByLabel('Priorities for next year', { exact: true }).fill('Refresher training on the filtering log for all staff.')
    await app.getByLabel('Chair of governors’ name (for the sign-off page)').fill('Gwen Roberts')
    // Switching year with unsaved typing keeps it as a draft of that year (nothing to ask), and the
    // year offers it back when it is chosen again.
    await app.getByTestId('this-year').click()
    await expect(app.getByTestId('confirm-dialog')).toHaveCount(0)
    await expect(app.getByTestId('last-year')).toBeVisible()
    await expect(app.getByTestId('draft-offer')).toHaveCount(0)
    await app.getByTestId('last-year').click()
    await expect(app.getByTestId('draft-offer')).toContainText(/You were writing this on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}/)
    await expectAccessible(app)
    await screenshot(app, 'annual-review-draft-offered')
    await app.getByTestId('draft-carry-on').click()
    await expect(app.getByLabel(`Commentary on ${label}`)).toHaveValue(commentary)
    await expect(app.getByLabel('Chair of governors’ name (for the sign-off page)')).toHaveValue('Gwen Roberts')

    await app.getByTestId('save-commentary').click()
    await expect(app.getByTestId('commentary-saved')).toContainText('Last saved by Bea Manager on')
    // Saved, the draft is gone: nothing is offered on coming back.
    expect((await api('drafts.get', { form: 'annualReview.commentary', recordKey: String(start) })) as unknown).toBeNull()
    await expectAccessible(app)
    await screenshot(app, 'annual-review')

    // From the top of the page to the print button and on, by keyboard.
    await app.getByTestId('go-to-print').press('Enter')
    await expect(app.getByTestId('print-pack-button')).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(app.getByTestId('report-progress').or(app.getByTestId('report-done')).first()).toBeVisible({ timeout: 30_000 })
    await screenshot(app, 'annual-review-printing')
    await expect(app.getByTestId('report-done')).toBeVisible({ timeout: 45_000 })
    await expect(app.getByTestId('report-done')).toContainText('Annual online safety review')
    await expectAccessible(app)
    await app.getByTestId('open-report').click()
    await expect(app.getByTestId('saved-to')).toContainText('.pdf')
    const file = ((await (await request.get('/__bridge/opened')).json()) as string[]).at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain(commentary)
    expect(text).toContain('Gwen Roberts')
  })
})
