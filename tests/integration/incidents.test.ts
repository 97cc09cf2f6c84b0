import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { generateKeyPairSync, sign } from 'node:crypto'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { ok, refused } from './helpers'
import { toPreviousVersion } from './previous-version'
import { dataKeyOf, openField, sealField } from '../../electron/core/incidents/incident-keys'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'
import { seedPeopleDemo } from '../../electron/core/people/demo-people'
import { seedIncidentsDemo } from '../../electron/core/incidents/demo-incidents'
import { clock, school, type School } from './people-fixtures'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

async function categoryId(core: School['core'], name: string): Promise<number> {
  const categories = await ok(core, 'incidents.categories', {})
  const found = categories.find((c) => c.name.startsWith(name))
  if (!found) throw new Error(`no category ${name}`)
  return found.id
}

async function pupil(core: School['core'], forename = 'Siôn', surname = 'O’Brien'): Promise<number> {
  const p = await ok(core, 'people.create', { kind: 'pupil', forename, surname, yearGroup: '9', regClass: '9R', dateOfBirth: '2012-03-04' })
  return p.id
}

function entry(categoryId: number, extra: Partial<IncidentEntry> = {}): IncidentEntry {
  return {
    occurredOn: '2026-06-15',
    occurredTime: '13:10',
    place: 'ICT suite 2',
    onSite: true,
    device: 'school',
    categoryId,
    description: 'Hurtful messages about a pupil were posted in a class group chat.',
    actionTaken: 'Screenshots described; form tutor told.',
    childsWords: 'They keep saying I smell.',
    people: [],
    status: 'open',
    outcome: null,
    ...extra,
  }
}

