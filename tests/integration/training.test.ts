import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { trainingAttention, trainingCalendar } from '../../electron/core/training/attention'
import { runTrainingRetention } from '../../electron/core/training/retention'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

// Friday 20 November 2026, 10:00 in London.
const NOW = '2026-11-20T10:00:00Z'
const SESSION = { course: 'Online safety update 2026', completedOn: '2026-09-02', provider: 'Kent Safeguarding Partnership', countsFor: ['refresher' as const] }

const count = async (core: Core, table: string) => Number(((await core.store.requireOpen().db(table).count({ n: '*' })) as { n: number }[])[0]!.n)
const pdfBytes = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** A school with staff, a governor, a volunteer and a pupil, the business manager signed in. */
async function register() {
  const time = clock(NOW)
  const s = await school(time.now)
  open.push(s)
  const staff = async (forename: string, surname: string, jobTitle: string, misId?: string) =>
    ok(s.core, 'people.create', { kind: 'staff', forename, surname, staffGroup: 'teaching', jobTitle, ...(misId ? { misId } : {}) })
  const teacher = await staff('Seán', "O'Brien", 'Class teacher', 'T100')
  const ta = await staff('Priya', 'Shah', 'Teaching assistant', 'T101')
  const dsl = await staff('Helen', 'Ward', 'Deputy headteacher', 'T102')
  const starter = await staff('Tom', 'Finch', 'Class teacher', 'T103')
  const governor = await ok(s.core, 'people.create', { kind: 'governor', forename: 'Paul', surname: 'Bargery', jobTitle: 'Online safety governor' })
  const volunteer = await ok(s.core, 'people.create', { kind: 'volunteer', forename: 'Ann', surname: 'Reader', organisation: 'Parent volunteer' })
  const pupil = await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Zoë', surname: 'Fairbairn', dateOfBirth: '2016-03-14', yearGroup: '4', regClass: '4B' })
  return { ...s, time, teacher, ta, dsl, starter, governor, volunteer, pupil }
}

const needOf = async (core: Core, personId: number, requirement: string) => (await ok(core, 'training.person', { personId })).person.needs.find((n) => n.requirement === requirement)

