// Searches and confiscated items on a real register: recorded, read, refused to the roles that
// may not see them, bad input refused with nothing changed, and the words sealed so that the
// database key alone (any password) reads none of them — checked on the file from outside.
import { createDecipheriv } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodInput } from '../../shared/api/contract'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { ok, refused } from './helpers'
import { readVaultFile } from './legacy-vault'
import { auditRows, clock, PASSWORD, school, type School } from './people-fixtures'
import { everyPageWithDatabaseKey } from './plain-pages'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

/** Words that appear only in the search and item below: none may be read with the database key alone. */
const SECRET = {
  place: 'Pemberton corridor',
  grounds: 'Quillfeather said Jaskaran was sharing a video of the fight.',
  found: 'A phone with the Brackenbury video on it.',
  lookedAt: 'The camera roll, the Snapchat memories.',
  deleted: 'The Brackenbury video, deleted because it humiliated another pupil.',
  notes: 'Spoke to Mr Ollerenshaw afterwards.',
  why: 'Held after the Wolstenholme fight video.',
  police: 'CAD-4471928',
}
const NEEDLES = ['Pemberton', 'Quillfeather', 'Jaskaran', 'Brackenbury', 'Snapchat', 'Ollerenshaw', 'Wolstenholme', 'CAD-4471928']

async function schoolWithPeople() {
  s = await school(clock().now)
  const { core } = s
  const pupil = (await ok(core, 'people.create', { kind: 'pupil', forename: 'Ffion', surname: 'Tregarthen', yearGroup: '9', regClass: '9T', dateOfBirth: '2012-01-04' })).id
  const teacher = (await ok(core, 'people.create', { kind: 'staff', forename: 'Helen', surname: 'Abernethy', jobTitle: 'Deputy headteacher', staffGroup: 'leadership' })).id
  const witness = (await ok(core, 'people.create', { kind: 'staff', forename: 'Dev', surname: 'Raman', jobTitle: 'Head of Year 9', staffGroup: 'teaching' })).id
  return { s, core, pupil, teacher, witness }
}

const searchEntry = (p: { pupil: number; teacher: number; witness: number }, extra: Partial<MethodInput<'searches.record'>> = {}): MethodInput<'searches.record'> => ({
  searchedOn: '2026-06-15',
  searchedTime: '12:40',
  place: SECRET.place,
  pupilId: p.pupil,
  searcherId: p.teacher,
  witnessId: p.witness,
  reason: 'bullying',
  power: 'pupil-consent',
  grounds: SECRET.grounds,
  found: SECRET.found,
  deviceLookedAt: SECRET.lookedAt,
  deleted: SECRET.deleted,
  notes: SECRET.notes,
  parentsInformedOn: '2026-06-15',
  dslInformedOn: null,
  incidentId: null,
  ...extra,
})

const itemEntry = (pupil: number, extra: Partial<MethodInput<'confiscations.record'>> = {}): MethodInput<'confiscations.record'> => ({
  kind: 'phone',
  description: 'Black iPhone 13, green case',
  serial: 'F2LXK0ABCD12',
  takenOn: '2026-06-15',
  takenTime: '12:45',
  reason: 'behaviour',
  why: SECRET.why,
  heldWhere: 'School office safe',
  heldBy: 'Mrs Jones (office)',
  forCollection: true,
  pupilId: pupil,
  searchId: null,
  incidentId: null,
  ...extra,
})

async function counts(core: School['core']) {
  const { db } = core.store.requireOpen()
  const n = async (t: 'searches' | 'confiscations' | 'audit_log') => Number(((await db(t).count({ n: '*' })) as [{ n: number }])[0].n)
  const rows = await db('confiscations').select('*')
  return { searches: await n('searches'), items: await n('confiscations'), rows: JSON.stringify(rows) }
}

