import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_BATCH_PEOPLE } from '../../shared/domain/aup'
import { ok, refused } from './helpers'
import { auditRows, clock, school, SIGNATURE, type School } from './people-fixtures'
import { blankPages, issueReport, pageWords, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const PUPIL_TEXT = [
  'Using the school computers and the internet',
  '',
  'When I use the school’s computers I will:',
  '- keep my password to myself',
  '- tell a teacher at once about anything online that upsets me',
  '',
  'I understand the school checks the websites I visit.',
].join('\n')
const ADULT_TEXT = 'I will use the school’s systems for my work only, keep my password to myself and report anything that worries me to the DSL.'

/** A school on the first Thursday of September 2026: this year's texts, class 7A of three, 7B of one, four staff. */
async function setUp() {
  const time = clock('2026-09-10T09:00:00Z')
  const s = await school(time.now)
  open.push(s)
  const { core } = s
  const adults = await ok(core, 'aup.publish', { title: 'Acceptable use: adults', versionLabel: '2026–27', audiences: ['staff', 'governors', 'volunteers', 'visitors'], effectiveFrom: '2026-09-01', body: ADULT_TEXT })
  const pupils = await ok(core, 'aup.publish', { title: 'Acceptable use: pupils and parents', versionLabel: '2026–27', audiences: ['pupils-ks3-5'], effectiveFrom: '2026-09-01', body: PUPIL_TEXT })
  const pupil = (forename: string, surname: string, regClass: string, n: number) =>
    ok(core, 'people.create', { kind: 'pupil', forename, surname, dateOfBirth: `2014-02-1${n}`, yearGroup: '7', regClass, username: `p${n}` })
  // Made out of alphabetical order: the register prints and lists them by surname.
  const cai = await pupil('Cai', 'Williams', '7A', 1)
  const sian = await pupil('Siân', 'Ŵyn', '7A', 2)
  const aled = await pupil('Aled', 'Evans', '7A', 3)
  const bea = await pupil('Bea', 'Evans', '7B', 4)
  const staff = (forename: string, staffGroup: 'teaching' | 'support') => ok(core, 'people.create', { kind: 'staff', forename, surname: 'Jones', staffGroup })
  const dee = await staff('Dee', 'teaching')
  const efa = await staff('Efa', 'teaching')
  const fern = await staff('Fern', 'support')
  return { ...s, time, adults, pupils, aled, bea, cai, sian, dee, efa, fern }
}

const CLASS_7A = { kind: 'class' as const, yearGroup: '7' as const, regClass: '7A' }
const TEACHING = { kind: 'staff' as const, staffGroup: 'teaching' as const }

async function agreementCount(s: School) {
  const [{ n }] = (await s.core.store.requireOpen().db('agreements').count({ n: '*' })) as [{ n: number }]
  return Number(n)
}

describe('recording a class’s paper agreements in one go', () => {
  it('records each ticked person with their date and parent or carer, one audit entry each, in one call', async () => {
    const s = await setUp()
    const result = await ok(s.core, 'agreements.recordPaperBatch', {
      group: CLASS_7A,
      versionId: s.pupils.id,
      paperReceivedOn: '2026-09-10',
      entries: [
        { personId: s.aled.id, agreedOn: '2026-09-08', parentName: 'Gwen Evans' },
        { personId: s.sian.id, agreedOn: '2026-09-09', parentName: 'Rhys Ŵyn' },
      ],
    })
    expect(result.recorded).toBe(2)
    const audit = await auditRows(s.core, 'agreement.record')
    expect(audit).toHaveLength(2)
    expect(audit.map((a) => a.target)).toEqual(result.agreements.map((a) => `agreement:${a.agreementId}`))
    expect(audit.map((a) => a.detail)).toEqual([`person:${s.aled.id}, aup:${s.pupils.id}, paper, one of 2 recorded together`, `person:${s.sian.id}, aup:${s.pupils.id}, paper, one of 2 recorded together`])
    const [aled] = await ok(s.core, 'agreements.forPerson', { personId: s.aled.id })
    expect(aled).toMatchObject({ method: 'paper', agreedOn: '2026-09-08', paperReceivedOn: '2026-09-10', parentName: 'Gwen Evans', parentAgreedOn: '2026-09-08', witnessedBy: 'Bethan Manager' })
    const status = await ok(s.core, 'aup.status', { yearGroup: '7', regClass: '7A', offset: 0, limit: 100 })
    expect(Object.fromEntries(status.rows.map((r) => [r.displayName, r.standing]))).toEqual({ 'Aled Evans': 'current', 'Siân Ŵyn': 'current', 'Cai Williams': 'never' })
  })

  it('records a staff group without parents, and refuses a parent’s name for an adult', async () => {
    const s = await setUp()
    const before = await agreementCount(s)
    const adult = await refused(s.core, 'agreements.recordPaperBatch', {
      group: TEACHING,
      versionId: s.adults.id,
      paperReceivedOn: '2026-09-10',
      entries: [{ personId: s.dee.id, agreedOn: '2026-09-10', parentName: 'Someone' }],
    })
    expect(adult).toMatchObject({ kind: 'validation', field: 'entries.0.parentName' })
    expect(adult.message).toMatch(/^Dee Jones: Only pupils’ agreements have a parent or carer/)
    expect(await agreementCount(s)).toBe(before)
    const done = await ok(s.core, 'agreements.recordPaperBatch', {
      group: TEACHING,
      versionId: s.adults.id,
      paperReceivedOn: '2026-09-10',
      entries: [
        { personId: s.dee.id, agreedOn: '2026-09-10' },
        { personId: s.efa.id, agreedOn: '2026-09-07' },
      ],
    })
    expect(done.recorded).toBe(2)
    expect(await auditRows(s.core, 'agreement.record')).toHaveLength(2)
  })

  it('refuses the whole batch when one row is wrong and saves nothing: no agreement, no audit entry', async () => {
    const s = await setUp()
    const good = { personId: s.aled.id, agreedOn: '2026-09-08', parentName: 'Gwen Evans' }
    const batch = (entries: unknown[], group: unknown = CLASS_7A) => ({ group, versionId: s.pupils.id, paperReceivedOn: '2026-09-10', entries })
    const before = { agreements: await agreementCount(s), audit: (await auditRows(s.core, 'agreement.record')).length }

    // A pupil of another class ticked with this one.
    const outsider = await refused(s.core, 'agreements.recordPaperBatch', batch([good, { personId: s.bea.id, agreedOn: '2026-09-08', parentName: 'Gwen Evans' }]))
    expect(outsider).toMatchObject({ kind: 'validation', field: 'entries.1.personId', message: 'Bea Evans is not in Class 7A (Year 7), so their agreement cannot be recorded with this group. Record it with their own group.' })
    // A member of staff in a class's batch, and a pupil in a staff group's.
    expect((await refused(s.core, 'agreements.recordPaperBatch', batch([{ personId: s.dee.id, agreedOn: '2026-09-08' }]))).message).toMatch(/^Dee Jones is not in Class 7A/)
    expect((await refused(s.core, 'agreements.recordPaperBatch', { ...batch([good], TEACHING), versionId: s.adults.id })).message).toMatch(/^Aled Evans is not in Teaching staff/)
    // A missing parent or carer, a date in the future, the same pupil twice, the wrong version.
    const noParent = await refused(s.core, 'agreements.recordPaperBatch', batch([good, { personId: s.cai.id, agreedOn: '2026-09-08' }]))
    expect(noParent).toMatchObject({ field: 'entries.1.parentName', message: 'Give the name of the parent or carer who agreed for Cai Williams.' })
    const future = await refused(s.core, 'agreements.recordPaperBatch', batch([{ ...good, agreedOn: '2026-09-11' }]))
    expect(future).toMatchObject({ field: 'entries.0.agreedOn', message: 'Aled Evans: The date they agreed is in the future.' })
    expect((await refused(s.core, 'agreements.recordPaperBatch', batch([good, good]))).message).toBe('Aled Evans is in the list twice. Refresh the list and tick again.')
    expect((await refused(s.core, 'agreements.recordPaperBatch', { ...batch([good]), versionId: s.adults.id })).field).toBe('entries.0.versionId')
    // A class with nobody in it, an empty tick list, and more rows than one call takes.
    expect(await refused(s.core, 'agreements.recordPaperBatch', batch([good], { ...CLASS_7A, regClass: '7Z' }))).toMatchObject({ field: 'group', message: expect.stringMatching(/^Nobody at the school is in Class 7Z/) })
    expect(await refused(s.core, 'agreements.recordPaperBatch', batch([]))).toMatchObject({ field: 'entries', message: 'Tick at least one person whose signed sheet came back.' })
    const tooMany = Array.from({ length: MAX_BATCH_PEOPLE + 1 }, () => good)
    expect(await refused(s.core, 'agreements.recordPaperBatch', batch(tooMany))).toMatchObject({ field: 'entries', message: `Record at most ${MAX_BATCH_PEOPLE} agreements at a time.` })
    expect((await refused(s.core, 'agreements.recordPaperBatch', batch([{ ...good, parentName: 'x'.repeat(101) }]))).field).toBe('entries.0.parentName')

    expect(await agreementCount(s)).toBe(before.agreements)
    expect(await auditRows(s.core, 'agreement.record')).toHaveLength(before.audit)
  })

  it('is the business manager’s: the head, DSL, ICT manager and reception are refused', async () => {
    const s = await setUp()
    for (const role of ['head', 'dsl', 'ict', 'office'] as const) {
      await s.as(role)
      const r = await refused(s.core, 'agreements.recordPaperBatch', { group: CLASS_7A, versionId: s.pupils.id, paperReceivedOn: '2026-09-10', entries: [{ personId: s.aled.id, agreedOn: '2026-09-08', parentName: 'Gwen Evans' }] })
      expect(r.kind).toBe('forbidden')
    }
    await s.as('manager')
    expect(await agreementCount(s)).toBe(0)
  })
})

describe('agreements signed by a typed name', () => {
  it('takes a typed name only with the witness’s confirmation, never with a drawing as well', async () => {
    const s = await setUp()
    const base = { personId: s.dee.id, versionId: s.adults.id, agreedOn: '2026-09-10', method: 'on-screen' as const }
    expect(await refused(s.core, 'agreements.record', { ...base, typedSignature: 'Dee Jones' })).toMatchObject({ field: 'witnessed', message: 'A typed name needs a witness: confirm that you saw Dee Jones agree.' })
    expect((await refused(s.core, 'agreements.record', { ...base, typedSignature: 'Dee Jones', witnessed: true, signaturePng: SIGNATURE })).field).toBe('typedSignature')
    expect((await refused(s.core, 'agreements.record', { ...base })).message).toBe('Ask Dee Jones to sign in the box on screen, or type their name and confirm you witnessed it.')
    const a = await ok(s.core, 'agreements.record', { ...base, typedSignature: 'Dee Jones', witnessed: true })
    expect(a).toMatchObject({ method: 'on-screen', hasSignature: false, typedSignature: 'Dee Jones', witnessedBy: 'Bethan Manager' })
  })

  it('signs a visitor in at the desk with a typed name and a witness', async () => {
    const s = await setUp()
    await s.as('office')
    const visitor = await ok(s.core, 'visitors.register', { kind: 'visitor', forename: 'Ifan', surname: 'Morgan', dbs: { status: 'not-needed' } })
    const visit = await ok(s.core, 'visits.signIn', { personId: visitor.id, purpose: 'Fixing the wifi', hostName: 'Office', usesIct: true, agreement: { versionId: s.adults.id, typedSignature: 'Ifan Morgan', witnessed: true } })
    expect(visit.agreementId).not.toBeNull()
    await s.as('manager')
    const [agreement] = await ok(s.core, 'agreements.forPerson', { personId: visitor.id })
    expect(agreement).toMatchObject({ typedSignature: 'Ifan Morgan', hasSignature: false, witnessedBy: 'A office' })
  })
})

/** The text of each page, whitespace folded. */
function pageTexts(file: string): string[] {
  return pageWords(file).map((words) => words.map((w) => w.text).join(' '))
}

const imagesIn = (file: string) =>
  execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim()).length