describe('the incident log', () => {
  it('records a signed entry, amends it as a new version and keeps both', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const siôn = await pupil(core)
    const { id } = await ok(core, 'incidents.record', { entry: entry(cyber, { people: [{ personId: siôn, part: 'affected' }] }) })

    const first = await ok(core, 'incidents.get', { id })
    expect(first.reference).toMatch(/^INC-2026-0001$/)
    expect(first.backdated).toBe(true) // happened on the 15th, recorded on the 16th
    expect(first.current.signature.valid).toBe(true)
    expect(first.current.people).toEqual([{ personId: siôn, part: 'affected', name: 'Siôn O’Brien', description: 'Year 9, 9R' }])
    expect(first.checklist.map((c) => c.step)).toContain('dsl-informed')
    expect(first.checklist.every((c) => c.state === 'pending')).toBe(true)

    t.advance(60_000)
    await ok(core, 'incidents.amend', { id, entry: entry(cyber, { place: 'ICT suite 3', people: [{ personId: siôn, part: 'affected' }] }), reason: 'The room was wrong.' })
    const second = await ok(core, 'incidents.get', { id })
    expect(second.versions.map((v) => [v.version, v.entry.place, v.reason])).toEqual([
      [1, 'ICT suite 2', null],
      [2, 'ICT suite 3', 'The room was wrong.'],
    ])
    expect(second.versions.every((v) => v.signature.valid)).toBe(true)

    // The same entry again is not a new version.
    const same = await refused(core, 'incidents.amend', { id, entry: entry(cyber, { place: 'ICT suite 3', people: [{ personId: siôn, part: 'affected' }] }), reason: 'No change really.' })
    expect(same.kind).toBe('conflict')

    const audit = await ok(core, 'audit.list', { offset: 0, limit: 50 })
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['incident.record', 'incident.amend', 'incident.read']))
  })

  it('keeps the checklist, a decision not to refer with its reason, and referrals', async () => {
    s = await school(clock().now)
    const { core } = s
    const { id } = await ok(core, 'incidents.record', { entry: entry(await categoryId(core, 'Online child sexual abuse')) })
    expect((await ok(core, 'incidents.waiting', {})).count).toBe(1)

    await ok(core, 'incidents.setStep', { incidentId: id, step: 'dsl-informed', state: 'done', by: 'Siân Ŵyn' })
    expect((await ok(core, 'incidents.waiting', {})).count).toBe(0)
    const noReason = await refused(core, 'incidents.setStep', { incidentId: id, step: 'social-work', state: 'not-needed' })
    expect(noReason).toMatchObject({ kind: 'validation', field: 'note' })
    await ok(core, 'incidents.setStep', { incidentId: id, step: 'social-work', state: 'not-needed', note: 'Below the threshold after advice from the safeguarding team.' })
    await ok(core, 'incidents.addReferral', { incidentId: id, agency: 'Police', madeOn: '2026-06-16', referenceNumber: 'KP-123' })
    const withReferral = await ok(core, 'incidents.get', { id })
    const key = withReferral.referrals[0]!.key
    await ok(core, 'incidents.updateReferral', { incidentId: id, key, outcome: 'No further action by the police.' })

    const detail = await ok(core, 'incidents.get', { id })
    expect(detail.checklist.find((c) => c.step === 'dsl-informed')).toMatchObject({ state: 'done', by: 'Siân Ŵyn', on: '2026-06-16' })
    expect(detail.checklist.find((c) => c.step === 'social-work')).toMatchObject({ state: 'not-needed', note: 'Below the threshold after advice from the safeguarding team.' })
    expect(detail.referrals).toEqual([expect.objectContaining({ agency: 'Police', reference: 'KP-123', outcome: 'No further action by the police.' })])
    expect(detail.chronology.map((c) => c.kind)).toEqual(['version', 'step', 'step', 'referral', 'referral'])
    expect(detail.chronology.every((c) => c.signatureValid)).toBe(true)
  })

  it('refuses evidence files for sexual images of children and keeps others encrypted', async () => {
    s = await school(clock().now)
    const { core } = s
    const images = await ok(core, 'incidents.record', { entry: entry(await categoryId(core, 'Youth-produced')) })
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const refusedFile = await refused(core, 'incidents.attach', { incidentId: images.id, fileName: 'photo.png', fileBase64: png.toString('base64'), description: 'A photo' })
    expect(refusedFile.kind).toBe('conflict')
    expect(refusedFile.message).toMatch(/forbids copying/)

    const bullying = await ok(core, 'incidents.record', { entry: entry(await categoryId(core, 'Cyberbullying')) })
    const marker = 'UNIQUE-EVIDENCE-MARKER-4711'
    await ok(core, 'incidents.attach', { incidentId: bullying.id, fileName: '../../chat.txt', fileBase64: Buffer.from(marker).toString('base64'), description: 'The chat, exported' })
    const detail = await ok(core, 'incidents.get', { id: bullying.id })
    expect(detail.files).toEqual([expect.objectContaining({ fileName: 'chat.txt', mediaType: 'text/plain', size: marker.length })])
    const { file } = await ok(core, 'incidents.copyEvidence', { fileId: detail.files[0]!.id, open: false })
    expect(readFileSync(file, 'utf8')).toBe(marker)
    await s.core.close()
    expect(readFileSync(`${s.dir}/register.db`).includes(Buffer.from(marker))).toBe(false)
  })

  it('lets the ICT manager record and see filtering and security incidents only; reception nothing', async () => {
    s = await school(clock().now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const cyber = await categoryId(core, 'Cyberbullying')
    const bullying = await ok(core, 'incidents.record', { entry: entry(cyber) })
    const siôn = await pupil(core)
    await s.as('ict')
    expect((await ok(core, 'incidents.findPeople', { text: 'sio' })).map((p) => [p.id, p.displayName])).toEqual([[siôn, 'Siôn O’Brien']])
    expect((await refused(core, 'people.list', {})).kind).toBe('forbidden')
    expect((await ok(core, 'incidents.categories', {})).map((c) => c.name)).toEqual(['Filtering breach', 'Data or security breach'])
    const own = await ok(core, 'incidents.record', { entry: entry(filtering, { description: 'A gambling site was reachable from the library PCs.' }) })
    expect((await refused(core, 'incidents.record', { entry: entry(cyber) })).kind).toBe('forbidden')
    expect((await refused(core, 'incidents.get', { id: bullying.id })).kind).toBe('not-found')
    expect((await ok(core, 'incidents.list', {})).rows.map((r) => r.id)).toEqual([own.id])
    await s.as('office')
    expect((await refused(core, 'incidents.list', {})).kind).toBe('forbidden')
  })

  it('filters the log by period, category, status, person and words', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const hate = await categoryId(core, 'Online hate')
    const siôn = await pupil(core)
    await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-05-01', people: [{ personId: siôn, part: 'alleged' }] }) })
    await ok(core, 'incidents.record', { entry: entry(hate, { occurredOn: '2026-06-01', description: 'Racist comments under a school video.' }) })
    await ok(core, 'incidents.record', { entry: entry(hate, { occurredOn: '2026-06-10', status: 'closed', outcome: 'Comments removed; parents met.' }) })
    const refs = async (q: Parameters<typeof ok<'incidents.list'>>[2]) => (await ok(core, 'incidents.list', q)).rows.map((r) => r.occurredOn)
    expect(await refs({})).toEqual(['2026-06-10', '2026-06-01', '2026-05-01'])
    expect(await refs({ from: '2026-06-01', to: '2026-06-30' })).toEqual(['2026-06-10', '2026-06-01'])
    expect(await refs({ categoryId: cyber })).toEqual(['2026-05-01'])
    expect(await refs({ status: 'closed' })).toEqual(['2026-06-10'])
    expect(await refs({ personId: siôn })).toEqual(['2026-05-01'])
    expect(await refs({ text: 'RACIST video' })).toEqual(['2026-06-01'])
    const page = await ok(core, 'incidents.list', { personId: siôn })
    expect(page.rows[0]!.peopleNames).toEqual(['Siôn O’Brien'])

    const chronology = await ok(core, 'incidents.personChronology', { personId: siôn })
    expect(chronology.items).toEqual([expect.objectContaining({ part: 'alleged', kind: 'version', summary: 'Entry recorded' })])
  })

  it('sorts the whole log by a column before paging it, and refuses a column it cannot sort', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const hate = await categoryId(core, 'Online hate')
    for (const [category, occurredOn] of [[hate, '2026-05-01'], [cyber, '2026-05-02'], [hate, '2026-05-03'], [cyber, '2026-05-04'], [hate, '2026-05-05']] as const) {
      await ok(core, 'incidents.record', { entry: entry(category, { occurredOn }) })
    }
    const rows = async (q: Parameters<typeof ok<'incidents.list'>>[2]) => (await ok(core, 'incidents.list', q)).rows.map((r) => `${r.categoryName} ${r.occurredOn}`)
    // By category, A to Z; within a category the log's own order (newest first). Two pages of two,
    // then one: each page continues where the last stopped, as the whole log sorted.
    const byCategory = { sort: { key: 'category', order: 'asc' } } as const
    expect([...(await rows({ ...byCategory, limit: 2 })), ...(await rows({ ...byCategory, offset: 2, limit: 2 })), ...(await rows({ ...byCategory, offset: 4, limit: 2 }))]).toEqual([
      'Cyberbullying 2026-05-04',
      'Cyberbullying 2026-05-02',
      'Online hate 2026-05-05',
      'Online hate 2026-05-03',
      'Online hate 2026-05-01',
    ])
    expect(await rows({ sort: { key: 'occurredOn', order: 'asc' }, limit: 2 })).toEqual(['Online hate 2026-05-01', 'Cyberbullying 2026-05-02'])
    // Sorting works with the filters that open entries (words), too.
    expect(await rows({ text: 'messages', sort: { key: 'occurredOn', order: 'asc' }, limit: 1 })).toEqual(['Online hate 2026-05-01'])
    const wrong = await refused(core, 'incidents.list', { sort: { key: 'description', order: 'asc' } })
    expect(wrong).toMatchObject({ kind: 'validation', message: expect.stringContaining('That column cannot be sorted.') })
  })

  it('refuses bad entries with the field named, and saves nothing', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    expect(await refused(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-06-17' }) })).toMatchObject({ kind: 'validation', field: 'occurredOn' })
    expect(await refused(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-02-30' }) })).toMatchObject({ kind: 'validation', field: 'occurredOn' })
    expect(await refused(core, 'incidents.record', { entry: entry(cyber, { status: 'closed' }) })).toMatchObject({ kind: 'validation', field: 'entry.outcome' })
    expect(await refused(core, 'incidents.record', { entry: entry(cyber, { place: '  ' }) })).toMatchObject({ kind: 'validation', field: 'entry.place' })
    expect(await refused(core, 'incidents.record', { entry: entry(cyber, { people: [{ personId: 999, part: 'affected' }] }) })).toMatchObject({ kind: 'validation' })
    expect(await refused(core, 'incidents.record', { entry: { ...entry(cyber), extra: 1 } })).toMatchObject({ kind: 'validation' })
    expect((await ok(core, 'incidents.list', {})).total).toBe(0)
  })

  it('names the entry whose stored record was changed outside the app', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    await ok(core, 'incidents.record', { entry: entry(cyber) })
    const second = await ok(core, 'incidents.record', { entry: entry(cyber, { description: 'A second incident in the same class.' }) })
    await ok(core, 'incidents.record', { entry: entry(cyber) })
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true, checked: 3, problems: [] })

    // Someone holding the keys (the database key and the safeguarding key) rewrites the entry's
    // first record: opened, changed, encrypted again. The hash covers the words: caught.
    const key = Buffer.from(s.core.store.requireOpen().key)
    const dataKey = Buffer.from(await dataKeyOf(s.core.store.requireOpen().db, s.core.store, second.id))
    await ok(core, 'session.lock', {})
    const raw = openRaw(`${s.dir}/register.db`, key)
    raw.exec('DROP TRIGGER incident_records_no_update')
    const record = raw.prepare('SELECT id, body FROM incident_records WHERE incident_id = ? ORDER BY id LIMIT 1').get(second.id) as { id: number; body: string }
    const words = openField(dataKey, 'incident_records', record.id, 'body', record.body)
    expect(words).toContain('second')
    raw.prepare('UPDATE incident_records SET body = ? WHERE id = ?').run(sealField(dataKey, 'incident_records', record.id, 'body', words.replace('second', 'sec0nd')), record.id)
    raw.close()
    await s.as('manager')

    const report = await ok(core, 'incidents.verify', {})
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual([expect.objectContaining({ reference: 'INC-2026-0002', item: 'version 1' })])
    expect(report.problems[0]!.problem).toMatch(/changed after it was signed/)
    const detail = await ok(core, 'incidents.get', { id: second.id })
    expect(detail.current.signature.valid).toBe(false)

    // Someone with only the database key changes one byte of it: it no longer opens at all.
    await ok(core, 'session.lock', {})
    const again = openRaw(`${s.dir}/register.db`, key)
    const stored = (again.prepare('SELECT body FROM incident_records WHERE id = ?').get(record.id) as { body: string }).body
    const bytes = Buffer.from(stored.slice(3), 'base64')
    bytes[20] = bytes[20]! ^ 1
    again.prepare('UPDATE incident_records SET body = ? WHERE id = ?').run(`e1:${bytes.toString('base64')}`, record.id)
    again.close()
    await s.as('manager')
    const after = await ok(core, 'incidents.verify', {})
    expect(after.problems).toEqual([expect.objectContaining({ reference: 'INC-2026-0002', problem: expect.stringMatching(/changed after it was signed \(its stored text no longer opens\)/) })])
    const unreadable = await refused(core, 'incidents.get', { id: second.id })
    expect(unreadable.message).toMatch(/The stored text of INC-2026-0002 cannot be opened: it was changed outside the app/)
  })

  it('prints the Appendix 4 log and one incident in full, signed, with names hidden when anonymised', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const filtering = await categoryId(core, 'Filtering breach')
    const siôn = await pupil(core)
    const first = await ok(core, 'incidents.record', {
      entry: entry(cyber, { description: 'Siôn O’Brien was mocked in a group chat by classmates.', people: [{ personId: siôn, part: 'affected' }] }),
    })
    await ok(core, 'incidents.record', { entry: entry(filtering, { occurredOn: '2026-06-02', place: 'Library PCs', description: 'A proxy site got past the web filter.' }) })
    await ok(core, 'incidents.setStep', { incidentId: first.id, step: 'dsl-informed', state: 'done' })
    await ok(core, 'incidents.amend', {
      id: first.id,
      entry: entry(cyber, { description: 'Siôn O’Brien was mocked in a group chat by classmates.', actionTaken: 'Parents met.', people: [{ personId: siôn, part: 'affected' }] }),
      reason: 'Added the meeting with parents.',
    })

    const log = await issueReport(core, { type: 'incident-log', from: '2026-06-01', to: '2026-06-30' }, s.dir)
    expect(pdfsig(log.file)).toContain('Signature is Valid.')
    qpdfCheck(log.file)
    const logText = pdftotext(log.file)
    for (const words of ['Where the incident took place', 'Description of the incident', 'Action taken', 'INC-2026-0001', 'INC-2026-0002', 'A proxy site got past the web filter.', 'Siôn O’Brien was mocked', 'Amended 1×', 'Signatures checked: valid']) {
      expect(logText).toContain(words)
    }

    const record = await issueReport(core, { type: 'incident-record', recordId: first.id }, s.dir)
    expect(pdfsig(record.file)).toContain('Signature is Valid.')
    expect(record.file).toContain('INC-2026-0001')
    const recordText = pdftotext(record.file)
    for (const words of ['Versions of the entry', 'Added the meeting with parents.', 'changed: action taken', 'Designated safeguarding lead (or deputy) told', 'They keep saying I smell.']) {
      expect(recordText).toContain(words)
    }

    const anonymised = await issueReport(core, { type: 'incident-record', recordId: first.id, anonymised: true }, s.dir)
    const hidden = pdftotext(anonymised.file)
    expect(hidden).not.toContain('Siôn')
    expect(hidden).not.toContain('O’Brien')
    expect(hidden).toMatch(/a (Year \d+|Reception) pupil was mocked/)

    expect((await refused(core, 'reports.start', { type: 'incident-record', anonymised: false })).field).toBe('recordId')
  })

  it('prints a record whose signature fails its check as failed, though the log is laid out while the signatures are checked', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    await ok(core, 'incidents.record', { entry: entry(cyber, { description: 'A pupil was sent unkind messages.' }) })
    const forged = await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-06-02', description: 'A pupil shared a classmate’s photo.' }) })
    // Someone holding the database key puts another key's signature on the second entry's record:
    // its hash and its link in the chain still hold, only the signature does not.
    const key = Buffer.from(core.store.requireOpen().key)
    await ok(core, 'session.lock', {})
    const raw = openRaw(`${s.dir}/register.db`, key)
    raw.exec('DROP TRIGGER incident_records_no_update')
    const record = raw.prepare('SELECT id, hash FROM incident_records WHERE incident_id = ?').get(forged.id) as { id: number; hash: string }
    const { privateKey } = generateKeyPairSync('ed25519')
    raw.prepare('UPDATE incident_records SET signature = ? WHERE id = ?').run(sign(null, Buffer.from(record.hash, 'hex'), privateKey).toString('base64'), record.id)
    raw.close()
    await s.as('manager')

    const text = pdftotext((await issueReport(core, { type: 'incident-log', from: '2026-06-01', to: '2026-06-30' }, s.dir)).file)
    const [, second, first] = text.split(/INC-2026-000[12]/)
    expect(second).toContain('SIGNATURE CHECK FAILED on 1 record(s)')
    expect(first).toContain('Signatures checked: valid')
    expect(text.match(/Signatures checked: valid/g)).toHaveLength(1)
  })

  it('prints the log as its screen shows it: only the entries its filters find, and the filters in words', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const hate = await categoryId(core, 'Online hate')
    const siôn = await pupil(core)
    await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-05-01', description: 'Mocked in a class chat.', people: [{ personId: siôn, part: 'affected' }] }) })
    await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn: '2026-05-08', description: 'Name-calling in a game chat.' }) })
    await ok(core, 'incidents.record', { entry: entry(hate, { occurredOn: '2026-06-01', description: 'Racist comments under a school video.', people: [{ personId: siôn, part: 'witness' }] }) })

    // A category, with the period left open: from the log's first entry to today.
    const byCategory = await issueReport(core, { type: 'incident-log', logView: { categoryId: cyber } }, s.dir)
    expect(pdfsig(byCategory.file)).toContain('Signature is Valid.')
    const categoryText = pdftotext(byCategory.file)
    expect(categoryText).toContain('2 incidents in the period (2 still open)')
    expect(categoryText).toContain('Only the entries the incident log showed with its filters: category “Cyberbullying”.')
    expect(categoryText).toContain('Mocked in a class chat.')
    expect(categoryText).toContain('Name-calling in a game chat.')
    expect(categoryText).not.toContain('Racist comments')
    expect(byCategory.report).toMatchObject({ periodFrom: '2026-05-01' })

    // A person and words (both read from the encrypted entries), within a period.
    const byPerson = pdftotext((await issueReport(core, { type: 'incident-log', from: '2026-05-01', to: '2026-06-30', logView: { personId: siôn, text: 'racist' } }, s.dir)).file)
    expect(byPerson).toContain('1 incident in the period')
    expect(byPerson).toContain('Only the entries the incident log showed with its filters: naming Siôn O’Brien; containing “racist”.')
    expect(byPerson).toContain('Racist comments under a school video.')
    expect(byPerson).not.toContain('Mocked in a class chat.')

    // Anonymised, the filters say what they were without the name or the words.
    const hidden = pdftotext((await issueReport(core, { type: 'incident-log', anonymised: true, logView: { personId: siôn } }, s.dir)).file)
    expect(hidden).toContain('Only the entries the incident log showed with its filters: naming one person.')
    expect(hidden).not.toContain('Siôn')

    expect(await refused(core, 'reports.start', { type: 'visitor-log', from: '2026-05-01', to: '2026-06-30', anonymised: false, logView: {} })).toMatchObject({ kind: 'validation', field: 'logView' })
    expect(await refused(core, 'reports.start', { type: 'incident-log', anonymised: false, logView: { categoryId: 9999 } })).toMatchObject({ kind: 'not-found' })
  })

  it('seeds demonstration incidents whose every signature holds', async () => {
    s = await school(clock('2026-11-20T10:00:00Z').now)
    const { core } = s
    await seedPeopleDemo(core.store, 'small', { now: Date.parse('2026-11-20T10:00:00Z') })
    const lines = await seedIncidentsDemo(core.store, 'small', { now: Date.parse('2026-11-20T10:00:00Z') })
    // From the start of the last school year: about 14 a year.
    expect(lines[0]).toMatch(/^17 incidents since 2025-09-01/)
    const page = await ok(core, 'incidents.list', { limit: 200 })
    expect(page.total).toBe(17)
    expect(page.rows.some((r) => r.status === 'closed')).toBe(true)
    expect(page.rows.some((r) => r.version > 1)).toBe(true)
    const report = await ok(core, 'incidents.verify', {})
    expect(report).toMatchObject({ ok: true, problems: [] })
    expect(report.checked).toBeGreaterThan(40)
    expect(await seedIncidentsDemo(core.store, 'small')).toEqual(['The incident log already has entries, left as they were.'])
  })

  it('imports an earlier log with UK dates, marked as imported, all or nothing', async () => {
    s = await school(clock().now)
    const { core } = s
    const good = [
      'Date,Where the incident took place,Description of the incident,Action taken,Name and signature of person recording',
      '03/02/2024,ICT suite,"Pupil found a proxy site, reported by a friend",Blocked the site,Mr Jones',
      '4 March 2025 14:30,Library,Unkind messages in a chat,Parents informed,Ms Ní Bhriain',
    ].join('\n')
    const preview = await ok(core, 'incidents.importPreview', { csv: good })
    expect(preview).toMatchObject({ ready: 2, withProblems: 0 })
    expect(preview.rows.map((r) => r.occurredOn)).toEqual(['2024-02-03', '2025-03-04'])
    const bad = `${good}\n31/02/2025,Hall,Something,,Someone\n,Hall,,,`
    const badPreview = await ok(core, 'incidents.importPreview', { csv: bad })
    expect(badPreview.withProblems).toBe(2)
    expect((await refused(core, 'incidents.importApply', { csv: bad })).kind).toBe('conflict')
    expect((await ok(core, 'incidents.list', {})).total).toBe(0)

    expect(await ok(core, 'incidents.importApply', { csv: good })).toEqual({ imported: 2 })
    const rows = (await ok(core, 'incidents.list', {})).rows
    expect(rows.map((r) => [r.occurredOn, r.occurredTime, r.imported, r.backdated, r.recordedByName])).toEqual([
      ['2025-03-04', '14:30', true, false, 'Ms Ní Bhriain'],
      ['2024-02-03', null, true, false, 'Mr Jones'],
    ])
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
  })

  it('keeps a signing key across a password change, makes a new one where none can be opened, and old signatures still hold', async () => {
    s = await school(clock().now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const keysOf = async () => (await core.store.requireOpen().db('signing_keys').count({ n: '*' }))[0]!.n
    await ok(core, 'incidents.record', { entry: entry(cyber) })
    expect(await keysOf()).toBe(1)

    await ok(core, 'account.changePassword', { currentPassword: 'kettle violet harbour jump', newPassword: 'harbour kettle violet leap' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'bmanager', password: 'harbour kettle violet leap' })
    await ok(core, 'incidents.record', { entry: entry(cyber) })
    expect(await keysOf()).toBe(1)

    // A vault written before signing existed: the slot has no signing key; one is made at sign-in.
    await ok(core, 'session.lock', {})
    await toPreviousVersion(core.store.paths.dataDir, { bmanager: 'harbour kettle violet leap' }, { withoutSigning: true })
    expect(core.store.loadVault().data.slots.find((slot) => slot.kind === 'user' && slot.signing)).toBeFalsy()
    await ok(core, 'session.login', { username: 'bmanager', password: 'harbour kettle violet leap' })
    expect(core.store.loadVault().data.slots.find((slot) => slot.kind === 'user' && slot.signing)).toBeTruthy()
    await ok(core, 'incidents.record', { entry: entry(cyber) })
    expect(await keysOf()).toBe(2)
    const report = await ok(core, 'incidents.verify', {})
    expect(report).toMatchObject({ ok: true, checked: 3 })
    const first = await ok(core, 'incidents.get', { id: 1 })
    const third = await ok(core, 'incidents.get', { id: 3 })
    expect(first.current.signature.valid && third.current.signature.valid).toBe(true)
    expect(first.current.signature.keyFingerprint).not.toBe(third.current.signature.keyFingerprint)
  })
})