describe('searches and confiscated items', () => {
  it('records a search and the phone taken in it, linked to an incident; reads them back; audits each step and holds the people named', async () => {
    const { core, pupil, teacher, witness } = await schoolWithPeople()
    const category = (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith('Cyberbullying'))!.id
    const incident = (
      await ok(core, 'incidents.record', {
        entry: { occurredOn: '2026-06-15', occurredTime: '12:30', place: 'Canteen', onSite: true, device: 'personal', categoryId: category, description: 'A fight was filmed and shared.', actionTaken: 'Phone taken.', childsWords: null, people: [], status: 'open', outcome: null },
      })
    ).id
    const made = await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }, { incidentId: incident }))
    expect(made.reference).toBe('SRCH-2026-001')
    const item = await ok(core, 'confiscations.record', itemEntry(pupil, { searchId: made.id, incidentId: incident }))

    const list = await ok(core, 'searches.list', { from: '2026-06-01', to: '2026-06-30', text: 'tregarthen' })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ reference: 'SRCH-2026-001', place: SECRET.place, pupil: { name: 'Ffion Tregarthen', description: 'Year 9, 9T' }, deviceExamined: true, contentDeleted: true, itemsTaken: 1, incident: { id: incident } })
    expect(await ok(core, 'searches.list', { from: '2026-07-01', to: null, text: '' })).toEqual([])

    const detail = await ok(core, 'searches.get', { id: made.id })
    expect(detail).toMatchObject({ grounds: SECRET.grounds, deleted: SECRET.deleted, searcher: { name: 'Helen Abernethy' }, witness: { name: 'Dev Raman' }, recordedBy: 'Bethan Manager' })
    expect(detail.items.map((i) => [i.id, i.why, i.state])).toEqual([[item.id, SECRET.why, 'held']])

    await ok(core, 'searches.followUp', { id: made.id, parentsInformedOn: '2026-06-15', dslInformedOn: '2026-06-16', incidentId: incident })
    await ok(core, 'confiscations.handBack', { id: item.id, returnedOn: '2026-06-16', returnedTo: 'Mrs Tregarthen (mother)' })
    expect((await ok(core, 'confiscations.list', { state: 'returned' })).map((i) => [i.id, i.returnedTo])).toEqual([[item.id, 'Mrs Tregarthen (mother)']])
    expect(await ok(core, 'confiscations.list', { state: 'held' })).toEqual([])

    for (const action of ['search.record', 'confiscation.record', 'search.followUp', 'confiscation.handBack', 'search.read']) expect((await auditRows(core, action)).length, action).toBe(1)
    expect((await auditRows(core, 'search.followUp'))[0]!.target).toBe(`search:${made.id}`)
    // No audit entry carries a search's words.
    const audit = JSON.stringify(await core.store.requireOpen().db('audit_log').select('*'))
    expect(NEEDLES.filter((n) => audit.includes(n))).toEqual([])
    // Everyone named is held from retention.
    const held = await core.store.requireOpen().db('people').whereIn('id', [pupil, teacher, witness]).pluck('named_in_record')
    expect(held).toEqual([1, 1, 1])
  })

  it('passes an item to the police with its reference, and records the exam board told of a phone found in an exam', async () => {
    const { core, pupil } = await schoolWithPeople()
    const kept = await ok(core, 'confiscations.record', itemEntry(pupil, { reason: 'evidence', forCollection: false }))
    const exam = await ok(core, 'confiscations.record', itemEntry(pupil, { reason: 'exam', description: 'Samsung A14 found in GCSE maths', why: 'Found in the pupil’s blazer during the maths exam.' }))
    await ok(core, 'confiscations.passToPolice', { id: kept.id, passedOn: '2026-06-16', policeReference: SECRET.police })
    await ok(core, 'confiscations.examBoardTold', { id: exam.id, toldOn: '2026-06-16', toldWhom: 'AQA, through the exams officer' })
    const all = await ok(core, 'confiscations.list', { state: 'all' })
    expect(all.find((i) => i.id === kept.id)).toMatchObject({ state: 'police', policeOn: '2026-06-16', policeReference: SECRET.police, forCollection: false })
    expect(all.find((i) => i.id === exam.id)).toMatchObject({ state: 'held', examBoardToldOn: '2026-06-16', examBoardToldWhom: 'AQA, through the exams officer' })
    // Once with the police it cannot be handed back.
    const before = await counts(core)
    expect(await refused(core, 'confiscations.handBack', { id: kept.id, returnedOn: '2026-06-16', returnedTo: 'Mr Tregarthen' })).toMatchObject({ kind: 'conflict', message: expect.stringContaining('passed to the police') })
    expect(await counts(core)).toEqual(before)
  })

  it('refuses searches to reception and the ICT manager; reception sees only what it hands back, and only items left for collection', async () => {
    const { s, core, pupil, teacher, witness } = await schoolWithPeople()
    const search = await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    const forParent = await ok(core, 'confiscations.record', itemEntry(pupil))
    const forDsl = await ok(core, 'confiscations.record', itemEntry(pupil, { reason: 'evidence', forCollection: false, description: 'Grey iPad' }))
    for (const role of ['office', 'ict'] as const) {
      await s.as(role)
      for (const [method, input] of [
        ['searches.list', { from: null, to: null, text: '' }],
        ['searches.get', { id: search.id }],
        ['searches.record', searchEntry({ pupil, teacher, witness })],
        ['searches.followUp', { id: search.id, parentsInformedOn: null, dslInformedOn: null, incidentId: null }],
        ['confiscations.list', { state: 'all' }],
        ['confiscations.record', itemEntry(pupil)],
        ['confiscations.passToPolice', { id: forParent.id, passedOn: '2026-06-16', policeReference: 'X1' }],
        ['confiscations.examBoardTold', { id: forParent.id, toldOn: '2026-06-16', toldWhom: 'AQA' }],
        ['reports.start', { type: 'searches-and-confiscations', from: '2026-06-01', to: '2026-06-30', anonymised: false }],
      ] as const) {
        expect((await refused(core, method, input)).kind, `${role} ${method}`).toBe('forbidden')
      }
    }
    expect((await refused(core, 'confiscations.forCollection', {})).kind).toBe('forbidden') // ICT: not theirs

    await s.as('office')
    const waiting = await ok(core, 'confiscations.forCollection', {})
    expect(waiting).toEqual([{ id: forParent.id, kind: 'phone', description: 'Black iPhone 13, green case', pupilName: 'Ffion Tregarthen', pupilClass: 'Year 9, 9T', takenOn: '2026-06-15', heldWhere: 'School office safe' }])
    const before = await counts(core)
    expect(await refused(core, 'confiscations.handBack', { id: forDsl.id, returnedOn: '2026-06-16', returnedTo: 'Mrs Tregarthen' })).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('kept for the DSL') })
    expect(await counts(core)).toEqual(before)
    await ok(core, 'confiscations.handBack', { id: forParent.id, returnedOn: '2026-06-16', returnedTo: 'Mrs Tregarthen (mother)' })
    expect(await ok(core, 'confiscations.forCollection', {})).toEqual([])
  })

  it('refuses bad input with a plain sentence on the field, and changes nothing', async () => {
    const { core, pupil, teacher, witness } = await schoolWithPeople()
    const item = await ok(core, 'confiscations.record', itemEntry(pupil))
    const exam = await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    const before = await counts(core)
    const auditBefore = (await core.store.requireOpen().db('audit_log').whereLike('action', 'search%').orWhereLike('action', 'confiscation%')).length
    const cases: [MethodInput<'searches.record'> | MethodInput<'confiscations.record'> | MethodInput<'confiscations.handBack'> | MethodInput<'confiscations.examBoardTold'>, string, string, string][] = [
      [searchEntry({ pupil, teacher, witness: teacher }), 'searches.record', 'witnessId', 'someone other than'],
      [searchEntry({ pupil, teacher, witness }, { reason: 'image-sharing' }), 'searches.record', 'deleted', 'UKCIS'],
      [searchEntry({ pupil, teacher, witness }, { deviceLookedAt: null }), 'searches.record', 'deviceLookedAt', 'what was looked at'],
      [searchEntry({ pupil, teacher, witness }, { searchedOn: '2026-06-17' }), 'searches.record', 'searchedOn', 'after today'],
      [searchEntry({ pupil, teacher, witness }, { searchedOn: '2026-02-30' }), 'searches.record', 'searchedOn', 'does not exist'],
      [searchEntry({ pupil, teacher, witness }, { searchedOn: '2026-06-16', searchedTime: '16:00' }), 'searches.record', 'searchedTime', 'not come yet'],
      [searchEntry({ pupil: teacher, teacher, witness }), 'searches.record', 'pupilId', 'Choose a pupil'],
      [searchEntry({ pupil, teacher: pupil, witness }), 'searches.record', 'searcherId', 'member of staff'],
      [searchEntry({ pupil, teacher, witness }, { parentsInformedOn: '2026-06-14' }), 'searches.record', 'parentsInformedOn', 'before it happened'],
      [searchEntry({ pupil, teacher, witness }, { incidentId: 999 }), 'searches.record', 'incidentId', 'not in the log'],
      [searchEntry({ pupil, teacher, witness }, { grounds: ' ' }), 'searches.record', 'grounds', 'why the search was made'],
      [itemEntry(pupil, { reason: 'evidence', forCollection: true }), 'confiscations.record', 'forCollection', 'stays with the DSL'],
      [itemEntry(pupil, { searchId: exam.id, takenOn: '2026-06-14' }), 'confiscations.record', 'takenOn', 'before the search'],
      [itemEntry(pupil, { description: '' }), 'confiscations.record', 'description', 'Describe the item'],
      [{ id: item.id, returnedOn: '2026-06-14', returnedTo: 'Mrs T' }, 'confiscations.handBack', 'returnedOn', 'before it was taken'],
      [{ id: item.id, toldOn: '2026-06-16', toldWhom: 'AQA' }, 'confiscations.examBoardTold', 'toldOn', 'only of a device found in an exam'],
    ]
    for (const [input, method, field, words] of cases) {
      const error = await refused(core, method as 'searches.record', input)
      expect(error, `${method} ${field}`).toMatchObject({ kind: 'validation', field, message: expect.stringContaining(words) })
    }
    expect((await refused(core, 'confiscations.handBack', { id: 999, returnedOn: '2026-06-16', returnedTo: 'Mrs T' })).kind).toBe('not-found')
    expect(await counts(core)).toEqual(before)
    expect((await core.store.requireOpen().db('audit_log').whereLike('action', 'search%').orWhereLike('action', 'confiscation%')).length).toBe(auditBefore)
  })

  it('puts every held item on the dashboard, the longest held first, until it goes back; a device from an exam asks for the board to be told; the ICT manager sees none of it', async () => {
    const { s, core, pupil, teacher, witness } = await schoolWithPeople()
    const later = await ok(core, 'confiscations.record', itemEntry(pupil, { takenOn: '2026-06-15', description: 'Later phone' }))
    await ok(core, 'confiscations.record', itemEntry(pupil, { takenOn: '2026-06-01', description: 'Earlier phone' }))
    await ok(core, 'confiscations.record', itemEntry(pupil, { takenOn: '2026-06-10', description: 'Evidence tablet', kind: 'tablet', reason: 'evidence', forCollection: false }))
    const exam = await ok(core, 'confiscations.record', itemEntry(pupil, { takenOn: '2026-06-12', description: 'Exam phone', reason: 'exam' }))
    await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }, { reason: 'prohibited-item', power: 'statutory-power', deviceLookedAt: null, deleted: null, parentsInformedOn: null }))
    const mine = async () => (await ok(core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'searches')
    const senior = await mine()
    expect(senior.filter((a) => a.title.includes('held')).map((a) => [a.detail.split(',')[0], a.status])).toEqual([
      ['Earlier phone', 'overdue'],
      ['Evidence tablet', 'due'],
      ['Exam phone', 'due'],
      ['Later phone', 'due'],
    ])
    expect(senior.find((a) => a.detail.startsWith('Earlier phone'))!.dueBy).toBe('2026-06-08')
    expect(senior.map((a) => a.title)).toEqual(expect.arrayContaining(['Tell the exam board: Ffion Tregarthen', 'Tell the parents of search SRCH-2026-001']))
    await ok(core, 'confiscations.handBack', { id: later.id, returnedOn: '2026-06-16', returnedTo: 'Mrs Tregarthen' })
    expect((await mine()).filter((a) => a.title.includes('held')).map((a) => a.detail.split(',')[0])).toEqual(['Earlier phone', 'Evidence tablet', 'Exam phone'])
    // The exam phone goes back: it leaves the held items, but the board is still to be told until it is.
    await ok(core, 'confiscations.handBack', { id: exam.id, returnedOn: '2026-06-16', returnedTo: 'Mr Tregarthen' })
    const afterReturn = await mine()
    expect(afterReturn.filter((a) => a.title.includes('held')).map((a) => a.detail.split(',')[0])).toEqual(['Earlier phone', 'Evidence tablet'])
    expect(afterReturn.find((a) => a.title.startsWith('Tell the exam board'))!.detail).toBe('Exam phone was found in an exam on 12/06/2026: the policy says the exam board is told.')
    await ok(core, 'confiscations.examBoardTold', { id: exam.id, toldOn: '2026-06-16', toldWhom: 'AQA exams officer' })
    expect((await mine()).some((a) => a.title.startsWith('Tell the exam board'))).toBe(false)
    await s.as('ict')
    expect(await mine()).toEqual([])
  })

  it('keeps every record: the database refuses to delete a search or an item', async () => {
    const { core, pupil, teacher, witness } = await schoolWithPeople()
    await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    await ok(core, 'confiscations.record', itemEntry(pupil))
    const { db } = core.store.requireOpen()
    await expect(db('confiscations').delete()).rejects.toThrow(/never deleted/)
    await expect(db('searches').delete()).rejects.toThrow(/never deleted/)
    expect((await counts(core)).searches).toBe(1)
  })
})

