import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { auditRows, clock, reportTiming, school, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})
async function fresh() {
  const s = await school(clock().now)
  open.push(s)
  return s
}

const FORENAMES = ['Siân', 'Zoë', 'Seán', 'Łukasz', 'Aoife', 'Oluwaseun', 'Chloé', 'Dafydd', 'Mairéad', 'Priya', 'Björn', 'Ffion', 'Yusuf']
const SURNAMES = ["O'Brien", 'Llewellyn-Jones', 'Ní Bhriain', 'Wiśniewska', 'Okafor', 'Müller', 'Smith', 'ap Rhys', 'D’Souza', 'Nguyen', 'Patel']
const YEARS = ['7', '8', '9', '10', '11', '12', '13']

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** A SIMS-style student list: 2,000 pupils, one with a preferred name that spans two lines. */
function simsPupils(count: number, edit: (i: number, row: Record<string, string>) => void = () => {}): string {
  const headers = ['Adno', 'UPN', 'Legal Surname', 'Legal Forename', 'Preferred Surname', 'Preferred Forename', 'DOB', 'Year', 'Reg']
  const lines = [headers.join(',')]
  for (let i = 0; i < count; i++) {
    const year = YEARS[i % YEARS.length]!
    const born = 2026 - Number(year) - 5
    const row: Record<string, string> = {
      Adno: String(20000 + i),
      UPN: `A${String(801200000000 + i).slice(-11)}${i % 10}`,
      'Legal Surname': SURNAMES[i % SURNAMES.length]!,
      'Legal Forename': `${FORENAMES[i % FORENAMES.length]}${i}`,
      'Preferred Surname': '',
      'Preferred Forename': i === 3 ? 'Mary\nAnn' : '',
      // UK dates mostly, ISO for every fifth row: both are accepted.
      DOB: i % 5 === 0 ? `${born}-0${1 + (i % 9)}-1${i % 9}` : `1${i % 9}/0${1 + (i % 9)}/${born}`,
      Year: `Year ${year}`,
      Reg: `${year}${'ABCDE'[i % 5]}`,
    }
    edit(i, row)
    lines.push(headers.map((h) => csvCell(row[h]!)).join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Row i starts on line i + 2 (headings on line 1), one more after the two-line value in row 3. */
const lineOf = (i: number) => i + 2 + (i > 3 ? 1 : 0)

const BAD: Record<number, { edit: (row: Record<string, string>) => void; field: string; reason: RegExp }> = {
  10: { edit: (r) => void (r['Legal Surname'] = ''), field: 'surname', reason: /^There is no legal surname\.$/ },
  150: { edit: (r) => void (r.DOB = '31/02/2012'), field: 'dateOfBirth', reason: /“31\/02\/2012” is not a real date/ },
  300: { edit: (r) => void (r.DOB = '2031-01-01'), field: 'dateOfBirth', reason: /“2031-01-01” is in the future/ },
  450: { edit: (r) => void (r.Year = 'N2'), field: 'yearGroup', reason: /“N2” is nursery/ },
  600: { edit: (r) => void (r.Year = 'Year 14'), field: 'yearGroup', reason: /“Year 14” is not one the register knows/ },
  750: { edit: (r) => void (r.Adno = '20005'), field: 'misId', reason: new RegExp(`“20005” is also on line ${lineOf(5)}`) },
  900: { edit: (r) => void (r.UPN = 'ABC'), field: 'upn', reason: /The UPN “ABC” is not 13 characters/ },
  1200: { edit: (r) => void (r.DOB = '2012/13/01'), field: 'dateOfBirth', reason: /not a date the register can read: write it as dd\/mm\/yyyy/ },
  1500: { edit: (r) => void (r['Legal Forename'] = '  '), field: 'forename', reason: /^There is no legal forename\.$/ },
  1999: { edit: (r) => void (r.DOB = ''), field: 'dateOfBirth', reason: /^There is no date of birth\.$/ },
}

const withBadRows = () => simsPupils(2000, (i, row) => BAD[i]?.edit(row))

describe('importing pupils from the MIS', () => {
  it('previews a 2,000-pupil SIMS export naming exactly its ten bad rows, and writes nothing', async () => {
    const { core } = await fresh()
    const { db } = core.store.requireOpen()
    const auditBefore = Number(((await db('audit_log').count({ n: '*' })) as { n: number }[])[0]!.n)
    const started = performance.now()
    const preview = await ok(core, 'people.importPreview', { type: 'pupils', csv: withBadRows() })
    const ms = performance.now() - started
    reportTiming('import preview of 2,000 rows', ms)

    expect(preview.layout).toEqual({ id: 'sims-pupils', name: 'SIMS' })
    expect(preview.mappingSource).toBe('detected')
    expect(preview.mapping).toEqual({
      misId: 'Adno',
      upn: 'UPN',
      forename: 'Legal Forename',
      surname: 'Legal Surname',
      preferredForename: 'Preferred Forename',
      preferredSurname: 'Preferred Surname',
      dateOfBirth: 'DOB',
      yearGroup: 'Year',
      regClass: 'Reg',
    })
    expect(preview.missingFields).toEqual([])
    expect(preview.rowCount).toBe(2000)
    expect(preview.toAdd).toHaveLength(1990)
    expect(preview.toUpdate).toHaveLength(0)
    expect(preview.unchanged).toHaveLength(0)
    expect(preview.badRows.map((r) => r.line)).toEqual(Object.keys(BAD).map((i) => lineOf(Number(i))))
    for (const [i, bad] of Object.entries(BAD)) {
      const row = preview.badRows.find((r) => r.line === lineOf(Number(i)))!
      expect(row.field, `line ${row.line}`).toBe(bad.field)
      expect(row.reason, `line ${row.line}`).toMatch(bad.reason)
    }
    // The row after the two-line value is reported on its real line.
    expect(preview.toAdd.find((r) => r.misId === '20004')!.line).toBe(7)
    expect(preview.toAdd.find((r) => r.misId === '20003')!.name).toBe('Mary Ann Wiśniewska')

    expect(await db('people').count({ n: '*' })).toEqual([{ n: 0 }])
    expect(Number(((await db('audit_log').count({ n: '*' })) as { n: number }[])[0]!.n)).toBe(auditBefore)
    expect(ms).toBeLessThan(5000)
  })

  it('imports the good rows only when the user confirms skipping the bad ones, and a second import changes nothing', async () => {
    const { core } = await fresh()
    const csv = withBadRows()
    const unconfirmed = await refused(core, 'people.importApply', { type: 'pupils', csv })
    expect(unconfirmed).toMatchObject({ kind: 'validation', field: 'skipBadRows' })
    expect(unconfirmed.message).toBe(
      '10 rows cannot be imported (the preview lists each by line). Confirm that you want to import the other 1990 and skip them, or correct the file and try again.',
    )
    const stale = await refused(core, 'people.importApply', { type: 'pupils', csv, skipBadRows: { good: 1990, bad: 9 } })
    expect(stale.kind).toBe('conflict')
    expect(stale.message).toMatch(/Preview it again/)
    expect(await core.store.requireOpen().db('people').count({ n: '*' })).toEqual([{ n: 0 }])

    let started = performance.now()
    const first = await ok(core, 'people.importApply', { type: 'pupils', csv, skipBadRows: { good: 1990, bad: 10 } })
    reportTiming('import of 1,990 pupils', performance.now() - started)
    expect(first).toEqual({ type: 'pupils', layout: { id: 'sims-pupils', name: 'SIMS' }, added: 1990, updated: 0, unchanged: 0, skipped: 10, archived: 0 })
    const { db } = core.store.requireOpen()
    expect(await db('people').where({ kind: 'pupil', source: 'import' }).count({ n: '*' })).toEqual([{ n: 1990 }])
    const audit = await auditRows(core, 'people.import')
    expect(audit.map((a) => a.detail)).toEqual(['pupils (sims-pupils): 1990 added, 0 updated, 0 unchanged, 10 skipped'])

    started = performance.now()
    const second = await ok(core, 'people.importApply', { type: 'pupils', csv, skipBadRows: { good: 1990, bad: 10 } })
    reportTiming('second import of the same file', performance.now() - started)
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 1990, skipped: 10 })
    expect(await db('people').count({ n: '*' })).toEqual([{ n: 1990 }])
    const again = await ok(core, 'people.importPreview', { type: 'pupils', csv })
    expect(again).toMatchObject({ mappingSource: 'remembered', toAdd: [], toUpdate: [] })
    expect(again.unchanged).toHaveLength(1990)

    // Imported pupils are found by name at once.
    const found = await ok(core, 'people.list', { text: 'lukasz16 mul', archived: 'active', offset: 0, limit: 5 })
    expect(found.rows.map((r) => r.displayName)).toEqual(['Łukasz16 Müller'])
  })

  it('updates by MIS id, then by name and date of birth, and says what changes', async () => {
    const { core } = await fresh()
    // Already typed in by hand, without an admission number.
    const manual = await ok(core, 'people.create', { kind: 'pupil', forename: 'Siân', surname: "O'Brien", dateOfBirth: '2014-03-02', yearGroup: '7' })
    await ok(core, 'people.importApply', { type: 'pupils', csv: 'Adno,Legal Surname,Legal Forename,DOB,Year,Reg\n500,Smith,Jo,01/01/2014,7,7A\n' })
    const csv = [
      'Adno,Legal Surname,Legal Forename,DOB,Year,Reg',
      '500,Smith,Jo,01/01/2014,8,8C', // same MIS id: moved up a year
      "501,O'Brien,Siân,02/03/2014,7,7B", // same name and date of birth: gains the MIS id
      '502,Brand,New,2014-05-06,R,RB',
    ].join('\n')
    const preview = await ok(core, 'people.importPreview', { type: 'pupils', csv })
    expect(preview.toAdd.map((r) => r.name)).toEqual(['New Brand'])
    expect(preview.toUpdate).toEqual([
      { line: 2, name: 'Jo Smith', misId: '500', personId: expect.any(Number), rejoins: false, changes: [{ field: 'yearGroup', from: '7', to: '8' }, { field: 'regClass', from: '7A', to: '8C' }] },
      { line: 3, name: "Siân O'Brien", misId: '501', personId: manual.id, rejoins: false, changes: [{ field: 'misId', from: null, to: '501' }, { field: 'regClass', from: null, to: '7B' }] },
    ])
    const result = await ok(core, 'people.importApply', { type: 'pupils', csv })
    expect(result).toMatchObject({ added: 1, updated: 2, unchanged: 0, skipped: 0 })
    expect(await ok(core, 'people.get', { id: manual.id })).toMatchObject({ misId: '501', regClass: '7B' })

    // A different MIS id for the same name and birthday is a question, not a guess.
    const clash = await ok(core, 'people.importPreview', { type: 'pupils', csv: "Adno,Legal Surname,Legal Forename,DOB,Year\n999,O'Brien,Siân,02/03/2014,7\n" })
    expect(clash.badRows[0]!.reason).toBe('Siân O\'Brien is already in the register with admission number or mis id “501”, not “999”. Check which is right on the MIS.')
  })

  it('archives leavers only when asked, and restores a returning pupil', async () => {
    const { core } = await fresh()
    const full = 'Adno,Legal Surname,Legal Forename,DOB,Year\n1,Able,Ann,01/01/2014,7\n2,Baker,Ben,01/01/2014,7\n3,Cole,Cat,01/01/2014,7\n'
    await ok(core, 'people.importApply', { type: 'pupils', csv: full })
    const withoutCole = 'Adno,Legal Surname,Legal Forename,DOB,Year\n1,Able,Ann,01/01/2014,7\n2,Baker,Ben,01/01/2014,7\n'
    const preview = await ok(core, 'people.importPreview', { type: 'pupils', csv: withoutCole })
    expect(preview.notInFile.map((p) => p.name)).toEqual(['Cat Cole'])
    expect((await ok(core, 'people.importApply', { type: 'pupils', csv: withoutCole })).archived).toBe(0)
    expect((await ok(core, 'people.importApply', { type: 'pupils', csv: withoutCole, archiveMissing: true })).archived).toBe(1)
    expect((await ok(core, 'people.list', { kind: 'pupil', archived: 'active', offset: 0, limit: 10 })).total).toBe(2)
    const back = await ok(core, 'people.importPreview', { type: 'pupils', csv: full })
    expect(back.toUpdate).toEqual([expect.objectContaining({ name: 'Cat Cole', rejoins: true, changes: [] })])
    await ok(core, 'people.importApply', { type: 'pupils', csv: full })
    expect((await ok(core, 'people.list', { kind: 'pupil', archived: 'active', offset: 0, limit: 10 })).total).toBe(3)
  })

  it('recognises Arbor and Bromcom exports, and remembers a mapping for columns it does not know', async () => {
    const { core } = await fresh()
    const arbor = 'MIS ID,UPN,Legal First Name,Legal Last Name,First Name,Last Name,Date Of Birth,Year Group,Registration Form\n7,,Zoë,Fairbairn,Zoe,,2015-02-03,Year 5,5F\n'
    const a = await ok(core, 'people.importPreview', { type: 'pupils', csv: arbor })
    expect(a.layout.id).toBe('arbor-pupils')
    expect(a.mapping).toMatchObject({ forename: 'Legal First Name', preferredForename: 'First Name', regClass: 'Registration Form', misId: 'MIS ID' })
    expect(a.toAdd).toEqual([{ line: 2, name: 'Zoe Fairbairn', misId: '7' }])

    const bromcom = 'Admission No;UPN;Legal Forename;Legal Surname;Preferred Forename;DOB;Year;Tutor Group\n8;;Dafydd;ap Rhys;;03/04/2010;Y10;10R\n'
    const b = await ok(core, 'people.importPreview', { type: 'pupils', csv: bromcom })
    expect(b.layout.id).toBe('bromcom-pupils')
    expect(b.toAdd).toHaveLength(1)
    expect(b.badRows).toEqual([])

    const custom = 'Pupil ref\tGiven\tFamily\tBorn\tNC\n9\tCerys\tMorgan\t04/05/2016\tYear 4\n'
    const guess = await ok(core, 'people.importPreview', { type: 'pupils', csv: custom })
    expect(guess.layout).toMatchObject({ name: 'Your own columns' })
    expect(guess.missingFields).toEqual(['forename', 'surname', 'dateOfBirth', 'yearGroup'])
    expect(guess.headers).toEqual(['Pupil ref', 'Given', 'Family', 'Born', 'NC'])
    expect(await refused(core, 'people.importApply', { type: 'pupils', csv: custom })).toMatchObject({ field: 'mapping' })
    expect(await refused(core, 'people.importPreview', { type: 'pupils', csv: custom, mapping: { forename: 'First' } })).toMatchObject({
      field: 'mapping.forename',
      message: 'There is no column headed “First” in this file. Choose one of its columns for Legal forename.',
    })
    const mapping = { misId: 'Pupil ref', forename: 'Given', surname: 'Family', dateOfBirth: 'Born', yearGroup: 'NC' }
    expect((await ok(core, 'people.importApply', { type: 'pupils', csv: custom, mapping })).added).toBe(1)
    const next = await ok(core, 'people.importPreview', { type: 'pupils', csv: custom.replace('Cerys', 'Ceri') })
    expect(next).toMatchObject({ mappingSource: 'remembered', mapping, missingFields: [] })
    expect(next.toUpdate[0]!.changes).toEqual([{ field: 'forename', from: 'Cerys', to: 'Ceri' }])
  })

  it('imports staff with their groups, and notices a pupil file chosen as staff', async () => {
    const { core } = await fresh()
    const staff = [
      'Staff Code,Legal Forename,Legal Surname,Preferred Forename,Post,Staff Category',
      'ABC,Siân,Griffiths,,Headteacher,Teacher',
      'DEF,Tomasz,Nowak,Tom,Teaching Assistant,Support',
      'GHI,Ruth,Ellis,,Teacher of Maths,',
      'JKL,Owen,Price,,Caretaker,',
    ].join('\n')
    const preview = await ok(core, 'people.importPreview', { type: 'staff', csv: staff })
    expect(preview.layout.id).toBe('sims-staff')
    await ok(core, 'people.importApply', { type: 'staff', csv: staff })
    const rows = (await ok(core, 'people.list', { kind: 'staff', archived: 'active', offset: 0, limit: 10 })).rows
    expect(rows.map((r) => [r.displayName, r.staffGroup, r.jobTitle])).toEqual([
      ['Ruth Ellis', 'teaching', 'Teacher of Maths'],
      ['Siân Griffiths', 'leadership', 'Headteacher'],
      ['Tom Nowak', 'support', 'Teaching Assistant'],
      ['Owen Price', 'support', 'Caretaker'],
    ])
    const wrong = await ok(core, 'people.importPreview', { type: 'staff', csv: 'Adno,DOB,Year,Reg\n1,01/01/2014,7,7A\n' })
    expect(wrong.missingFields).toEqual(['forename', 'surname'])
    expect(wrong.hint).toMatch(/look like a pupils export/)
  })

  it('refuses a damaged or oversized file with a sentence about the file', async () => {
    const { core } = await fresh()
    const damaged = await refused(core, 'people.importPreview', { type: 'pupils', csv: 'Adno,Legal Surname\n1,"Smith\n2,Jones\n' })
    expect(damaged).toMatchObject({ kind: 'validation', field: 'csv' })
    expect(damaged.message).toMatch(/never closed/)
    const huge = await refused(core, 'people.importPreview', { type: 'pupils', csv: 'x'.repeat(10 * 1024 * 1024 + 1) })
    expect(huge).toMatchObject({ field: 'csv' })
    expect(huge.message).toMatch(/at most 10 MB/)
  })
})
