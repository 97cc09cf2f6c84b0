import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ical, { type VEvent } from 'node-ical'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { runRegisterChecks } from '../../electron/core/health/register-checks'
import { demoPdf, seedReviewsDemo } from '../../electron/core/reviews-and-checks/demo-reviews'
import { policyDocumentsCheck } from '../../electron/core/reviews-and-checks/register-check'
import { DEFAULT_CHECK_TEMPLATES } from '../../shared/domain/reviews-and-checks'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'
import { pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

/** A school with the business manager signed in, on a settable clock (default: Tuesday 16 June 2026, 10:00 BST). */
async function register(start = '2026-06-16T09:00:00Z') {
  const time = clock(start)
  const s = await school(time.now)
  open.push(s)
  return { ...s, time }
}


/** Makes a signed report, waits for it and saves it into the school's folder. */
async function issue(core: Core, dir: string, input: { type: 'policy-reviews' | 'check-log' | 'filtering-changes'; from?: string; to?: string }) {
  const { jobId } = await ok(core, 'reports.start', { anonymised: false, ...input })
  let job = await ok(core, 'reports.job', { jobId })
  for (let i = 0; job.status === 'running' && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50))
    job = await ok(core, 'reports.job', { jobId })
  }
  if (job.status !== 'done') throw new Error(`report ${job.status}: ${job.message}`)
  mkdirSync(join(dir, 'reports-out'), { recursive: true })
  const { file } = await ok(core, 'reports.save', { jobId, file: join(dir, 'reports-out', `${jobId}.pdf`) })
  // Page 1 as a picture, for a person to look at (kept in the temp folder while debugging).
  if (process.env['OSR_KEEP_PAGES']) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(process.env['OSR_KEEP_PAGES'], input.type)])
  return { file, report: job.report! }
}

/** Minimal files of each accepted kind, and one that only pretends. */
function zip(firstName: string, firstContent: string, extraNames: string[] = []): Buffer {
  const entry = (name: string, content: string) => {
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(Buffer.byteLength(name), 26)
    return Buffer.concat([header, Buffer.from(name), Buffer.from(content)])
  }
  return Buffer.concat([entry(firstName, firstContent), ...extraNames.map((n) => entry(n, '<xml/>'))])
}
const ODT = zip('mimetype', 'application/vnd.oasis.opendocument.text', ['content.xml'])
const DOCX = zip('[Content_Types].xml', '<Types/>', ['word/document.xml'])
const b64 = (b: Buffer) => b.toString('base64')

const POLICY = { title: 'Online safety policy', owner: 'DSL', version: 'v1', writtenOn: '2025-09-01', ratifiedOn: '2025-10-01', ratifiedBy: 'Governing body', reviewIntervalMonths: 12, nextReviewOn: '2026-10-01' }