describe('printed agreements', () => {
  it('prints a blank agreement for one audience of a version, signed, with the lines the policy’s form has', async () => {
    const s = await setUp()
    const out = join(s.dir, 'out')
    const { file, report } = await issueReport(s.core, { type: 'aup-blank', recordId: s.pupils.id }, out)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    qpdfCheck(file)
    const text = pdftotext(file)
    expect(text).toContain('Acceptable use: pupils and parents')
    expect(text).toContain('Pupils in Years 7 to 13, with their parent or carer · version 2026–27, in effect from 01/09/2026')
    expect(text).toContain('Ysgol Gymraeg Llanfair') // the school's name in the header
    for (const line of ['Name of pupil', 'Class', 'Signed (pupil)', 'Name of parent or carer', 'Signed (parent or carer)', 'keep my password to myself', 'I understand the school checks the websites I visit.']) expect(text).toContain(line)
    // The form fills its page; the signature block follows it.
    expect(report).toMatchObject({ type: 'aup-blank', signed: true })
    expect(pageTexts(file)[0]).toContain('Please sign and return this sheet to the school office.')
    expect(pageTexts(file)[0]).toContain('Signed (parent or carer) Date')

    // A text for several groups asks which one; for staff there is no parent or carer.
    expect(await refused(s.core, 'reports.start', { type: 'aup-blank', recordId: s.adults.id, anonymised: false })).toMatchObject({ field: 'audience' })
    expect(await refused(s.core, 'reports.start', { type: 'aup-blank', recordId: s.adults.id, audience: 'pupils-ks2', anonymised: false })).toMatchObject({ field: 'audience' })
    const staff = await issueReport(s.core, { type: 'aup-blank', recordId: s.adults.id, audience: 'staff' }, out)
    const staffText = pdftotext(staff.file)
    expect(staffText).toContain('Name of staff member')
    expect(staffText).toContain('Signed (staff member)')
    expect(staffText).not.toContain('parent or carer')
  })

  it('prints a copy of what someone signed: the drawn signature, or the typed name and witness, and the dates', async () => {
    const s = await setUp()
    const out = join(s.dir, 'out')
    const drawn = await ok(s.core, 'agreements.record', { personId: s.dee.id, versionId: s.adults.id, agreedOn: '2026-09-09', method: 'on-screen', signaturePng: SIGNATURE })
    const copy = await issueReport(s.core, { type: 'aup-signed', recordId: drawn.id }, out)
    expect(pdfsig(copy.file)).toContain('Signature is Valid.')
    const text = pdftotext(copy.file)
    for (const words of ['Dee Jones', 'Teaching staff', 'Acceptable use: adults, version 2026–27', 'Agreed on 09/09/2026', 'Signed on screen', 'Signature drawn on screen', 'Witnessed and recorded by Bethan Manager on 10/09/2026 10:00', ADULT_TEXT]) {
      expect(text).toContain(words)
    }
    expect(imagesIn(copy.file)).toBeGreaterThanOrEqual(1)

    const typed = await ok(s.core, 'agreements.record', { personId: s.efa.id, versionId: s.adults.id, agreedOn: '2026-09-10', method: 'on-screen', typedSignature: 'Efa Jones', witnessed: true })
    const typedText = pdftotext((await issueReport(s.core, { type: 'aup-signed', recordId: typed.id }, out)).file)
    expect(typedText).toContain('Agreed on screen by typing their name')
    expect(typedText).toContain('Signed by typing their name Efa Jones Typed on screen in front of Bethan Manager, who confirmed they saw them agree.')

    const { agreements } = await ok(s.core, 'agreements.recordPaperBatch', { group: CLASS_7A, versionId: s.pupils.id, paperReceivedOn: '2026-09-10', entries: [{ personId: s.sian.id, agreedOn: '2026-09-08', parentName: 'Rhys Ŵyn' }] })
    const paperText = pdftotext((await issueReport(s.core, { type: 'aup-signed', recordId: agreements[0]!.agreementId }, out)).file)
    for (const words of ['Siân Ŵyn', 'Class 7A, Year 7', 'Signed paper copy', 'Paper copy received 10/09/2026', 'Parent or carer Rhys Ŵyn, agreed on 08/09/2026', 'Signed on paper: the school keeps the signed sheet.']) expect(paperText).toContain(words)

    // With names replaced by initials, the signature is left out too.
    const anon = await issueReport(s.core, { type: 'aup-signed', recordId: drawn.id, anonymised: true }, out)
    expect(pdftotext(anon.file)).not.toContain('Dee Jones')
    expect(imagesIn(anon.file)).toBe(0)
  })

  it('prints a class’s sheets: one agreement per pupil, each starting its own page with their name and class', async () => {
    const s = await setUp()
    const { file, report } = await issueReport(s.core, { type: 'aup-sheets', group: CLASS_7A }, join(s.dir, 'out'))
    expect(pdfsig(file)).toContain('Signature is Valid.')
    qpdfCheck(file)
    expect(blankPages(file)).toEqual([])
    const pages = pageTexts(file)
    // Each form starts a page with the agreement's title; the signature block may take a last page of its own.
    const starts = pages.flatMap((p, i) => (/^OFFICIAL-SENSITIVE Ysgol Gymraeg Llanfair Acceptable use: pupils and parents/.test(p) ? [i] : []))
    expect(starts).toHaveLength(3)
    const names = starts.map((i) => /Name of pupil (.+?) Class/.exec(pages[i]!)?.[1])
    expect(names).toEqual(['Aled Evans', 'Cai Williams', 'Siân Ŵyn'])
    for (const i of starts) {
      expect(pages[i]).toContain('Class 7A, Year 7')
      expect(pages[i]).toContain('Signed (parent or carer)')
    }
    // Nobody from another class.
    expect(pages.join(' ')).not.toContain('Bea Evans')
    expect(report.pageCount).toBeGreaterThanOrEqual(3)
    expect(report.fileName).toContain('Class 7A (Year 7), 3 people')

    // A staff group's sheets carry their staff group.
    const staff = pageTexts((await issueReport(s.core, { type: 'aup-sheets', group: TEACHING }, join(s.dir, 'out'))).file)
    expect(staff.filter((p) => p.includes('Name of staff member Dee Jones Group Teaching staff') || p.includes('Name of staff member Efa Jones Group Teaching staff'))).toHaveLength(2)
    expect(staff.join(' ')).not.toContain('Fern Jones')
  })

  it('uses the lines a school’s pasted form has of its own, pre-printing the name there and asking the parent or carer’s name', async () => {
    const s = await setUp()
    const form = ['Name of pupil:', '', 'I will keep my password to myself.', '', 'Signed (pupil):', '', 'Date:', '', 'Parent/carer’s agreement: I agree my child may use the school’s computers.', '', 'Signed (parent/carer):', '', 'Date:'].join('\n')
    await ok(s.core, 'aup.publish', { title: 'Pupils’ agreement as pasted', versionLabel: '2026–27b', audiences: ['pupils-ks3-5'], effectiveFrom: '2026-09-02', body: form })
    const pages = pageTexts((await issueReport(s.core, { type: 'aup-sheets', group: CLASS_7A }, join(s.dir, 'out'))).file)
    const aled = pages.find((p) => p.includes('Aled Evans'))!
    // Each line once, in the school's order, with the parent or carer's name asked before they sign.
    expect(aled.match(/Name of pupil/g)).toHaveLength(1)
    expect(aled.match(/Signed \(pupil\)/g)).toHaveLength(1)
    expect(aled).toMatch(/Class Class 7A, Year 7 Name of pupil Aled Evans I will keep my password to myself\. Signed \(pupil\) Date Parent\/carer’s agreement: .* Name of parent or carer Signed \(parent\/carer\)/)
    // A date beside each signature, and no other.
    expect(aled.match(/\bDate\b/g)).toHaveLength(2)
    expect(aled).not.toContain('Signed (parent or carer)')
  })

  it('starts every form on a new page with no blank page between, however close a text comes to filling its page', async () => {
    const s = await setUp()
    // Texts two lines longer each time, across the length where a form stops fitting on one page.
    const pagesPerForm = new Set<number>()
    for (let rules = 22; rules <= 36; rules += 2) {
      const body = Array.from({ length: rules }, (_, i) => `Rule ${i + 1}: I will use the school’s systems sensibly.`).join('\n\n')
      await ok(s.core, 'aup.publish', { title: `Staff agreement with ${rules} rules`, versionLabel: `v${rules}`, audiences: ['staff'], effectiveFrom: '2026-09-01', body })
      const { file } = await issueReport(s.core, { type: 'aup-sheets', group: TEACHING }, join(s.dir, 'out'))
      expect(blankPages(file), `${rules} rules`).toEqual([])
      const pages = pageTexts(file)
      const starts = pages.flatMap((p, i) => (p.includes(`Staff agreement with ${rules} rules`) && /Name of staff member (Dee|Efa) Jones/.test(p) ? [i] : []))
      expect(starts, `${rules} rules`).toHaveLength(2)
      // What runs over from Dee's form (rules, or only the lines to sign) is Dee's: no one else's form starts there.
      expect(pages.slice(starts[0]! + 1, starts[1]).every((p) => /Rule|Signed|Date/.test(p) && !p.includes('Name of staff member'))).toBe(true)
      pagesPerForm.add(starts[1]! - starts[0]!)
    }
    expect([...pagesPerForm].sort()).toEqual([1, 2])
  })

  it('refuses sheets for a group whose agreement has no text yet, and a group with nobody in it', async () => {
    const s = await setUp()
    await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Gwil', surname: 'Price', dateOfBirth: '2019-03-01', yearGroup: '2', regClass: '2P' })
    expect(await refused(s.core, 'reports.start', { type: 'aup-sheets', group: { kind: 'class', yearGroup: '2', regClass: '2P' }, anonymised: false })).toMatchObject({
      kind: 'conflict',
      message: 'There is no agreement text in force for pupils in reception to year 2 (agreed by a parent or carer) yet, so nothing was printed. Publish one under Agreements first.',
    })
    expect((await refused(s.core, 'reports.start', { type: 'aup-sheets', group: { ...CLASS_7A, regClass: '9Q' }, anonymised: false })).field).toBe('group')
    expect((await refused(s.core, 'reports.start', { type: 'aup-sheets', anonymised: false })).field).toBe('group')
  })

  it('lets the roles that see agreements print them: the ICT manager the blank forms and sheets, not a signed copy; reception none', async () => {
    const s = await setUp()
    const a = await ok(s.core, 'agreements.record', { personId: s.dee.id, versionId: s.adults.id, agreedOn: '2026-09-09', method: 'on-screen', signaturePng: SIGNATURE })
    await s.as('ict')
    const out = join(s.dir, 'out')
    // The ICT manager does not hold the school's certificate: the copy is issued unsigned, and entered in the register.
    expect((await issueReport(s.core, { type: 'aup-sheets', group: TEACHING }, out)).report.signed).toBe(false)
    expect((await issueReport(s.core, { type: 'aup-blank', recordId: s.pupils.id }, out)).report.signed).toBe(false)
    expect((await refused(s.core, 'reports.start', { type: 'aup-signed', recordId: a.id, anonymised: false })).kind).toBe('forbidden')
    await s.as('office')
    for (const input of [{ type: 'aup-blank', recordId: s.pupils.id }, { type: 'aup-sheets', group: TEACHING }, { type: 'aup-signed', recordId: a.id }]) {
      expect((await refused(s.core, 'reports.start', { ...input, anonymised: false })).kind).toBe('forbidden')
    }
    await s.as('dsl')
    expect((await issueReport(s.core, { type: 'aup-signed', recordId: a.id }, out)).report.type).toBe('aup-signed')
  })
})