describe('what the file holds (read from outside, with the documented formats)', () => {
  async function keysOf(dir: string, username: string, password: string) {
    const found = findUserSlot(readVaultFile(dir), username)
    if (!('found' in found)) throw new Error(`no slot for ${username}`)
    return openUserSlot(found.found, password)
  }
  /** docs/vault-format.md: "e1:" + base64(iv 12 ‖ ciphertext ‖ tag 16), AES-256-GCM, additional data "<table>:<id>:<column>". */
  function open(key: Buffer, aad: string, value: string): Buffer {
    const b = Buffer.from(value.slice(3), 'base64')
    const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12))
    d.setAAD(Buffer.from(aad))
    d.setAuthTag(b.subarray(b.length - 16))
    return Buffer.concat([d.update(b.subarray(12, b.length - 16)), d.final()])
  }

  it('reception’s password (the database key) reads no search words and no one searched, in any page or the WAL; the DSL’s safeguarding key opens them', async () => {
    const { s, core, pupil, teacher, witness } = await schoolWithPeople()
    await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    const item = await ok(core, 'confiscations.record', itemEntry(pupil, { reason: 'evidence', forCollection: false }))
    await ok(core, 'confiscations.passToPolice', { id: item.id, passedOn: '2026-06-16', policeReference: SECRET.police })
    // The canary: the words are in the register, and the app reads them.
    expect((await ok(core, 'searches.list', { from: null, to: null, text: 'pemberton' })).length).toBe(1)
    await s.as('office')
    await s.as('dsl')
    await s.as('manager')
    const office = await keysOf(s.dir, 'user-office', PASSWORD)
    expect([...office.roleKeys.keys()]).toEqual([])
    const pages = everyPageWithDatabaseKey(s.dir, office.dbKey)
    expect(pages.includes(Buffer.from('Tregarthen'))).toBe(true) // the directory is reception's to read
    expect(NEEDLES.filter((n) => pages.includes(Buffer.from(n)))).toEqual([])

    // With the database key alone, the row shows no pupil: `people` is sealed JSON.
    const raw = openRaw(join(s.dir, 'register.db'), office.dbKey)
    const row = raw.prepare('SELECT id, data_key, details, people FROM searches').get() as { id: number; data_key: string; details: string; people: string }
    const itemRow = raw.prepare('SELECT id, data_key, details FROM confiscations').get() as { id: number; data_key: string; details: string }
    raw.close()
    expect(row.people.startsWith('e1:')).toBe(true)
    expect(row.data_key.startsWith('safeguarding:e1:')).toBe(true)

    // The DSL's slot gives the safeguarding key, which opens the data key and then the words.
    const dsl = await keysOf(s.dir, 'user-dsl', PASSWORD)
    const safeguarding = dsl.roleKeys.get('safeguarding')!
    const dataKey = open(safeguarding, `searches:${row.id}:data_key`, row.data_key.slice('safeguarding:'.length))
    expect(JSON.parse(open(dataKey, `searches:${row.id}:people`, row.people).toString())).toEqual({ pupilId: pupil, searcherId: teacher, witnessId: witness })
    expect(JSON.parse(open(dataKey, `searches:${row.id}:details`, row.details).toString())).toMatchObject({ place: SECRET.place, grounds: SECRET.grounds })
    const itemKey = open(safeguarding, `confiscations:${itemRow.id}:data_key`, itemRow.data_key.slice('safeguarding:'.length))
    expect(JSON.parse(open(itemKey, `confiscations:${itemRow.id}:details`, itemRow.details).toString())).toEqual({ why: SECRET.why, policeReference: SECRET.police })
    // A value moved to another column does not open.
    expect(() => open(dataKey, `searches:${row.id}:details`, row.people)).toThrow()
  })

  it('a search whose words were changed outside the app is named, not shown garbled', async () => {
    const { core, pupil, teacher, witness } = await schoolWithPeople()
    const made = await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    const { db } = core.store.requireOpen()
    const row = await db('searches').where({ id: made.id }).first('details')
    const bytes = Buffer.from(row!.details.slice(3), 'base64')
    bytes[20] = bytes[20]! ^ 1
    await db('searches').where({ id: made.id }).update({ details: `e1:${bytes.toString('base64')}` })
    expect(await refused(core, 'searches.get', { id: made.id })).toMatchObject({ kind: 'internal', message: expect.stringContaining('SRCH-2026-001 cannot be opened') })
  })
})