describe('the training register', () => {
  it('records one session for everyone ticked, in one audited change, and works out who is up to date', async () => {
    const s = await register()
    const before = await ok(s.core, 'training.overview', {})
    expect(before.today).toBe('2026-11-20')
    // Pupils are never on the training list; staff with no refresher recorded are overdue.
    expect(before.people.map((p) => p.displayName).sort()).toEqual(['Ann Reader', 'Helen Ward', 'Paul Bargery', 'Priya Shah', "Seán O'Brien", 'Tom Finch'].sort())
    expect((await needOf(s.core, s.teacher.id, 'refresher'))).toEqual({ requirement: 'refresher', state: 'overdue', lastOn: null, dueBy: null })

    const { ids } = await ok(s.core, 'training.record', { ...SESSION, personIds: [s.teacher.id, s.ta.id, s.dsl.id] })
    expect(ids).toHaveLength(3)
    expect(await count(s.core, 'training_records')).toBe(3)
    const audit = await auditRows(s.core, 'training.record')
    expect(audit).toHaveLength(1)
    expect(audit[0]!.detail).toBe('Online safety update 2026 (3 people)')

    expect(await needOf(s.core, s.teacher.id, 'refresher')).toEqual({ requirement: 'refresher', state: 'up-to-date', lastOn: '2026-09-02', dueBy: '2027-09-02' })
    const record = await ok(s.core, 'training.person', { personId: s.teacher.id })
    expect(record.records).toEqual([expect.objectContaining({ course: SESSION.course, completedOn: '2026-09-02', provider: SESSION.provider, countsFor: ['refresher'], certificate: null, recordedBy: 'Bethan Manager', source: 'manual' })])
    // Governors and volunteers are not asked for the staff refresher; the governor has their own requirement.
    expect((await needOf(s.core, s.volunteer.id, 'refresher'))).toBeUndefined()
    expect((await needOf(s.core, s.governor.id, 'governor'))?.state).toBe('overdue')
  })

  it('applies the policy’s rules: induction for new starters, the DSL every two years with a yearly update, due soon within 30 days', async () => {
    const s = await register()
    await ok(s.core, 'training.setPerson', { personId: s.starter.id, startedOn: '2026-11-02', designation: null })
    await ok(s.core, 'training.setPerson', { personId: s.dsl.id, startedOn: null, designation: 'dsl' })
    expect(await auditRows(s.core, 'training.setPerson')).toHaveLength(2)
    // A new starter has a month for induction; their first refresher falls a year after starting.
    expect(await needOf(s.core, s.starter.id, 'induction')).toEqual({ requirement: 'induction', state: 'due', lastOn: null, dueBy: '2026-12-02' })
    expect(await needOf(s.core, s.starter.id, 'refresher')).toEqual({ requirement: 'refresher', state: 'up-to-date', lastOn: null, dueBy: '2027-11-02' })
    // Someone whose start date is not recorded is not asked for induction.
    expect(await needOf(s.core, s.teacher.id, 'induction')).toBeUndefined()

    // The DSL's two-yearly course, 23 months ago: due within 30 days; it also counts as the update and the refresher.
    await ok(s.core, 'training.record', { personIds: [s.dsl.id], course: 'Designated safeguarding lead training', completedOn: '2024-12-10', provider: 'Local authority', countsFor: ['dsl-training'] })
    expect(await needOf(s.core, s.dsl.id, 'dsl-training')).toEqual({ requirement: 'dsl-training', state: 'due', lastOn: '2024-12-10', dueBy: '2026-12-10' })
    expect((await needOf(s.core, s.dsl.id, 'dsl-update'))?.state).toBe('overdue')
    await ok(s.core, 'training.record', { personIds: [s.dsl.id], course: 'DSL online safety update', completedOn: '2026-06-12', provider: 'NSPCC Learning', countsFor: ['dsl-update'] })
    expect(await needOf(s.core, s.dsl.id, 'dsl-update')).toEqual({ requirement: 'dsl-update', state: 'up-to-date', lastOn: '2026-06-12', dueBy: '2027-06-12' })
    expect((await needOf(s.core, s.dsl.id, 'refresher'))?.lastOn).toBe('2026-06-12')

    // Induction done: once only, never due again.
    await ok(s.core, 'training.record', { personIds: [s.starter.id], course: 'Staff induction: safeguarding and online safety', completedOn: '2026-11-03', provider: 'Helen Ward (DSL)', countsFor: ['induction'] })
    expect(await needOf(s.core, s.starter.id, 'induction')).toEqual({ requirement: 'induction', state: 'up-to-date', lastOn: '2026-11-03', dueBy: null })
    // A month and a day later the induction rule still holds, and the clock alone moves the DSL to overdue.
    s.time.set('2026-12-11T10:00:00Z')
    await s.as('manager')
    expect((await needOf(s.core, s.dsl.id, 'dsl-training'))?.state).toBe('overdue')
  })

  it('refuses bad input with a clear message and records nothing', async () => {
    const s = await register()
    const base = { ...SESSION, personIds: [s.teacher.id, s.ta.id] }
    const problems = [
      [{ ...base, personIds: [] }, 'Tick at least one person who attended.'],
      [{ ...base, countsFor: [] }, 'Say what the training counts for.'],
      [{ ...base, countsFor: ['first-aid'] }, 'Choose what the training counts for from the list.'],
      [{ ...base, course: '  ' }, 'Please enter the course.'],
      [{ ...base, completedOn: '02/09/2026' }, 'Dates are written as YYYY-MM-DD.'],
      [{ ...base, completedOn: '2026-02-30' }, 'That date does not exist. Check the day and month.'],
      [{ ...base, completedOn: '2026-11-21' }, 'The training date is in the future. Record training once it has happened.'],
      [{ ...base, personIds: [s.teacher.id, s.teacher.id] }, 'A person is ticked twice.'],
      [{ ...base, personIds: [s.teacher.id, s.pupil.id] }, 'Training is kept for staff, governors and volunteers on the current list; someone ticked is not one of them (a pupil, a visitor, or a leaver). Refresh the list and tick again.'],
    ] as const
    for (const [input, message] of problems) expect((await refused(s.core, 'training.record', input)).message, message).toBe(message)
    expect(await count(s.core, 'training_records')).toBe(0)
    expect(await auditRows(s.core, 'training.record')).toHaveLength(0)

    // The same course on the same day again: named, and nobody in the session is recorded.
    await ok(s.core, 'training.record', { ...SESSION, personIds: [s.teacher.id] })
    const twice = await refused(s.core, 'training.record', base)
    expect(twice.kind).toBe('conflict')
    expect(twice.message).toContain('already recorded for Seán O\'Brien')
    expect(await count(s.core, 'training_records')).toBe(1)

    expect((await refused(s.core, 'training.setPerson', { personId: s.pupil.id, startedOn: '2026-09-01', designation: null })).message).toBe('Training is kept for staff, governors and volunteers on the current list only.')
    expect((await refused(s.core, 'training.setPerson', { personId: s.governor.id, startedOn: null, designation: 'deputy' })).message).toBe('Only a member of staff can be the DSL or a deputy.')
    expect(await count(s.core, 'training_people')).toBe(0)
  })

  it('lets the business manager and the DSL record, the head read, and refuses the ICT manager and reception', async () => {
    const s = await register()
    const record = { ...SESSION, personIds: [s.teacher.id] }
    await s.as('head')
    expect((await ok(s.core, 'training.overview', {})).people).toHaveLength(6)
    expect((await refused(s.core, 'training.record', record)).kind).toBe('forbidden')
    expect((await refused(s.core, 'training.setPerson', { personId: s.teacher.id, startedOn: null, designation: 'dsl' })).kind).toBe('forbidden')
    for (const role of ['ict', 'office'] as const) {
      await s.as(role)
      for (const [method, input] of [['training.overview', {}], ['training.person', { personId: s.teacher.id }], ['training.record', record], ['training.importPreview', { csv: 'Name,Course\n' }]] as const) {
        expect((await refused(s.core, method, input)).kind, `${role} ${method}`).toBe('forbidden')
      }
    }
    expect(await count(s.core, 'training_records')).toBe(0)
    await s.as('dsl')
    await ok(s.core, 'training.record', record)
    expect((await auditRows(s.core, 'training.record'))[0]).toMatchObject({ result: 'ok' })
    expect(await count(s.core, 'training_records')).toBe(1)
  })

  it('keeps a certificate (a PDF or a picture only) and saves an identical copy', async () => {
    const s = await register()
    const { ids } = await ok(s.core, 'training.record', { ...SESSION, personIds: [s.teacher.id] })
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)])
    const bad = await refused(s.core, 'training.attachCertificate', { recordId: ids[0]!, fileName: 'certificate.pdf', fileBase64: program.toString('base64') })
    expect(bad.message).toMatch(/^“certificate.pdf” is really .*Attach the certificate as a PDF document or a picture/)
    expect(await count(s.core, 'training_certificates')).toBe(0)
    await ok(s.core, 'training.attachCertificate', { recordId: ids[0]!, fileName: 'Certificate - Sean.pdf', fileBase64: pdfBytes().toString('base64') })
    expect((await ok(s.core, 'training.person', { personId: s.teacher.id })).records[0]!.certificate).toEqual({ fileName: 'Certificate - Sean.pdf', mediaType: 'application/pdf', size: pdfBytes().length })
    const folder = join(s.dir, 'copies')
    mkdirSync(folder)
    const { file } = await ok(s.core, 'training.copyCertificate', { recordId: ids[0]!, file: join(folder, 'copy.pdf') })
    expect(readFileSync(file).equals(pdfBytes())).toBe(true)
    expect((await auditRows(s.core, 'training.certificate')).length).toBe(1)
    expect((await auditRows(s.core, 'training.certificateCopy')).length).toBe(1)
    // The bytes are inside the encrypted register, not beside it.
    expect(readFileSync(join(s.dir, 'register.db')).includes(Buffer.from('/Type /Catalog'))).toBe(false)
  })

  it('imports a spreadsheet: bad rows by line, all or nothing unless skipping is confirmed, and the same file twice adds nothing', async () => {
    const s = await register()
    const csv = [
      'Name,Staff ID,Course,Date,Provider,Counts for',
      ',T100,Online safety refresher,02/09/2026,Kent Safeguarding Partnership,Refresher',
      'Priya Shah,,Online safety refresher,2026-09-02,Kent Safeguarding Partnership,refresher',
      'Helen Ward,,DSL training,14/03/2025,Local authority,DSL training; refresher',
      'Nobody Here,,Online safety refresher,02/09/2026,Kent Safeguarding Partnership,Refresher',
      'Tom Finch,,Online safety refresher,31/02/2026,Kent Safeguarding Partnership,Refresher',
      'Paul Bargery,,Governor safeguarding,10/10/2026,NGA,first aid',
    ].join('\r\n')
    const preview = await ok(s.core, 'training.importPreview', { csv })
    expect(preview.rowCount).toBe(6)
    expect(preview.toAdd.map((r) => r.line)).toEqual([2, 3, 4])
    expect(preview.badRows).toEqual([
      { line: 5, reason: 'Nobody called Nobody Here is on the current list of staff, governors and volunteers.' },
      { line: 6, reason: 'There is no 31/02/2026 in the calendar: check the day and the month.' },
      { line: 7, reason: '“first aid” is not something training counts for: use induction, refresher, DSL training, DSL update or governor.' },
    ])
    expect(await count(s.core, 'training_records')).toBe(0)
    expect((await refused(s.core, 'training.importApply', { csv })).message).toBe('3 rows have problems, so nothing was imported. Correct them, or choose to import the good rows and skip those.')
    expect((await refused(s.core, 'training.importApply', { csv, skipBadRows: { good: 2, bad: 3 } })).kind).toBe('conflict')
    expect(await count(s.core, 'training_records')).toBe(0)

    expect(await ok(s.core, 'training.importApply', { csv, skipBadRows: { good: 3, bad: 3 } })).toEqual({ added: 3, unchanged: 0, skipped: 3 })
    expect((await needOf(s.core, s.dsl.id, 'refresher'))?.lastOn).toBe('2025-03-14')
    expect((await ok(s.core, 'training.person', { personId: s.dsl.id })).records[0]).toMatchObject({ countsFor: ['dsl-training', 'refresher'], source: 'import' })
    const again = await ok(s.core, 'training.importPreview', { csv })
    expect(again.toAdd).toEqual([])
    expect(again.unchanged.map((r) => r.line)).toEqual([2, 3, 4])
    expect(await ok(s.core, 'training.importApply', { csv, skipBadRows: { good: 3, bad: 3 } })).toEqual({ added: 0, unchanged: 3, skipped: 3 })
    expect(await count(s.core, 'training_records')).toBe(3)
    expect((await auditRows(s.core, 'training.import')).map((a) => a.detail)).toEqual(['3 added, 0 already recorded, 3 skipped', '0 added, 3 already recorded, 3 skipped'])

    const noColumns = await refused(s.core, 'training.importPreview', { csv: 'Who,When\nSeán,today\n' })
    expect(noColumns.message).toBe('The file has no column for: course, date, provider, counts for, name or staff id. Give it headings such as Name, Staff ID, Course, Date, Provider, Counts for, and try again. Nothing was imported.')
  })

  it('prints a signed training record that pdfsig verifies, listing who is overdue', async () => {
    const s = await register()
    await ok(s.core, 'training.record', { ...SESSION, personIds: [s.teacher.id, s.ta.id] })
    const { file } = await issueReport(s.core, { type: 'training-record' }, join(s.dir, 'reports'))
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toContain('Online safety training record')
    expect(text).toContain('Yearly online safety refresher')
    expect(text).toMatch(/O'Brien, Seán[\s\S]*02\/09\/2026[\s\S]*02\/09\/2027/)
    expect(text).toMatch(/Finch, Tom[\s\S]*None recorded[\s\S]*Overdue/)
  })

  it('puts overdue refreshers and new starters without induction on the dashboard and due dates on the calendar, for the roles that read training only', async () => {
    const s = await register()
    await ok(s.core, 'training.record', { ...SESSION, personIds: [s.teacher.id, s.ta.id] })
    await ok(s.core, 'training.setPerson', { personId: s.starter.id, startedOn: '2026-11-16', designation: null })
    const ctx = { store: s.core.store, now: s.time.now }
    const items = await trainingAttention(ctx, 'manager')
    expect(items.map((i) => [i.kind, i.status, i.title])).toEqual([
      ['training', 'overdue', 'Online safety refreshers overdue'],
      ['training', 'due', 'New starters without induction'],
    ])
    // Helen Ward has no refresher; Tom Finch is new, so his first falls a year after starting.
    expect(items[0]!.detail).toBe('1 member of staff has not had the yearly online safety refresher in the last year.')
    expect(items[1]!.detail).toBe('Tom Finch has started and has no online safety induction recorded.')
    expect(await trainingAttention(ctx, 'ict')).toEqual([])
    expect(await trainingAttention(ctx, 'office')).toEqual([])

    const now = await trainingCalendar.dueNow(ctx, 'head', '2026-11-20', '2026-12-20')
    expect(now.dueSoon.map((i) => i.title)).toEqual(['Induction (online safety): Tom Finch'])
    expect(now.overdue.map((i) => i.title).sort()).toEqual(['Governor training: Paul Bargery', 'Yearly online safety refresher: Helen Ward'])
    const year = await trainingCalendar.between(ctx, 'dsl', '2026-09-01', '2027-09-30', '2026-11-20')
    expect(year.filter((i) => i.status === 'done').map((i) => [i.date, i.title, i.detail])).toEqual([['2026-09-02', SESSION.course, '2 people trained by Kent Safeguarding Partnership']])
    expect(year.filter((i) => i.key.startsWith('training:') && i.title.startsWith('Yearly')).map((i) => i.dueBy).sort()).toEqual(['2027-09-02', '2027-09-02'])
    for (const role of ['ict', 'office'] as const) {
      expect(await trainingCalendar.between(ctx, role, '2026-09-01', '2027-09-30', '2026-11-20')).toEqual([])
      expect(await trainingCalendar.dueNow(ctx, role, '2026-11-20', '2026-12-20')).toEqual({ overdue: [], dueSoon: [] })
    }
  })

  it('deletes the training of people who left more than six years ago, except those on safeguarding hold, and audits the run', async () => {
    const s = await register()
    await ok(s.core, 'training.record', { ...SESSION, completedOn: '2019-09-02', personIds: [s.teacher.id, s.ta.id, s.dsl.id] })
    await ok(s.core, 'people.archive', { id: s.teacher.id, leftOn: '2020-07-31' })
    await ok(s.core, 'people.archive', { id: s.ta.id, leftOn: '2020-07-31' })
    await ok(s.core, 'people.setSafeguardingHold', { id: s.ta.id, hold: true, reason: 'Named in a police enquiry' })
    // Someone who left five years ago keeps theirs.
    await ok(s.core, 'people.archive', { id: s.dsl.id, leftOn: '2021-12-17' })
    const result = await runTrainingRetention({ store: s.core.store, now: s.time.now })
    expect(result).toEqual({ cutoff: '2020-11-20', deleted: 1 })
    const left = await s.core.store.requireOpen().db('training_records').pluck('person_id')
    expect(left.sort()).toEqual([s.ta.id, s.dsl.id].sort())
    expect((await auditRows(s.core, 'training.retention')).map((a) => a.detail)).toEqual(['training of people who left before 2020-11-20: 1 records deleted'])
  })
})
