import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { APIRequestContext, Page, Request } from '@playwright/test'
import { expect, expectAccessible, screenshot, test } from './fixtures'
import { openFromMenu, setUpSchool } from './register'
import { nextSave } from './pickers'
import { SHORTCUT } from '../integration/outside-files'

/** Adds a person to the directory through the bridge, as the signed-in business manager (the People screen is tested elsewhere). */
async function addPerson(request: APIRequestContext, input: Record<string, unknown>): Promise<void> {
  const res = await request.post('/__bridge/call', { data: { method: 'people.create', input } })
  const body = (await res.json()) as { ok: boolean }
  expect(body.ok, JSON.stringify(body)).toBe(true)
}

/** Picks an option from a Vuetify select by the field's test id. */
async function choose(app: Page, testId: string, option: string | RegExp): Promise<void> {
  // On a busy machine the menu may still be opening when the option is clicked: try again then.
  await expect(async () => {
    if (!(await app.getByRole('option', { name: option }).isVisible())) await app.getByTestId(testId).click()
    await app.getByRole('option', { name: option }).click({ timeout: 5_000 })
    await expect(app.getByTestId(testId)).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}

async function recordIncident(app: Page, how: { category: string; place: string; description: string; action: string; person: string; personSearch: string; words?: string }): Promise<string> {
  await app.getByRole('link', { name: 'Record an incident' }).first().click()
  await expect(app.getByRole('heading', { level: 1, name: 'Record an incident' })).toBeVisible()
  await app.getByLabel('Where the incident took place').fill(how.place)
  await choose(app, 'incident-device', 'A school device or account')
  await choose(app, 'incident-category', how.category)
  await expect(app.getByTestId('category-procedure')).toBeVisible()
  await app.getByLabel('Description of the incident').fill(how.description)
  await app.getByLabel('Action taken').fill(how.action)
  if (how.words) await app.getByLabel('The child’s own words (optional)').fill(how.words)
  await app.getByLabel('Add a person from the directory').fill(how.personSearch)
  await app.getByRole('option', { name: new RegExp(how.person) }).click()
  await expect(app.getByTestId('incident-people')).toContainText(how.person)
  await app.getByTestId('incident-save').click()
  await expect(app.getByTestId('incident-done')).toContainText('The incident is recorded and signed with your name.')
  return (await app.getByTestId('incident-reference').textContent())!.trim()
}

test.describe('incident log', () => {
  test('records incidents of two categories, works the checklist, amends one, checks the log and prints the Appendix 4 log', async ({ app, request }) => {
    // A long walk through the whole log on a slow shared machine.
    test.setTimeout(240_000)
    await setUpSchool(app)
    await addPerson(request, { kind: 'pupil', forename: 'Zoe', preferredForename: 'Zoë', surname: 'Fairbairn', yearGroup: '7', regClass: '7F', dateOfBirth: '2013-03-14' })
    await addPerson(request, { kind: 'pupil', forename: 'Siôn', surname: 'Prydderch', yearGroup: '8', regClass: '8P', dateOfBirth: '2012-11-02' })

    await openFromMenu(app, 'Incident log')
    await expect(app.getByTestId('incidents-empty')).toContainText('No incidents recorded yet')
    await expectAccessible(app)
    await screenshot(app, 'incidents-empty')

    // The first incident: cyberbullying, with the pupil affected and her own words.
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    await expect(app.getByRole('heading', { level: 1, name: 'Record an incident' })).toBeVisible()
    // Saving an empty form names each missing field.
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-place')).toContainText('Say where the incident took place.')
    await expect(app.getByTestId('incident-description')).toContainText('Describe the incident.')
    await app.getByRole('link', { name: 'Cancel' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Incident log' })).toBeVisible()

    const first = await recordIncident(app, {
      category: 'Cyberbullying',
      place: 'Class group chat',
      description: 'Hurtful messages about a pupil were posted in the Year 7 group chat over the weekend.',
      action: 'Form tutor told; messages described in words.',
      person: 'Zoë Fairbairn',
      personSearch: 'Fair',
      words: 'They keep saying nobody wants me in the group.',
    })
    expect(first).toMatch(/^INC-\d{4}-0001$/)
    const record = app.getByTestId('entry-record')
    await expect(record).toContainText('Class group chat')
    await expect(record).toContainText('Zoë Fairbairn')
    await expect(app.getByTestId('entry-signature')).toContainText('Signed by Bea Manager')
    await expect(app.getByTestId('entry-signature')).toContainText('signature valid')
    await expectAccessible(app)
    await screenshot(app, 'incident-entry')

    // The checklist: one step done, one not needed with the reason.
    await app.getByRole('button', { name: 'Done: Designated safeguarding lead (or deputy) told' }).click()
    await expect(app.getByTestId('step-dialog')).toBeVisible()
    await expect(app.getByLabel('Who did it (optional)')).toBeFocused()
    await expectAccessible(app)
    await app.getByTestId('step-save').click()
    await expect(app.getByTestId('incident-done')).toContainText('is recorded as done')
    await expect(app.getByTestId('step-dsl-informed')).toContainText('Done')

    await app.getByRole('button', { name: 'Not needed: Service provider asked to remove content' }).click()
    await expect(app.getByLabel('Why is this step not needed?')).toBeFocused()
    await app.getByTestId('step-save').click()
    await expect(app.getByTestId('step-dialog')).toContainText('Say why this step is not needed.')
    await app.getByLabel('Why is this step not needed?').fill('The messages were deleted by the sender the same day.')
    await app.getByTestId('step-save').click()
    await expect(app.getByTestId('incident-done')).toContainText('not needed, with the reason')
    await expect(app.getByTestId('step-provider-contacted')).toContainText('The messages were deleted by the sender the same day.')

    // A referral.
    await app.getByTestId('add-referral').click()
    await choose(app, 'referral-agency', 'Education safeguarding team')
    await app.getByLabel('The agency’s reference number (optional)').fill('EST-2291')
    await app.getByTestId('referral-save').click()
    await expect(app.getByTestId('referrals')).toContainText('EST-2291')

    // An amendment: a new version with the reason; both versions stay readable.
    await app.getByTestId('amend-incident').click()
    await expect(app.getByRole('heading', { level: 1, name: `Amend ${first}` })).toBeVisible()
    await expect(app.getByLabel('Where the incident took place')).toHaveValue('Class group chat')
    await app.getByLabel('Where the incident took place').fill('Year 7 class group chat (WhatsApp)')
    await app.getByLabel('Why is the entry being amended?').fill('The DSL found which app the chat was on.')
    await expectAccessible(app)
    await screenshot(app, 'incident-amend-form')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-done')).toContainText('The amendment is saved as a new signed version')
    await expect(record).toContainText('Year 7 class group chat (WhatsApp)')
    const versions = app.getByTestId('entry-versions')
    await expect(versions.locator('.v-expansion-panel')).toHaveCount(2)
    await app.getByTestId('version-2').getByRole('button').first().click()
    await expect(app.getByTestId('changes-2')).toContainText('Where it took place')
    await expect(app.getByTestId('changes-2')).toContainText('Class group chat')
    await app.getByTestId('version-1').getByRole('button').first().click()
    await expect(app.getByTestId('version-1')).toContainText('Class group chat')
    await expect(app.getByTestId('version-2')).toContainText('The DSL found which app the chat was on.')
    await expect(app.getByTestId('chronology')).toContainText('Version 2: amended')
    await expectAccessible(app)
    await screenshot(app, 'incident-versions')

    // The second incident: a filtering breach.
    await openFromMenu(app, 'Incident log')
    const second = await recordIncident(app, {
      category: 'Filtering breach',
      place: 'ICT suite 2',
      description: 'A gambling site was reached through a translation website during a lesson.',
      action: 'Screen closed; ICT manager asked to block the route.',
      person: 'Siôn Prydderch',
      personSearch: 'Pryd',
    })
    expect(second).toMatch(/^INC-\d{4}-0002$/)

    // A visit to the log reads it once (each read of it is an audited look at the entries).
    const reads: string[] = []
    const countReads = (r: Request) => void (r.url().endsWith('/__bridge/call') && r.postData()?.includes('"incidents.list"') && reads.push(r.postData()!))
    app.on('request', countReads)
    await openFromMenu(app, 'Incident log')
    const table = app.getByTestId('incidents-table')
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await expect(table).toContainText(first)
    await expect(table).toContainText(second)
    await expect(table.getByTestId('waiting-badge')).toHaveCount(1)
    expect(reads).toHaveLength(1)

    // Sorted by a column, by the core (the log is paged there): A to Z, then Z to A.
    await table.getByRole('columnheader', { name: 'Category' }).click()
    await expect(table.locator('tbody tr').first()).toContainText('Cyberbullying')
    await table.getByRole('columnheader', { name: 'Category' }).click()
    await expect(table.locator('tbody tr').first()).toContainText('Filtering breach')
    expect(reads.slice(1).map((r) => JSON.parse(r).input.sort)).toEqual([
      { key: 'category', order: 'asc' },
      { key: 'category', order: 'desc' },
    ])
    app.off('request', countReads)
    await app.getByTestId('check-log').click()
    await expect(app.getByTestId('check-result')).toContainText(/All \d+ signed records are intact/)
    await expectAccessible(app)
    await screenshot(app, 'incidents-log')

    // Filtering by words, then by a person.
    await app.getByRole('textbox', { name: 'Words' }).fill('gambling')
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await expect(table).toContainText(second)
    // What the log shows, printed as the Appendix 4 log.
    await app.getByTestId('print-log-view-open').click()
    const printView = app.getByTestId('print-log-view')
    await expect(printView).toContainText('A signed Appendix 4 log of the 1 entry the log shows now')
    await expectAccessible(app)
    await printView.getByRole('button', { name: 'Print 1 entry' }).click()
    await expect(printView.getByTestId('report-done')).toContainText('Online safety incident log is ready: 1 page')
    await screenshot(app, 'incidents-print-view')
    await printView.getByRole('button', { name: 'Close' }).click()
    await app.getByRole('button', { name: 'Clear the filters' }).click()
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await app.getByRole('combobox', { name: 'Person' }).fill('Fair')
    await app.getByRole('option', { name: /Zoë Fairbairn/ }).click()
    await expect(table.locator('tbody tr')).toHaveCount(1)
    await app.getByRole('link', { name: 'Zoë Fairbairn’s chronology' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Zoë Fairbairn: incident chronology' })).toBeVisible()
    await expect(app.getByTestId('person-chronology')).toContainText(first)
    await expect(app.getByTestId('person-chronology')).toContainText('Affected')
    await expectAccessible(app)
    await screenshot(app, 'incidents-person-chronology')

    // The categories and their procedures (the business manager's).
    await openFromMenu(app, 'Incident log')
    await app.getByTestId('incident-categories').click()
    await expect(app.getByRole('heading', { level: 1, name: 'Incident categories' })).toBeVisible()
    const categories = app.getByTestId('categories-table')
    await expect(categories.locator('tbody tr').filter({ hasText: 'Indecent images of children' })).toContainText('No files')
    await expect(categories.locator('tbody tr').filter({ hasText: 'Filtering breach' })).toContainText('ICT records these')
    await app.getByTestId('add-category').click()
    await expect(app.getByLabel('Name')).toBeFocused()
    await expectAccessible(app)
    await app.getByRole('button', { name: 'Cancel' }).click()
    await expectAccessible(app)
    await screenshot(app, 'incidents-categories')

    // Home: the count of entries waiting for the DSL, no content.
    await app.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).click()
    await expect(app.getByTestId('waiting-count')).toHaveText('1 incident waiting for the DSL')
    await expectAccessible(app)
    await screenshot(app, 'incidents-home-card')
    await app.getByTestId('waiting-count').getByRole('link').click()
    await expect(app.getByTestId('incidents-table').locator('tbody tr')).toHaveCount(1)
    await expect(app.getByTestId('incidents-table')).toContainText(second)

    // The Appendix 4 log for the period, from the Reports screen: signed, with both entries.
    await openFromMenu(app, 'Reports')
    await app.getByLabel(/Online safety incident log/).check()
    await app.getByRole('button', { name: 'This academic year', exact: false }).click()
    await app.getByTestId('make-report-button').click()
    await expect(app.getByTestId('report-done')).toBeVisible({ timeout: 30_000 })
    await app.getByTestId('open-report').click()
    await expect(app.getByTestId('saved-to')).toContainText('.pdf')
    const opened = (await (await request.get('/__bridge/opened')).json()) as string[]
    const file = opened.at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    // Reading order, with line breaks inside table cells joined up.
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain(first)
    expect(text).toContain(second)
    // The amended place (the current version), and both descriptions.
    expect(text).toContain('chat (WhatsApp)')
    expect(text).toContain('Hurtful messages about a pupil were posted in the Year 7 group chat over the weekend.')
    expect(text).toContain('A gambling site was reached through a translation website during a lesson.')

    // Someone with the key changes one character of the second entry in the database file: the log names it.
    await request.post('/__bridge/alter-incident', { data: { reference: second } })
    await openFromMenu(app, 'Incident log')
    await app.getByTestId('check-log').click()
    await expect(app.getByTestId('check-result')).toContainText('1 problem found')
    await expect(app.getByTestId('check-problem')).toContainText(`${second}, version 1: It was changed after it was signed.`)
    await expectAccessible(app)
    await screenshot(app, 'incidents-check-failed')
  })

  test('keeps an evidence file, refuses one for sexual images, closes an entry and prints it in full', async ({ app, request }) => {
    test.setTimeout(180_000)
    await setUpSchool(app)
    const api = async (method: string, input: unknown) => {
      const body = (await (await request.post('/__bridge/call', { data: { method, input } })).json()) as { ok: boolean; value: unknown }
      expect(body.ok, JSON.stringify(body)).toBe(true)
      return body.value as never
    }
    const categories = (await api('incidents.categories', {})) as { id: number; name: string }[]
    const idOf = (start: string) => categories.find((c) => c.name.startsWith(start))!.id
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
    const entry = { occurredOn: today, occurredTime: null, place: 'Library', onSite: true, device: 'personal', actionTaken: 'DSL told.', childsWords: null, people: [], status: 'open', outcome: null }
    const images = (await api('incidents.record', { entry: { ...entry, categoryId: idOf('Youth-produced'), description: 'A picture was shared in a chat.' } })) as { id: number }
    const bullying = (await api('incidents.record', { entry: { ...entry, categoryId: idOf('Cyberbullying'), description: 'Unkind messages in a chat.' } })) as { id: number }

    await app.goto(`/index.html#/incidents/${images.id}`)
    await expect(app.getByTestId('no-files-explained')).toContainText('The policy forbids copying')
    await expect(app.getByTestId('attach-evidence')).toHaveCount(0)

    await app.goto(`/index.html#/incidents/${bullying.id}`)
    await app.getByTestId('attach-evidence').click()
    await app.getByTestId('evidence-file').locator('input[type=file]').setInputFiles({ name: 'chat.txt', mimeType: 'text/plain', buffer: Buffer.from('You are not welcome here.') })
    await app.getByTestId('evidence-description').getByRole('textbox').fill('The messages, copied from the chat')
    await app.getByTestId('evidence-save').click()
    await expect(app.getByTestId('evidence-files')).toContainText('chat.txt')
    // "Save a copy…" asks where, in the computer's own Save window; the user names the copy.
    const evidenceCopy = await nextSave(request, 'USB/Evidence/Chat for the police.txt')
    await app.getByRole('button', { name: 'Save a copy of chat.txt' }).click()
    await expect(app.getByTestId('evidence-copied')).toContainText('not encrypted')
    await expect(app.getByTestId('evidence-copied')).toContainText(`A copy was saved as ${evidenceCopy}.`)
    expect(readFileSync(evidenceCopy!, 'utf8')).toBe('You are not welcome here.')
    await expectAccessible(app)
    await screenshot(app, 'evidence-copy-saved')

    // A file from outside is named for what it really is; only pictures, PDFs and text open, after saying what they are.
    await app.getByTestId('attach-evidence').click()
    await app.getByTestId('evidence-file').locator('input[type=file]').setInputFiles({ name: 'invoice.pdf.lnk', mimeType: 'application/pdf', buffer: SHORTCUT })
    await app.getByTestId('evidence-description').getByRole('textbox').fill('The “invoice” sent to the pupil')
    await app.getByTestId('evidence-save').click()
    await expect(app.getByTestId('evidence-files')).toContainText('invoice_pdf.bin')
    await expect(app.getByTestId('evidence-sent-as')).toContainText('Sent as “invoice.pdf.lnk”')
    await expect(app.getByTestId('evidence-not-opened')).toContainText('it is a Windows shortcut (.lnk)')
    await expect(app.getByTestId('evidence-not-opened')).toContainText('save a copy and ask IT support to check it first')
    await expect(app.getByRole('button', { name: 'Open invoice_pdf.bin' })).toHaveCount(0)
    await app.getByRole('button', { name: 'Open chat.txt' }).click()
    await expect(app.getByTestId('open-evidence-dialog')).toContainText('it is plain text')
    await app.getByTestId('open-evidence-confirm').click()
    await expect(app.getByTestId('evidence-copied')).toContainText('chat.txt')
    expect(((await (await request.get('/__bridge/opened')).json()) as string[]).at(-1)).toMatch(/\/exports\/chat\.txt$/)

    await app.getByTestId('close-incident').click()
    await app.getByTestId('close-outcome').getByRole('textbox').fill('Messages removed; both families met; apology given.')
    await app.getByTestId('close-reason').getByRole('textbox').fill('Closed after the meeting.')
    await app.getByTestId('close-save').click()
    await expect(app.getByTestId('close-dialog')).toHaveCount(0)
    await expect(app.getByTestId('entry-record')).toContainText('Messages removed; both families met; apology given.')
    await expectAccessible(app)
    await screenshot(app, 'incident-closed')

    await app.getByTestId('print-incident-button').click()
    await expect(app.getByTestId('incident-report-done')).toBeVisible({ timeout: 30_000 })
    await app.getByTestId('incident-report-done').getByRole('button', { name: 'Open to read or print' }).click()
    await expect(app.getByTestId('incident-report-done')).toContainText('Saved as')
    const file = ((await (await request.get('/__bridge/opened')).json()) as string[]).at(-1)!
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.')
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const words of ['Incident record', 'Closed after the meeting.', 'chat.txt', 'The messages, copied from the chat', 'Messages removed; both families met; apology given.']) expect(text).toContain(words)
  })

  test('records a filtering breach with its address and how it came to light, an imagery incident with who viewed the image, and switches a KCSIE 2025 category off', async ({ app }) => {
    test.setTimeout(240_000)
    await setUpSchool(app)
    await openFromMenu(app, 'Incident log')
    const address = 'https://unblock-games.example/proxy?page=2'

    // A filtering breach: the form asks for the address; not whether anyone viewed an image.
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    await expect(app.getByRole('heading', { level: 1, name: 'Record an incident' })).toBeVisible()
    await app.getByLabel('Where the incident took place').fill('Library PCs')
    await choose(app, 'incident-device', 'A school device or account')
    await choose(app, 'incident-category', 'Filtering breach')
    await expect(app.getByTestId('incident-url')).toBeVisible()
    await expect(app.getByTestId('incident-image-viewing')).toHaveCount(0)
    await choose(app, 'incident-came-to-light', 'A monitoring or filtering alert')
    await app.getByLabel('Web address or online service involved (optional)').fill(address)
    await app.getByLabel('Description of the incident').fill('The monitoring service flagged a proxy site that got past the web filter.')
    await app.getByLabel('Action taken').fill('Site blocked by the ICT manager; provider told.')
    await expectAccessible(app)
    await screenshot(app, 'incident-filtering-breach-form')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-done')).toContainText('The incident is recorded and signed with your name.')
    await expect(app.getByTestId('entry-url')).toHaveText(address)
    await expect(app.getByTestId('entry-came-to-light')).toHaveText('A monitoring or filtering alert')
    await expect(app.getByTestId('entry-image-viewed')).toHaveCount(0)
    await expectAccessible(app)
    await screenshot(app, 'incident-filtering-breach')

    // Sexual imagery: who, if anyone, viewed the image, and why; no address asked.
    await openFromMenu(app, 'Incident log')
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    await app.getByLabel('Where the incident took place').fill('Year 10 social media group')
    await app.getByRole('radio', { name: 'Off site' }).check()
    await choose(app, 'incident-device', 'A personal device')
    await choose(app, 'incident-category', 'Youth-produced sexual imagery')
    await expect(app.getByTestId('incident-image-viewing')).toBeVisible()
    await expect(app.getByTestId('incident-url')).toHaveCount(0)
    await choose(app, 'incident-came-to-light', 'The pupil told someone (a disclosure)')
    await app.getByLabel('Description of the incident').fill('A pupil told her tutor a photo of her was being passed round a group chat.')
    await app.getByRole('radio', { name: 'Only the DSL (or a deputy) viewed it' }).check()
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-image-viewed-why')).toContainText('Say who viewed the image and why it could not be avoided.')
    await app.getByLabel('Who viewed it, and why could it not be avoided?').fill('The DSL looked once on the pupil’s phone to decide on a police referral; no copy made.')
    await expectAccessible(app)
    await screenshot(app, 'incident-imagery-form')
    await app.getByTestId('incident-save').click()
    await expect(app.getByTestId('incident-done')).toContainText('The incident is recorded and signed with your name.')
    await expect(app.getByTestId('entry-image-viewed')).toHaveText('Only the DSL (or a deputy) viewed it: The DSL looked once on the pupil’s phone to decide on a police referral; no copy made.')
    await expect(app.getByTestId('entry-came-to-light')).toHaveText('The pupil told someone (a disclosure)')
    await expect(app.getByTestId('entry-url')).toHaveCount(0)
    await expectAccessible(app)
    await screenshot(app, 'incident-imagery')

    // The categories KCSIE 2025 added: on in a new register; switched off, the form no longer offers one.
    await openFromMenu(app, 'Incident log')
    await app.getByTestId('incident-categories').click()
    const ai = app.getByTestId('categories-table').locator('tbody tr').filter({ hasText: 'Generative AI misuse' })
    await expect(ai).toContainText('Added by Keeping Children Safe in Education 2025')
    await expect(ai).toContainText('Also asks: the web address or online service involved')
    await app.getByRole('button', { name: 'Switch off Generative AI misuse' }).click()
    await expect(app.getByTestId('confirm-dialog')).toBeVisible()
    await expectAccessible(app)
    await app.getByTestId('confirm-dialog').getByRole('button', { name: 'Switch off' }).click()
    await expect(app.getByRole('status')).toContainText('“Generative AI misuse” is switched off: no new entries can use it.')
    await expect(ai).toContainText('Switched off')
    await expect(app.getByRole('button', { name: 'Switch on Generative AI misuse' })).toBeVisible()
    await expectAccessible(app)
    await screenshot(app, 'incident-categories-kcsie')
    await openFromMenu(app, 'Incident log')
    await app.getByRole('link', { name: 'Record an incident' }).first().click()
    await app.getByTestId('incident-category').click()
    await expect(app.getByRole('option', { name: 'Scams, gambling and commerce' })).toBeVisible()
    await expect(app.getByRole('option', { name: 'Generative AI misuse' })).toHaveCount(0)
    await app.keyboard.press('Escape')

    // How the two concerns came to light, in the incident log's section of this year's annual review.
    await openFromMenu(app, 'Annual review')
    await app.getByTestId('this-year').click()
    const section = app.getByTestId('register-figures-incidents')
    await expect(section.getByRole('heading', { name: 'How concerns came to light' })).toBeVisible()
    await expect(section.getByRole('row', { name: /^A monitoring or filtering alert/ })).toContainText(/1\s*1 of 2 \(50%\)/)
    await expect(section.getByRole('row', { name: /^The pupil told someone/ })).toContainText(/1\s*1 of 2 \(50%\)/)
    await expect(section.getByRole('row', { name: /^Not recorded/ })).toHaveCount(0)
    await expect(app.getByTestId('headline-incidents-0')).toContainText('Incidents first flagged by monitoring or filtering')
    await expect(app.getByTestId('headline-incidents-0')).toContainText('1 of 2 (50%)')
    await expectAccessible(app)
    await section.scrollIntoViewIfNeeded()
    await screenshot(app, 'incident-came-to-light-annual-review')
  })
})