describe('the signed report', () => {
  it('prints the period’s searches and items, signed (pdfsig), and refuses nothing it should show', async () => {
    const { s, core, pupil, teacher, witness } = await schoolWithPeople()
    await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }))
    await ok(core, 'confiscations.record', itemEntry(pupil))
    await ok(core, 'searches.record', searchEntry({ pupil, teacher, witness }, { searchedOn: '2026-05-01', place: 'Outside the period' }))
    const { file } = await issueReport(core, { type: 'searches-and-confiscations', from: '2026-06-01', to: '2026-06-30' }, join(s.dir, 'out'))
    const sig = pdfsig(file)
    expect(sig).toMatch(/Signature Validation: Signature is Valid/)
    expect(sig).toMatch(/Total document signed/)
    qpdfCheck(file)
    const text = pdftotext(file)
    expect(text).toContain('Searches and confiscated items')
    expect(text).toContain('SRCH-2026-001')
    expect(text).toContain(SECRET.grounds)
    expect(text).toContain('Black iPhone 13, green case')
    expect(text).toContain('Ffion Tregarthen')
    expect(text).not.toContain('Outside the period')

    const anonymised = await issueReport(core, { type: 'searches-and-confiscations', from: '2026-06-01', to: '2026-06-30', anonymised: true }, join(s.dir, 'anon'))
    const anonText = pdftotext(anonymised.file)
    expect(anonText).not.toContain('Tregarthen')
    expect(anonText).not.toContain('Abernethy')
    expect(anonText).toContain('Year 9 pupil')
  })
})
