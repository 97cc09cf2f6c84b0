import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool, signIn, signOut } from './register'
import { machineRoot, nextSave, picksAsked } from './pickers'

const HEAD = { username: 'd.head', displayName: 'Dafydd ap Rhys', first: 'first password given 2026', own: 'orchard pebble lantern quill' }
/** A one-page PDF: enough for the register to recognise it by its bytes. */
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'

/** Calls the core as the window would (the signed-in business manager): for set-up steps that are not this spec's subject. */
async function callCore(request: APIRequestContext, method: string, input: unknown): Promise<unknown> {
  const res = await request.post('/__bridge/call', { data: { method, input } })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

/** Makes a report from the Reports screen, opens it, and returns the PDF's text once pdfsig calls its signature valid. */
async function makeReport(app: Page, request: APIRequestContext, label: RegExp, period: boolean): Promise<string> {
  await openFromMenu(app, 'Reports')
  await app.getByLabel(label).check()
  if (period) await app.getByRole('button', { name: 'This academic year', exact: false }).click()
  await app.getByTestId('make-report-button').click()
  await expect(app.getByTestId('report-done')).toBeVisible({ timeout: 30_000 })
  await app.getByTestId('open-report').click()
  await expect(app.getByTestId('saved-to')).toContainText('.pdf')
  const file = ((await (await request.get('/__bridge/opened')).json()) as string[]).at(-1)!
  expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

test.describe('policy reviews, recurring checks and the filtering log', () => {
  test('records a check and a policy review, the headteacher ratifies it, and both appear in the signed reports', async ({ app, request }, testInfo) => {
    test.setTimeout(180_000)
    await setUpSchool(app)

    // Home: the dashboard says what is due (the weekly filter check, this week).
    await expect(app.getByTestId('dashboard-attention')).toContainText('Web filter check')

    // A policy, its document and a review.
    await openFromMenu(app, 'Policies')
    await expect(app.getByTestId('no-policies')).toContainText('Start with your online safety policy')
    await expectAccessible(app)
    await screenshot(app, 'policies-empty')
    await app.getByTestId('add-policy').click()
    const dialog = app.getByTestId('policy-dialog')
    await expect(dialog.getByLabel('Policy')).toBeFocused()
    await dialog.getByLabel('Policy').fill('Online safety policy')
    await dialog.getByLabel('Owner (a name or a role)').fill('DSL')
    await dialog.getByLabel('Next review').fill('01/10/2026')
    await expectAccessible(app)
    await screenshot(app, 'policy-add-dialog')
    await dialog.getByTestId('policy-save').click()
    await expect(app.getByRole('heading', { level: 1, name: 'Online safety policy' })).toBeVisible()
    await expect(app.getByTestId('policy-state')).toHaveText('Review overdue')

    const pdf = testInfo.outputPath('online-safety-policy.pdf')
    writeFileSync(pdf, PDF)
    await app.getByLabel('Version of this document').fill('v1')
    await app.getByTestId('document-file').setInputFiles(pdf)
    await app.getByTestId('upload-document').click()
    await expect(app.getByTestId('policy-done')).toContainText('Version v1 of the document is kept')
    await expect(app.getByTestId('documents-table')).toContainText('online-safety-policy.pdf')
    // "Save a copy…": the Save window, with the document's name and version filled in.
    const policyCopy = await nextSave(request, 'Governors/Online safety policy v1.pdf')
    await app.getByRole('button', { name: 'Save a copy of version v1' }).click()
    await expect(app.getByTestId('document-saved')).toHaveText(`Saved as ${policyCopy}`)
    expect(readFileSync(policyCopy!, 'utf8')).toBe(PDF)
    expect((await picksAsked(request)).at(-1)).toEqual({
      kind: 'save',
      title: 'Save a copy of the document',
      defaultPath: join(await machineRoot(request), 'Documents', 'online-safety-policy (v1).pdf'),
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    })

    await app.getByTestId('record-review').click()
    const review = app.getByTestId('review-dialog')
    await expect(review.getByLabel('Reviewed on')).toBeFocused()
    await review.getByLabel('What changed').fill('New section on generative AI tools in lessons.')
    await review.getByLabel('New version (if it changed)').fill('v2')
    await review.getByTestId('review-save').click()
    await expect(app.getByTestId('policy-done')).toContainText('The review is recorded')
    await expect(app.getByTestId('reviews-table')).toContainText('Awaiting the headteacher')
    await expect(app.getByTestId('policy-state')).toHaveText('In date')
    await expectAccessible(app)
    await screenshot(app, 'policy-page')

    // A check: the weekly web filter check, with what was tested.
    await openFromMenu(app, 'Checks')
    await expectAccessible(app)
    await screenshot(app, 'checks-list')
    await app.getByRole('button', { name: 'Record Web filter check' }).click()
    const check = app.getByTestId('record-check-dialog')
    await check.getByLabel('Devices').fill('ICT suite laptops')
    await check.getByLabel('Areas or kinds of content').fill('Extremism, gambling')
    await check.getByLabel('User groups').fill('Year 9 pupils')
    await check.getByLabel('Issues found').check()
    await check.getByTestId('check-save').click()
    await expect(check.getByTestId('check-action')).toContainText('say what was done about them')
    await check.getByLabel('What was done about it').fill('Gambling category blocked again; DSL told.')
    await expect(check.getByTestId('check-action')).not.toContainText('say what was done about them')
    await expectAccessible(app)
    await check.getByTestId('check-save').click()
    await expect(app.getByTestId('checks-done')).toContainText('Web filter check is recorded as done')
    await app.getByRole('link', { name: 'History of Web filter check' }).click()
    await expect(app.getByTestId('history-rate')).toContainText('1/1')
    await expect(app.getByTestId('history-table')).toContainText('ICT suite laptops')
    await expectAccessible(app)
    await screenshot(app, 'check-history')

    // The filtering change log.
    await openFromMenu(app, 'Filtering changes')
    await expect(app.getByTestId('filtering-table')).toContainText('No filtering changes logged yet')
    await app.getByTestId('add-filtering-change').click()
    const change = app.getByTestId('filtering-dialog')
    await change.getByLabel('Allowed').check()
    await change.getByTestId('filtering-target').getByRole('textbox').fill('scratch.mit.edu')
    await change.getByLabel('Why').fill('Year 7 computing unit.')
    await change.getByLabel('Asked for by').fill('Mr Okafor')
    await change.getByLabel('Approved by').fill('Priya Shah (DSL)')
    await expectAccessible(app)
    await change.getByTestId('filtering-save').click()
    await expect(app.getByTestId('filtering-done')).toContainText('Allowed: scratch.mit.edu is logged')
    await expect(app.getByTestId('filtering-table')).toContainText('Website: scratch.mit.edu')
    await expectAccessible(app)
    await screenshot(app, 'filtering-log')

    // The calendar: month and agenda, and the .ics for Outlook.
    await openFromMenu(app, 'Calendar')
    await expect(app.getByTestId('month-grid')).toContainText('Check: Web filter check')
    await expectAccessible(app)
    await screenshot(app, 'calendar-month')
    await app.getByRole('button', { name: 'Agenda' }).click()
    await expect(app.getByTestId('agenda')).toContainText('Check: Firewall security checkDue now')
    await expectAccessible(app)
    await screenshot(app, 'calendar-agenda')
    // The Save window opens where this person last saved (the policy's copy), with the calendar's name.
    const icsFile = await nextSave(request, 'Calendar files/School calendar.ics')
    await app.getByTestId('export-ics').click()
    await expect(app.getByTestId('ics-saved')).toContainText(`as ${icsFile}.`)
    expect(readFileSync(icsFile!, 'utf8')).toMatch(/^BEGIN:VCALENDAR/)
    const askedIcs = (await picksAsked(request)).at(-1)!
    expect(askedIcs.defaultPath).toMatch(/[\\/]Governors[\\/]Online safety calendar \d{4}-\d{2}-\d{2}\.ics$/)
    expect(askedIcs.filters).toEqual([{ name: 'iCalendar file (Outlook)', extensions: ['ics'] }])

    // The headteacher ratifies the review.
    await callCore(request, 'users.create', { username: HEAD.username, displayName: HEAD.displayName, role: 'head', password: HEAD.first })
    await signOut(app)
    await signIn(app, HEAD.username, HEAD.first)
    await app.getByLabel('Password you use now').fill(HEAD.first)
    await app.getByLabel('New password', { exact: true }).fill(HEAD.own)
    await app.getByLabel('Type the new password again').fill(HEAD.own)
    await app.getByRole('button', { name: 'Change password' }).click()
    await expect(app.getByTestId('password-changed')).toBeVisible()
    await openFromMenu(app, 'Policies')
    await app.getByRole('link', { name: 'Open Online safety policy' }).click()
    await expect(app.getByTestId('record-review')).toHaveCount(0)
    await app.getByTestId('ratify').click()
    await expect(app.getByTestId('ratify-dialog')).toBeVisible()
    await expectAccessible(app)
    await app.getByTestId('ratify-confirm').click()
    await expect(app.getByTestId('policy-done')).toContainText('is ratified')
    await expect(app.getByTestId('reviews-table')).toContainText(`by ${HEAD.displayName}`)
    await expect(app.getByTestId('policy-facts')).toContainText(`by ${HEAD.displayName}`)
    await screenshot(app, 'policy-ratified')

    // Both in the signed reports.
    const schedule = await makeReport(app, request, /Policy review schedule/, false)
    expect(schedule).toContain('Online safety policy')
    expect(schedule).toContain('New section on generative AI tools in lessons. (now v2)')
    expect(schedule).toContain(HEAD.displayName)
    const log = await makeReport(app, request, /Recurring checks: log and completion/, true)
    expect(log).toContain('Web filter check')
    expect(log).toContain('Devices: ICT suite laptops. Areas: Extremism, gambling. User groups: Year 9 pupils')
    expect(log).toContain('Gambling category blocked again; DSL told.')
    expect(log).toMatch(/Web filter check Every week \(Monday to Sunday\) ICT manager 1\/1 100%/)
    await screenshot(app, 'reports-check-log')
  })
})