describe('policies', () => {
  it('keeps a policy with its document, records a review and the headteacher ratifies it', async () => {
    const s = await register()
    const { core } = s
    expect(await ok(core, 'policies.list', {})).toEqual([])
    const created = await ok(core, 'policies.create', POLICY)
    expect(created).toMatchObject({ title: 'Online safety policy', version: 'v1', ratifiedBy: 'Governing body', reviewState: 'in-date', document: null, documents: [], reviews: [] })

    const pdf = demoPdf('Online safety policy')
    const withPdf = await ok(core, 'policies.uploadDocument', { policyId: created.id, versionLabel: 'v1', fileName: 'OS policy.PDF', fileBase64: b64(pdf) })
    expect(withPdf.document).toMatchObject({ kind: 'pdf', fileName: 'OS policy.pdf', bytes: pdf.length, versionLabel: 'v1' })
    // The bytes decide the kind, whatever the name says.
    const odt = await ok(core, 'policies.uploadDocument', { policyId: created.id, versionLabel: 'v1a', fileName: 'policy.docx', fileBase64: b64(ODT) })
    expect(odt.documents.map((d) => [d.kind, d.fileName])).toEqual([['odt', 'policy.odt'], ['pdf', 'OS policy.pdf']])
    expect((await ok(core, 'policies.uploadDocument', { policyId: created.id, versionLabel: 'v1b', fileName: 'p.docx', fileBase64: b64(DOCX) })).document?.kind).toBe('docx')
    const text = await refused(core, 'policies.uploadDocument', { policyId: created.id, versionLabel: 'v2', fileName: 'policy.pdf', fileBase64: b64(Buffer.from('just some text pretending to be a PDF')) })
    expect(text).toMatchObject({ kind: 'validation', field: 'fileBase64' })
    expect(text.message).toMatch(/not a PDF, a Word document/)
    const big = await refused(core, 'policies.uploadDocument', { policyId: created.id, versionLabel: 'v2', fileName: 'big.pdf', fileBase64: b64(Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)])) })
    expect(big.message).toMatch(/larger than 20 MB/)

    // The document comes back out through the core, byte for byte, and the read is audited.
    const { file } = await ok(core, 'policies.saveDocument', { documentId: withPdf.document!.id })
    expect(file).toMatch(/OS policy \(v1\)\.pdf$/)
    expect(readFileSync(file).equals(pdf)).toBe(true)
    const again = await ok(core, 'policies.saveDocument', { documentId: withPdf.document!.id })
    expect(again.file).toMatch(/OS policy \(v1\) \(2\)\.pdf$/)
    expect(await auditRows(core, 'policy.documentRead')).toHaveLength(2)

    // A review: the next date follows from the interval unless given.
    const reviewed = await ok(core, 'policies.review', { policyId: created.id, reviewedOn: '2026-06-10', reviewedBy: 'Priya Shah (DSL)', changes: 'Generative AI section added.', newVersion: 'v2' })
    expect(reviewed).toMatchObject({ version: 'v2', nextReviewOn: '2027-06-10', awaitingRatification: 1 })
    expect(reviewed.reviews[0]).toMatchObject({ reviewedBy: 'Priya Shah (DSL)', newVersion: 'v2', ratification: null, incident: null })

    // Only the headteacher ratifies.
    expect((await refused(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-06-15' })).kind).toBe('forbidden')
    await s.as('head')
    expect((await refused(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-06-01' })).message).toMatch(/cannot be ratified before then/)
    expect((await refused(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-07-01' })).message).toMatch(/cannot be in the future/)
    const ratified = await ok(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-06-15' })
    expect(ratified).toMatchObject({ ratifiedOn: '2026-06-15', ratifiedBy: 'A head', awaitingRatification: 0 })
    expect(ratified.reviews[0]!.ratification).toMatchObject({ ratifiedOn: '2026-06-15', ratifiedBy: 'A head' })
    const twice = await refused(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-06-16' })
    expect(twice).toMatchObject({ kind: 'conflict', message: 'That review was already ratified by A head on 15/06/2026.' })
    expect((await refused(core, 'policies.create', POLICY)).kind).toBe('forbidden')
    expect(await auditRows(core, 'policy.ratify')).toEqual([expect.objectContaining({ target: `policy-review:${reviewed.reviews[0]!.id}` })])

    // The database itself refuses to change a review or remove a document.
    const { db } = core.store.requireOpen()
    await expect(db('policy_reviews').where({ id: reviewed.reviews[0]!.id }).update({ changes: 'x' })).rejects.toThrow(/only ever ratified, once/)
    await expect(db('policy_documents').delete()).rejects.toThrow(/kept as the versions/)
    expect((await policyDocumentsCheck.run(core)).ok).toBe(true)
  })

  it('links a review to the incident that prompted it, and refuses an unknown incident', async () => {
    const { core } = await register()
    const p = await ok(core, 'policies.create', POLICY)
    const unknown = await refused(core, 'policies.review', { policyId: p.id, reviewedOn: '2026-06-10', reviewedBy: 'DSL', changes: 'x', incidentReference: 'inc-2026-0042' })
    expect(unknown).toMatchObject({ field: 'incidentReference', message: 'There is no incident INC-2026-0042 in the incident log. Copy its reference from the log, or leave this empty.' })
    expect((await refused(core, 'policies.review', { policyId: p.id, reviewedOn: '2026-06-10', reviewedBy: 'DSL', changes: 'x', incidentReference: '42' })).field).toBe('incidentReference')

    // An incident as the incident log keeps it (migration 0004's table, written directly here).
    const { db, session } = core.store.requireOpen()
    const [category] = await db('incident_categories').pluck('id')
    const at = '2026-06-01T10:00:00.000Z'
    const [incidentId] = (await db('incidents').insert({
      reference: 'INC-2026-0042', category_id: category!, status: 'open', occurred_on: '2026-06-01', recorded_at: at, changed_at: at, version: 1, place: 'ICT suite', on_site: 1,
      device: 'school', description_start: 'x', search_text: 'x', created_by: session.userId, recorded_by_name: session.displayName,
    })) as number[]
    const linked = await ok(core, 'policies.review', { policyId: p.id, reviewedOn: '2026-06-10', reviewedBy: 'DSL', changes: 'Early review after a filtering breach.', incidentReference: 'INC-2026-0042' })
    expect(linked.reviews[0]!.incident).toEqual({ id: incidentId, reference: 'INC-2026-0042' })
    expect(await auditRows(core, 'policy.review')).toEqual([expect.objectContaining({ detail: `prompted by incident:${incidentId}` })])
  })

  it('refuses bad input with a sentence naming the field, and changes nothing', async () => {
    const s = await register()
    const { core } = s
    const p = await ok(core, 'policies.create', POLICY)
    expect(await refused(core, 'policies.create', { ...POLICY, title: 'ONLINE safety policy' })).toMatchObject({ field: 'title', message: 'There is already a policy called “ONLINE safety policy”. Open it from the list instead.' })
    expect(await refused(core, 'policies.create', { ...POLICY, title: 'Other', writtenOn: '2026-07-01' })).toMatchObject({ field: 'writtenOn', message: 'The date it was written cannot be in the future.' })
    expect(await refused(core, 'policies.create', { ...POLICY, title: 'Other', nextReviewOn: '2026-02-30' })).toMatchObject({ field: 'nextReviewOn', message: 'The next review date is not a real date.' })
    expect(await refused(core, 'policies.create', { ...POLICY, title: 'Other', reviewIntervalMonths: 48 })).toMatchObject({ field: 'reviewIntervalMonths' })
    expect(await refused(core, 'policies.create', { ...POLICY, title: 'Other', ratifiedOn: '2025-08-01' })).toMatchObject({ field: 'ratifiedOn' })
    expect(await refused(core, 'policies.create', { ...POLICY, title: '' })).toMatchObject({ field: 'title', message: 'Please enter the policy’s title.' })
    expect(await refused(core, 'policies.review', { policyId: p.id, reviewedOn: '2026-06-10', reviewedBy: 'x', changes: 'x', nextReviewOn: '2026-06-01' })).toMatchObject({ field: 'nextReviewOn' })
    expect((await refused(core, 'policies.get', { id: 999 })).kind).toBe('not-found')
    expect((await refused(core, 'policies.saveDocument', { documentId: 999 })).kind).toBe('not-found')
    expect(await ok(core, 'policies.list', {})).toHaveLength(1)
    const updated = await ok(core, 'policies.update', { id: p.id, title: 'Online safety policy', owner: 'Headteacher', reviewIntervalMonths: 12, nextReviewOn: '2026-06-20' })
    expect(updated).toMatchObject({ owner: 'Headteacher', reviewState: 'due-soon' })

    // Who may do what: the ICT manager and the DSL read; reception sees nothing.
    await s.as('ict')
    expect(await ok(core, 'policies.list', {})).toHaveLength(1)
    expect((await refused(core, 'policies.review', { policyId: p.id, reviewedOn: '2026-06-10', reviewedBy: 'x', changes: 'x' })).kind).toBe('forbidden')
    await s.as('dsl')
    expect((await ok(core, 'policies.get', { id: p.id })).title).toBe('Online safety policy')
    expect((await refused(core, 'policies.uploadDocument', {})).kind).toBe('forbidden')
    await s.as('office')
    for (const m of ['policies.list', 'checks.templates', 'filtering.list', 'calendar.dashboard', 'calendar.exportIcs', 'checks.record'] as const) expect((await refused(core, m, {})).kind, m).toBe('forbidden')
  })
})

/** A weekly check from Monday 1 September 2025, done every week of the school year but three. */
async function yearOfWeeklyChecks(s: Awaited<ReturnType<typeof register>>) {
  const { core } = s
  const t = await ok(core, 'checks.createTemplate', { name: 'Weekly filter test', rhythm: 'weekly', responsibleRole: 'ict', startsOn: '2025-09-01' })
  const skipped = new Set(['2025-10-20', '2026-02-16', '2026-05-25'])
  await s.as('ict')
  let monday = '2025-09-01'
  for (let week = 0; week < 52; week++) {
    if (!skipped.has(monday)) {
      const wednesday = new Date(Date.parse(`${monday}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10)
      await ok(core, 'checks.record', { templateId: t.id, doneOn: wednesday, doneBy: 'Łukasz Kowalski', devices: 'ICT suite laptops', areas: 'Extremism', userGroups: 'Year 9', result: 'pass' })
    }
    monday = new Date(Date.parse(`${monday}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)
  }
  return t
}

describe('recurring checks', () => {
  it('starts every school with the checks the policies name', async () => {
    const { core } = await register()
    const templates = await ok(core, 'checks.templates', {})
    expect(templates.map((t) => [t.name, t.rhythm, t.everyYears, t.responsibleRole]).sort()).toEqual(
      DEFAULT_CHECK_TEMPLATES.map((d) => [d.name, d.rhythm, d.everyYears, d.role]).sort(),
    )
  })

  it('a year of weekly checks with three missed shows 49/52 done and names the three weeks', async () => {
    const s = await register('2026-09-01T08:00:00Z')
    const t = await yearOfWeeklyChecks(s)
    const history = await ok(s.core, 'checks.history', { templateId: t.id, from: '2025-09-01', to: '2026-08-30', offset: 0, limit: 10 })
    expect(history).toMatchObject({ done: 49, expected: 52, totalPeriods: 52 })
    expect(history.missed.map((p) => p.label)).toEqual(['Week beginning 20/10/2025', 'Week beginning 16/02/2026', 'Week beginning 25/05/2026'])
    expect(history.periods).toHaveLength(10)
    expect(history.periods[0]).toMatchObject({ start: '2026-08-24', end: '2026-08-30', status: 'done' })
    expect(history.periods[0]!.occurrences[0]).toMatchObject({ doneOn: '2026-08-26', doneBy: 'Łukasz Kowalski', devices: 'ICT suite laptops', result: 'pass', recordedBy: 'A ict' })
    // This week is due, not missed; the school year's count starts again.
    const [summary] = (await ok(s.core, 'checks.templates', {})).filter((x) => x.id === t.id)
    expect(summary).toMatchObject({ current: { start: '2026-08-31', status: 'due' }, lastMissed: null, thisYear: { done: 0, expected: 0 }, lastDoneOn: '2026-08-26', used: true })

    // A note explains a missed week; it stays missed.
    await ok(s.core, 'checks.explainMissed', { templateId: t.id, periodStart: '2026-02-16', note: 'Half term: the technician was away.' })
    const after = await ok(s.core, 'checks.history', { templateId: t.id, from: '2026-02-16', to: '2026-02-22', offset: 0, limit: 10 })
    expect(after.periods[0]).toMatchObject({ status: 'missed', missedNote: { note: 'Half term: the technician was away.', recordedBy: 'A ict' } })
    expect(await refused(s.core, 'checks.explainMissed', { templateId: t.id, periodStart: '2026-02-16', note: 'again' })).toMatchObject({ kind: 'conflict' })
    expect(await refused(s.core, 'checks.explainMissed', { templateId: t.id, periodStart: '2026-02-23', note: 'it was done' })).toMatchObject({ field: 'periodStart' })
    expect(await refused(s.core, 'checks.explainMissed', { templateId: t.id, periodStart: '2026-02-17', note: 'not a period start' })).toMatchObject({ field: 'periodStart' })

    // The signed check log says the same, and names the weeks.
    await s.as('manager')
    const { file } = await issue(s.core, s.dir, { type: 'check-log', from: '2025-09-01', to: '2026-08-30' })
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    expect(text).toContain('Weekly filter test Every week (Monday to Sunday) ICT manager 49/52 94%')
    for (const week of ['Week beginning 20/10/2025', 'Week beginning 16/02/2026', 'Week beginning 25/05/2026']) expect(text).toContain(week)
    expect(text).toContain('Half term: the technician was away.')
    expect(text).toContain('Checks recorded (49)')
    expect(text.match(/Łukasz Kowalski/g)).toHaveLength(49)
    expect(text).toContain('26/08/2026')
  }, 60_000)

  it('records a check with what was tested, refuses bad records, and keeps each rhythm for its own dates', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const { core } = s
    const t = await ok(core, 'checks.createTemplate', { name: 'Firewall', rhythm: 'monthly', responsibleRole: 'ict', startsOn: '2026-01-01' })
    expect(await refused(core, 'checks.createTemplate', { name: 'firewall', rhythm: 'weekly', responsibleRole: 'ict', startsOn: '2026-01-01' })).toMatchObject({ field: 'name' })
    expect(await refused(core, 'checks.createTemplate', { name: 'Training', rhythm: 'years', responsibleRole: 'dsl', startsOn: '2026-01-01' })).toMatchObject({ field: 'everyYears' })
    expect(await refused(core, 'checks.createTemplate', { name: 'Training', rhythm: 'fortnightly', responsibleRole: 'dsl', startsOn: '2026-01-01' })).toMatchObject({ field: 'rhythm', message: 'Choose how often the check is done.' })
    const record = { templateId: t.id, doneOn: '2026-06-15', doneBy: 'Łukasz', devices: 'Firewall appliance', result: 'issues' as const }
    expect(await refused(core, 'checks.record', record)).toMatchObject({ field: 'action', message: 'The check found issues: say what was done about them.' })
    expect(await refused(core, 'checks.record', { ...record, doneOn: '2026-06-17', action: 'x' })).toMatchObject({ field: 'doneOn' })
    expect(await refused(core, 'checks.record', { ...record, result: 'maybe' })).toMatchObject({ field: 'result' })
    const done = await ok(core, 'checks.record', { ...record, action: 'Rule for the guest wifi tightened.' })
    expect(done).toMatchObject({ result: 'issues', action: 'Rule for the guest wifi tightened.', devices: 'Firewall appliance', areas: '', recordedBy: 'Bethan Manager' })
    expect(await auditRows(core, 'check.record')).toEqual([expect.objectContaining({ target: `check-occurrence:${done.id}`, detail: `check:${t.id} issues` })])
    await expect(core.store.requireOpen().db('check_occurrences').update({ result: 'pass' })).rejects.toThrow(/never changed/)

    // January to May: only June is done. From 1 June it is weekly; May stays monthly.
    const changed = await ok(core, 'checks.updateTemplate', { id: t.id, name: 'Firewall check', responsibleRole: 'ict', rhythm: 'weekly', rhythmFrom: '2026-06-01' })
    expect(changed).toMatchObject({ name: 'Firewall check', rhythm: 'weekly', rhythmFrom: '2026-06-01', startsOn: '2026-01-01', current: { start: '2026-06-15', status: 'done' } })
    const history = await ok(core, 'checks.history', { templateId: t.id, offset: 0, limit: 100 })
    expect(history.periods.map((p) => `${p.start} ${p.status}`).reverse()).toEqual([
      '2026-01-01 missed', '2026-02-01 missed', '2026-03-01 missed', '2026-04-01 missed', '2026-05-01 missed', '2026-06-01 missed', '2026-06-08 missed', '2026-06-15 done',
    ])
    expect(history).toMatchObject({ done: 1, expected: 8 })
    expect(await refused(core, 'checks.updateTemplate', { id: t.id, name: 'Firewall check', responsibleRole: 'ict', rhythm: 'monthly', rhythmFrom: '2026-05-01' })).toMatchObject({ field: 'rhythmFrom' })

    // A used check is retired, never deleted; an unused one may go.
    expect(await refused(core, 'checks.deleteTemplate', { id: t.id })).toMatchObject({ kind: 'conflict' })
    const retired = await ok(core, 'checks.retireTemplate', { id: t.id, retiredOn: '2026-06-16' })
    expect(retired).toMatchObject({ retiredOn: '2026-06-16', current: null })
    expect((await ok(core, 'checks.templates', {})).some((x) => x.id === t.id)).toBe(false)
    expect((await ok(core, 'checks.templates', { includeRetired: true })).some((x) => x.id === t.id)).toBe(true)
    expect(await refused(core, 'checks.record', { ...record, doneOn: '2026-06-16', action: 'x' })).toMatchObject({ field: 'doneOn' })
    const unused = await ok(core, 'checks.createTemplate', { name: 'Spare', rhythm: 'termly', responsibleRole: 'dsl', startsOn: '2026-01-01' })
    expect(await ok(core, 'checks.deleteTemplate', { id: unused.id })).toBeNull()
    expect((await refused(core, 'checks.history', { templateId: unused.id })).kind).toBe('not-found')

    // The DSL records checks; the head reads them; neither changes the templates.
    await s.as('dsl')
    const annual = (await ok(core, 'checks.templates', {})).find((x) => x.rhythm === 'yearly')!
    expect((await refused(core, 'checks.createTemplate', {})).kind).toBe('forbidden')
    await s.as('head')
    expect((await refused(core, 'checks.record', { ...record, templateId: annual.id })).kind).toBe('forbidden')
    expect((await ok(core, 'checks.templates', {})).length).toBeGreaterThan(0)
  })

  it('works out terms, school years and blocks of years', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const termly = await ok(s.core, 'checks.createTemplate', { name: 'Termly', rhythm: 'termly', responsibleRole: 'dsl', startsOn: '2025-09-01' })
    const twoYearly = await ok(s.core, 'checks.createTemplate', { name: 'DSL training', rhythm: 'years', everyYears: 2, responsibleRole: 'dsl', startsOn: '2021-10-01' })
    await ok(s.core, 'checks.record', { templateId: twoYearly.id, doneOn: '2024-03-01', doneBy: 'DSL', result: 'pass' })
    const terms = await ok(s.core, 'checks.history', { templateId: termly.id, offset: 0, limit: 10 })
    expect(terms.periods.map((p) => [p.label, p.start, p.end, p.status]).reverse()).toEqual([
      ['Autumn term 2025–26', '2025-09-01', '2025-12-31', 'missed'],
      ['Spring term 2025–26', '2026-01-01', '2026-03-31', 'missed'],
      ['Summer term 2025–26', '2026-04-01', '2026-08-31', 'due'],
    ])
    const blocks = await ok(s.core, 'checks.history', { templateId: twoYearly.id, offset: 0, limit: 10 })
    expect(blocks.periods.map((p) => [p.label, p.status]).reverse()).toEqual([
      ['School years 2021–23', 'missed'],
      ['School years 2023–25', 'done'],
      ['School years 2025–27', 'due'],
    ])
  })
})

describe('the filtering change log', () => {
  it('logs changes append-only, corrections as new entries, and finds them by text and period', async () => {
    const s = await register()
    const { core } = s
    await s.as('ict')
    const entry = { changedOn: '2026-06-10', change: 'allow' as const, targetKind: 'site' as const, target: 'scratch.mit.edu', reason: 'Year 7 computing unit.', requestedBy: 'Mr Okafor', approvedBy: 'Priya Shah (DSL)' }
    const first = await ok(core, 'filtering.record', entry)
    expect(first).toMatchObject({ ...entry, correctsId: null, correctedById: null, recordedBy: 'A ict' })
    await ok(core, 'filtering.record', { ...entry, changedOn: '2026-06-12', change: 'block', targetKind: 'category', target: 'Gambling', reason: 'Seen in monitoring alerts.' })
    const correction = await ok(core, 'filtering.record', { ...entry, changedOn: '2026-06-11', reason: 'Year 8 computing unit (not Year 7).', correctsId: first.id })
    expect(correction.correctsId).toBe(first.id)
    expect(await refused(core, 'filtering.record', { ...entry, correctsId: first.id })).toMatchObject({ kind: 'conflict' })
    expect(await refused(core, 'filtering.record', { ...entry, correctsId: 999 })).toMatchObject({ field: 'correctsId' })
    expect(await refused(core, 'filtering.record', { ...entry, changedOn: '2026-06-17' })).toMatchObject({ field: 'changedOn' })
    expect(await refused(core, 'filtering.record', { ...entry, approvedBy: ' ' })).toMatchObject({ field: 'approvedBy', message: 'Please enter who approved it.' })

    const all = await ok(core, 'filtering.list', { offset: 0, limit: 50 })
    expect(all.total).toBe(3)
    expect(all.rows.map((r) => r.changedOn)).toEqual(['2026-06-12', '2026-06-11', '2026-06-10'])
    expect(all.rows[2]).toMatchObject({ id: first.id, correctedById: correction.id, reason: 'Year 7 computing unit.' })
    expect((await ok(core, 'filtering.list', { text: 'gamb', offset: 0, limit: 50 })).rows.map((r) => r.target)).toEqual(['Gambling'])
    expect((await ok(core, 'filtering.list', { text: '100%', offset: 0, limit: 50 })).total).toBe(0)
    expect((await ok(core, 'filtering.list', { from: '2026-06-11', to: '2026-06-11', offset: 0, limit: 50 })).total).toBe(1)
    // Sorted by the core before paging: the chosen column, then newest first.
    const sorted = async (key: 'target' | 'change' | 'changedOn', order: 'asc' | 'desc', offset = 0, limit = 50) =>
      (await ok(core, 'filtering.list', { sort: { key, order }, offset, limit })).rows.map((r) => `${r.target} ${r.changedOn}`)
    expect([...(await sorted('target', 'asc', 0, 1)), ...(await sorted('target', 'asc', 1, 2))]).toEqual(['Gambling 2026-06-12', 'scratch.mit.edu 2026-06-11', 'scratch.mit.edu 2026-06-10'])
    expect(await sorted('changedOn', 'asc')).toEqual(['scratch.mit.edu 2026-06-10', 'scratch.mit.edu 2026-06-11', 'Gambling 2026-06-12'])
    expect(await sorted('change', 'desc')).toEqual(['Gambling 2026-06-12', 'scratch.mit.edu 2026-06-11', 'scratch.mit.edu 2026-06-10'])
    expect(await refused(core, 'filtering.list', { sort: { key: 'reason', order: 'asc' }, offset: 0, limit: 5 })).toMatchObject({ kind: 'validation' })
    await expect(core.store.requireOpen().db('filtering_changes').where({ id: first.id }).delete()).rejects.toThrow(/never edited/)

    await s.as('dsl')
    expect((await refused(core, 'filtering.record', entry)).kind).toBe('forbidden')
    await s.as('manager')
    const { file } = await issue(core, s.dir, { type: 'filtering-changes', from: '2026-06-01', to: '2026-06-30' })
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (const t of ['Website: scratch.mit.edu', 'Category: Gambling', 'Year 8 computing unit (not Year 7).', `(corrects entry ${first.id})`, `(corrected by entry ${correction.id})`, 'Mr Okafor', 'Priya Shah (DSL)']) expect(text).toContain(t)
    expect(text).toContain('3 changes to the filtering in the period (1 blocked, 2 allowed)')
  }, 30_000)
})

describe('the calendar', () => {
  it('shows reviews and checks by date, overdue first, and the dashboard’s overdue and next 14 days', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const { core } = s
    const late = await ok(core, 'policies.create', { ...POLICY, title: 'Anti-bullying policy', nextReviewOn: '2026-05-01' })
    const soon = await ok(core, 'policies.create', { ...POLICY, title: 'Behaviour policy', nextReviewOn: '2026-06-25' })
    await ok(core, 'policies.create', { ...POLICY, title: 'Data protection policy', nextReviewOn: '2026-12-01' })
    const weekly = await ok(core, 'checks.createTemplate', { name: 'Filter check', rhythm: 'weekly', responsibleRole: 'ict', startsOn: '2026-06-01' })
    await ok(core, 'checks.record', { templateId: weekly.id, doneOn: '2026-06-03', doneBy: 'Ł', result: 'pass' })

    const dash = await ok(core, 'calendar.dashboard', {})
    expect(dash.today).toBe('2026-06-16')
    expect(dash.overdue.map((i) => [i.kind, i.title, i.status])).toEqual([
      ['policy-review', 'Anti-bullying policy', 'overdue'],
      ['check', 'Filter check', 'overdue'],
    ])
    expect(dash.overdue[1]!.detail).toBe('Week beginning 08/06/2026: not recorded')
    // The standard checks start on set-up day (16 June): this week's web filter check and June's firewall check are due.
    expect(dash.dueSoon.map((i) => [i.title, i.dueBy])).toEqual([
      ['Filter check', '2026-06-21'],
      ['Web filter check', '2026-06-21'],
      ['Behaviour policy', '2026-06-25'],
      ['Firewall security check', '2026-06-30'],
    ])

    const month = await ok(core, 'calendar.items', { from: '2026-06-01', to: '2026-06-30' })
    // Due first (the standard yearly checks fall in their first year from set-up), then missed, upcoming and done.
    expect(month.map((i) => `${i.title} ${i.status}`)).toEqual([
      'Filter check due',
      'Web filter check due',
      'Behaviour policy due',
      'Firewall security check due',
      'Filtering and monitoring review due',
      'Governors’ online safety training due',
      'Staff online safety refresher due',
      'DSL safeguarding training due',
      'Filter check missed',
      'Filter check upcoming',
      'Web filter check upcoming',
      'Filter check upcoming',
      'Web filter check upcoming',
      'Filter check done',
    ])
    expect(month.filter((i) => i.kind === 'check' && i.title === 'Filter check').map((i) => `${i.date} ${i.status}`).sort()).toEqual(['2026-06-01 done', '2026-06-08 missed', '2026-06-15 due', '2026-06-22 upcoming', '2026-06-29 upcoming'])
    expect(month.find((i) => i.key === `policy-review:${soon.id}`)).toMatchObject({ date: '2026-06-25', status: 'due', to: `/policies/${soon.id}`, what: 'Review' })
    expect(month.some((i) => i.to === `/policies/${late.id}`)).toBe(false) // due in May: on May's page
    expect(await refused(core, 'calendar.items', { from: '2026-01-01', to: '2027-06-01' })).toMatchObject({ field: 'to' })
  })

  it('exports an .ics that a parser reads, with recurring checks at 09:00 London time across both clock changes', async () => {
    const s = await register('2026-01-06T10:00:00Z')
    const { core } = s
    await ok(core, 'policies.create', { ...POLICY, nextReviewOn: '2026-10-01' })
    const weekly = await ok(core, 'checks.createTemplate', { name: 'Filter check', rhythm: 'weekly', responsibleRole: 'ict', startsOn: '2026-01-05' })
    await ok(core, 'checks.createTemplate', { name: 'Termly check', rhythm: 'termly', responsibleRole: 'dsl', startsOn: '2026-01-01' })
    const { file, events } = await ok(core, 'calendar.exportIcs', {})
    expect(file).toMatch(/Online safety calendar 2026-01-06\.ics$/)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('BEGIN:VTIMEZONE')
    expect(text).toContain('TZID:Europe/London')
    expect(text).toMatch(/DTSTART;TZID=Europe\/London:20260105T090000/)
    expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO')
    expect(await auditRows(core, 'calendar.export')).toEqual([expect.objectContaining({ detail: `${events} events` })])

    const parsed = ical.sync.parseICS(text)
    const vevents = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT')
    expect(vevents).toHaveLength(events)
    const review = vevents.find((e) => String(e.summary) === 'Policy review: Online safety policy')!
    expect(review.datetype).toBe('date')
    const check = vevents.find((e) => String(e.summary) === 'Check: Filter check')!
    expect(check.uid).toContain(`check-${weekly.id}-`)
    const at = (from: string, to: string) =>
      ical.expandRecurringEvent(check, { from: new Date(from), to: new Date(to) }).map((i) => new Date(i.start).toISOString())
    // The clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    expect(at('2026-03-20T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z'])
    expect(at('2026-10-16T00:00:00Z', '2026-10-28T00:00:00Z')).toEqual(['2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z'])
    const termly = vevents.find((e) => String(e.summary) === 'Check: Termly check')!
    expect(ical.expandRecurringEvent(termly, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-02T00:00:00Z') }).map((i) => new Date(i.start).toISOString())).toEqual([
      '2026-01-01T09:00:00.000Z', '2026-04-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z', '2027-01-01T09:00:00.000Z',
    ])
  })
})

describe('the policy review schedule report and the demo', () => {
  it('prints every policy with its ratification, and the demo adds policies, checks (some missed) and filtering changes once', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const { core } = s
    const lines = await seedReviewsDemo(core.store, 'small', { now: Date.parse('2026-06-16T09:00:00Z') })
    expect(lines[0]).toMatch(/^8 policies with \d+ reviews/)
    expect(lines[1]).toMatch(/recurring checks recorded since 2024-09-01, [1-9]\d* missed/)
    expect(await seedReviewsDemo(core.store, 'small')).toEqual(['Policies are already there: demo policies, checks and filtering changes left out.'])
    const policies = await ok(core, 'policies.list', {})
    expect(policies.filter((p) => p.reviewState === 'overdue')).toHaveLength(2)
    expect(policies.reduce((n, p) => n + p.awaitingRatification, 0)).toBe(1)
    const weekly = (await ok(core, 'checks.templates', {})).find((t) => t.rhythm === 'weekly')!
    expect(weekly.thisYear.expected).toBeGreaterThan(35)
    expect(weekly.thisYear.done).toBeLessThanOrEqual(weekly.thisYear.expected)
    expect((await ok(core, 'filtering.list', { offset: 0, limit: 5 })).total).toBeGreaterThan(5)

    const { file } = await issue(core, s.dir, { type: 'policy-reviews' })
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (const p of policies) expect(text).toContain(p.title)
    expect(text).toContain('Awaiting the headteacher')
    expect(text).toContain('Review overdue')
    expect(text).toContain('8 policies in the review calendar: 2 overdue for review')
    const health = await runRegisterChecks(core, [policyDocumentsCheck])
    expect(health).toEqual([expect.objectContaining({ ok: true, detail: 'All 3 stored policy document(s) are as they were uploaded.' })])
  }, 60_000)

  it('prints each version with its own dates written and ratified: a new version awaiting the headteacher is never shown as ratified', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const { core } = s
    const policy = await ok(core, 'policies.create', { ...POLICY, writtenOn: '2025-09-01', ratifiedOn: '2025-11-01', nextReviewOn: '2026-10-01' })
    const reviewed = await ok(core, 'policies.review', { policyId: policy.id, reviewedOn: '2026-05-04', reviewedBy: 'Priya Shah (DSL)', changes: 'Generative AI section added.', newVersion: 'v2' })

    const before = pdftotext((await issue(core, s.dir, { type: 'policy-reviews' })).file)
    // The schedule: v2, written on its review's day, not ratified (v1's ratification is named as v1's).
    expect(before).toContain('Online safety policy DSL v2 04/05/2026 Not ratified (the version before was ratified 01/11/2025)')
    expect(before).toContain('In date; awaiting ratification')
    expect(before).not.toMatch(/v2 04\/05\/2026 01\/11\/2025/)
    // Every version with its dates.
    expect(before).toContain('Online safety policy First version 01/09/2025 01/11/2025, Governing body')
    expect(before).toContain('Online safety policy v2 04/05/2026 Not ratified')

    await s.as('head')
    await ok(core, 'policies.ratify', { reviewId: reviewed.reviews[0]!.id, ratifiedOn: '2026-06-15' })
    await s.as('manager')
    const after = pdftotext((await issue(core, s.dir, { type: 'policy-reviews' })).file)
    expect(after).toContain('Online safety policy DSL v2 04/05/2026 15/06/2026, A head')
    expect(after).toContain('Online safety policy First version 01/09/2025 01/11/2025, Governing body')
    expect(after).toContain('Online safety policy v2 04/05/2026 15/06/2026, A head')
    expect(after).not.toContain('; awaiting ratification')
  }, 60_000)

  it('seeds ten years at large scale', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const lines = await seedReviewsDemo(s.core.store, 'large', { now: Date.parse('2026-06-16T09:00:00Z') })
    expect(lines[1]).toMatch(/since 2016-09-01/)
    const weekly = (await ok(s.core, 'checks.templates', {})).find((t) => t.rhythm === 'weekly')!
    const history = await ok(s.core, 'checks.history', { templateId: weekly.id, offset: 0, limit: 20 })
    expect(history.totalPeriods).toBeGreaterThan(500)
    expect(history.missed.length).toBeGreaterThan(10)
    expect((await ok(s.core, 'filtering.list', { offset: 0, limit: 5 })).total).toBeGreaterThan(300)
  }, 60_000)
})
