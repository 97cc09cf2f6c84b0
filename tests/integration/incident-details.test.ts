// The incident details the policies name (migration 0024): how a concern came to light, the web
// address for a filtering breach, who viewed an image in a sexual imagery incident, the Child
// Sexual Exploitation Team route and the categories KCSIE 2025 added — on real SQLCipher files.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { CAME_TO_LIGHT_LABELS, KCSIE_2025_CATEGORIES, type CameToLight } from '../../shared/domain/incidents'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { MANAGER, ok, refused } from './helpers'
import { readVaultFile } from './legacy-vault'
import { everyPageWithDatabaseKey } from './plain-pages'
import { toPreviousVersion } from './previous-version'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'
import { cameToLightCounts, cameToLightTable } from '../../electron/core/incidents/services'
import { clock, school, type School } from './people-fixtures'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

async function databaseKey(dir: string): Promise<Buffer> {
  const search = findUserSlot(readVaultFile(dir), MANAGER.username)
  if (!('found' in search)) throw new Error('no manager slot')
  return (await openUserSlot(search.found, MANAGER.password)).dbKey
}

async function categoryId(core: School['core'], name: string): Promise<number> {
  const found = (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith(name))
  if (!found) throw new Error(`no category ${name}`)
  return found.id
}

function entry(categoryId: number, extra: Partial<IncidentEntry> = {}): IncidentEntry {
  return {
    occurredOn: '2026-06-15',
    occurredTime: '11:05',
    place: 'Library computers',
    onSite: true,
    device: 'school',
    categoryId,
    description: 'A pupil reached a site the filter should have blocked.',
    actionTaken: 'Screen closed; ICT manager told.',
    childsWords: null,
    people: [],
    status: 'open',
    outcome: null,
    ...extra,
  }
}

const URL = 'https://quizzlewick-unblocker.example/play?id=42'
const WHY = 'Marlowe-Finch said the image was of her; I looked only to confirm it was youth-produced before calling police.'

/** Everything a table holds, as the database key alone reads it. */
function rawRows(dir: string, key: Buffer, sql: string): Record<string, unknown>[] {
  const raw = openRaw(join(dir, 'register.db'), key, { readonly: true })
  try {
    return raw.prepare(sql).all() as Record<string, unknown>[]
  } finally {
    raw.close()
  }
}

describe('incident details the policies name', () => {
  it('records the web address, how the concern came to light and who viewed an image, signed; none of the words is readable with the database key alone', async () => {
    s = await school(clock().now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const imagery = await categoryId(core, 'Youth-produced sexual imagery')

    const breach = await ok(core, 'incidents.record', { entry: entry(filtering, { url: `  ${URL} `, cameToLight: 'monitoring' }) })
    const image = await ok(core, 'incidents.record', {
      entry: entry(imagery, { place: 'Year 10 corridor', description: 'A pupil said a photo of her was being shared.', cameToLight: 'disclosure', imageViewed: 'dsl', imageViewedWhy: WHY }),
    })

    const b = await ok(core, 'incidents.get', { id: breach.id })
    expect(b.current.entry).toMatchObject({ url: URL, cameToLight: 'monitoring' })
    expect(b.current.entry).not.toHaveProperty('imageViewed')
    expect(b.category.asks).toEqual(['url'])
    const i = await ok(core, 'incidents.get', { id: image.id })
    expect(i.current.entry).toMatchObject({ imageViewed: 'dsl', imageViewedWhy: WHY, cameToLight: 'disclosure' })
    expect(i.category.asks).toEqual(['image-viewing'])
    expect(i.current.entry).not.toHaveProperty('url')
    expect([b.current.signature.valid, i.current.signature.valid]).toEqual([true, true])
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true, checked: 2 })

    // The log's search finds the address (its search text is sealed with the role key).
    expect((await ok(core, 'incidents.list', { text: 'quizzlewick', offset: 0, limit: 50 })).rows.map((r) => r.id)).toEqual([breach.id])

    // How it came to light is a plain column beside category and status (the annual pack counts it); the words are not.
    const key = await databaseKey(s.dir)
    expect(rawRows(s.dir, key, 'SELECT id, came_to_light FROM incidents ORDER BY id')).toEqual([
      { id: breach.id, came_to_light: 'monitoring' },
      { id: image.id, came_to_light: 'disclosure' },
    ])
    const pages = everyPageWithDatabaseKey(s.dir, key)
    expect(pages.includes(Buffer.from('incident_records'))).toBe(true) // the canary: the copy is readable
    expect(['quizzlewick', 'Marlowe-Finch', 'youth-produced before'].filter((w) => pages.includes(Buffer.from(w)))).toEqual([])

    // The plain column repeats what the signed record says: changed in the file, the check names the entry.
    await core.store.requireOpen().db('incidents').where({ id: breach.id }).update({ came_to_light: 'parent' })
    const check = await ok(core, 'incidents.verify', {})
    expect(check.ok).toBe(false)
    expect(check.problems.map((p) => p.reference)).toEqual([b.reference])
  })

  it('refuses bad details with the field and a plain reason, and records nothing', async () => {
    s = await school(clock().now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const imagery = await categoryId(core, 'Youth-produced sexual imagery')
    const cyber = await categoryId(core, 'Cyberbullying')
    const cases: [Partial<IncidentEntry> & { categoryId?: number }, string, RegExp][] = [
      [{ categoryId: imagery, imageViewed: 'dsl' }, 'entry.imageViewedWhy', /who viewed the image and why/],
      [{ categoryId: imagery, imageViewed: 'someone-else', imageViewedWhy: '   ' }, 'entry.imageViewedWhy', /who viewed the image and why/],
      [{ categoryId: imagery, imageViewedWhy: 'I looked at it.' }, 'entry.imageViewed', /whether anyone viewed the image/],
      [{ categoryId: imagery, imageViewed: 'everyone' as never }, 'entry.imageViewed', /whether anyone viewed/],
      [{ categoryId: filtering, url: 'https://a.example/\nsecond line' }, 'entry.url', /line break/],
      [{ categoryId: filtering, url: `https://${'a'.repeat(500)}.example` }, 'entry.url', /500 characters/],
      [{ categoryId: filtering, cameToLight: 'rumour' as never }, 'entry.cameToLight', /came to light/],
      // A question the category does not ask: refused by the core, naming the category.
      [{ categoryId: cyber, url: URL }, 'url', /“Cyberbullying” do not ask for a web address/],
      [{ categoryId: filtering, imageViewed: 'no-one' }, 'imageViewed', /“Filtering breach” do not ask whether anyone viewed/],
    ]
    for (const [extra, field, message] of cases) {
      const error = await refused(core, 'incidents.record', { entry: entry(extra.categoryId ?? filtering, extra) })
      expect(error.kind, JSON.stringify(extra)).toBe('validation')
      expect(error.field, JSON.stringify(extra)).toBe(field)
      expect(error.message).toMatch(message)
    }
    expect((await ok(core, 'incidents.list', { offset: 0, limit: 50 })).total).toBe(0)
    // A category's questions are the register's list.
    const bad = await refused(core, 'incidents.saveCategory', { id: cyber, name: 'Cyberbullying', steps: ['dsl-informed'], noFiles: false, ict: false, asks: ['shoe-size'] })
    expect(bad.message).toMatch(/not a question the register knows/)
    expect((await ok(core, 'incidents.categories', {})).find((c) => c.id === cyber)!.asks).toEqual([])
  })

  it('amends an entry whose category stopped asking without losing its answer, and an amendment that adds nothing new is refused', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const { id } = await ok(core, 'incidents.record', { entry: entry(filtering, { url: URL }) })
    // null and empty are "not given", as absent: the same entry again is no new version.
    const same = await refused(core, 'incidents.amend', { id, entry: entry(filtering, { url: URL, cameToLight: null as never, imageViewed: null as never, imageViewedWhy: '' }), reason: 'Saved again by mistake.' })
    expect(same.kind).toBe('conflict')

    const category = (await ok(core, 'incidents.categories', {})).find((c) => c.id === filtering)!
    await ok(core, 'incidents.saveCategory', { id: filtering, name: category.name, steps: category.steps, noFiles: false, ict: true, asks: [] })
    t.advance(60_000)
    await ok(core, 'incidents.amend', { id, entry: entry(filtering, { url: URL, cameToLight: 'staff' }), reason: 'Added how it came to light.' })
    const changed = await refused(core, 'incidents.amend', { id, entry: entry(filtering, { url: 'https://other.example', cameToLight: 'staff' }), reason: 'A different address.' })
    expect(changed.field).toBe('url')
    const detail = await ok(core, 'incidents.get', { id })
    expect(detail.versions.map((v) => [v.entry.url, v.entry.cameToLight ?? null])).toEqual([
      [URL, null],
      [URL, 'staff'],
    ])
  })

  it('prints the details in the Appendix 4 log and in the entry’s own report, signed; an older entry prints as before', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const imagery = await categoryId(core, 'Youth-produced sexual imagery')
    const cyber = await categoryId(core, 'Cyberbullying')
    const breach = await ok(core, 'incidents.record', { entry: entry(filtering, { url: URL, cameToLight: 'monitoring' }) })
    const image = await ok(core, 'incidents.record', { entry: entry(imagery, { description: 'A photo was shared in a group chat.', imageViewed: 'dsl', imageViewedWhy: WHY, cameToLight: 'disclosure' }) })
    const plain = await ok(core, 'incidents.record', { entry: entry(cyber, { description: 'Unkind comments under a pupil’s video.' }) })

    const log = await issueReport(core, { type: 'incident-log', from: '2026-06-01', to: '2026-06-30' }, s.dir)
    expect(pdfsig(log.file)).toContain('Signature is Valid.')
    const logText = pdftotext(log.file)
    expect(logText).toContain('Came to light: A monitoring or filtering alert')
    // pdftotext drops a hyphen where a cell wraps at it.
    expect(logText).toMatch(/Web address or service: https:\/\/quizzlewick-?unblocker\.example\/play\? ?id=42/)
    expect(logText).toMatch(/Image: Only the DSL \(or a deputy\) viewed it: Marlowe-?Finch said/)
    expect(logText).toContain('Came to light: The pupil told someone (a disclosure)')
    // An entry that gives none of them: its description and nothing more.
    expect(logText).toMatch(/Cyberbullying Unkind comments under a pupil’s video\. (?!Came to light)/)

    const record = await issueReport(core, { type: 'incident-record', recordId: image.id }, s.dir)
    expect(pdfsig(record.file)).toContain('Signature is Valid.')
    const recordText = pdftotext(record.file)
    expect(recordText).toContain('How it came to light The pupil told someone (a disclosure)')
    expect(recordText).toMatch(/Whether anyone viewed the image Only the DSL \(or a deputy\) viewed it: Marlowe-?Finch said/)
    expect(pdftotext((await issueReport(core, { type: 'incident-record', recordId: breach.id }, s.dir)).file)).toMatch(/Web address or service https:\/\/quizzlewick-?unblocker\.example\/play\? ?id=42/)
    const plainText = pdftotext((await issueReport(core, { type: 'incident-record', recordId: plain.id }, s.dir)).file)
    expect(plainText).toContain('How it came to light Not recorded')
    expect(plainText).not.toMatch(/Web address|viewed the image/)

    // An amendment that adds how it came to light says so among its changes.
    t.advance(60_000)
    await ok(core, 'incidents.amend', { id: plain.id, entry: entry(cyber, { description: 'Unkind comments under a pupil’s video.', cameToLight: 'parent' }), reason: 'A parent had told the office.' })
    const amended = pdftotext((await issueReport(core, { type: 'incident-record', recordId: plain.id }, s.dir)).file)
    expect(amended).toContain('A parent had told the office. — changed: how it came to light')
  })

  it('counts how concerns came to light for the annual pack, as its own SQL recounts them, from the current versions only', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const ways = ['disclosure', 'disclosure', 'monitoring', 'parent', null, 'staff', 'disclosure'] as const
    const ids: number[] = []
    for (const [i, way] of ways.entries()) {
      const day = i < 5 ? `2026-05-1${i}` : `2026-06-0${i}`
      ids.push((await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn: day, ...(way ? { cameToLight: way } : {}) }), oldDateConfirmed: true })).id)
    }
    // An amendment changes how it came to light: the current version counts.
    t.advance(60_000)
    await ok(core, 'incidents.amend', { id: ids[0]!, entry: entry(cyber, { occurredOn: '2026-05-10', cameToLight: 'other-school' }), reason: 'The other school had told us first.' })

    const { db } = core.store.requireOpen()
    const counts = await cameToLightCounts(db, '2026-05-01', '2026-06-30')
    const recount = (await db.raw('SELECT came_to_light AS way, count(*) AS n FROM incidents WHERE occurred_on BETWEEN ? AND ? GROUP BY came_to_light', ['2026-05-01', '2026-06-30'])) as { way: string | null; n: number }[]
    expect(counts.filter((c) => c.count > 0).map((c) => [c.way, c.count]).sort()).toEqual(recount.map((r) => [r.way, r.n]).sort())
    expect(Object.fromEntries(counts.map((c) => [c.label, c.count]))).toEqual({
      'A monitoring or filtering alert': 1,
      'The pupil told someone (a disclosure)': 2,
      'A member of staff noticed': 1,
      'A parent or carer told the school': 1,
      'Another school told us': 1,
      'Another way': 0,
      'Not recorded': 1,
    })
    // Only the days asked for.
    expect((await cameToLightCounts(db, '2026-06-01', '2026-06-30')).reduce((n, c) => n + c.count, 0)).toBe(2)
    const table = await cameToLightTable(db, '2026-05-01', '2026-06-30')
    expect(table.rows[1]).toEqual(['The pupil told someone (a disclosure)', { count: 2 }, { part: 2, whole: 7 }])
    expect((await cameToLightTable(db, '2025-01-01', '2025-01-31')).rows).toEqual([])
  })

  it('prints how concerns came to light as the incident log’s section of the annual pack, each figure as its own SQL recounts it; small counts held back in an anonymised copy', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    // The year 2025–26, drawn on 16 June 2026 (a part year); the last entry happened the year before.
    const ways = ['monitoring', 'monitoring', 'monitoring', 'monitoring', 'monitoring', 'monitoring', 'disclosure', 'disclosure', 'parent', null, 'monitoring'] as const
    for (const [i, way] of ways.entries()) {
      const occurredOn = i < ways.length - 1 ? `2026-0${1 + (i % 5)}-1${i % 10}` : '2025-07-14'
      const dates = i < ways.length - 1 ? { oldDateConfirmed: true } : { oldDateConfirmed: true, beforeRecordsReason: 'Copied from the paper log of last year.' }
      await ok(core, 'incidents.record', { entry: entry(cyber, { occurredOn, ...(way ? { cameToLight: way } : {}) }), ...dates })
    }
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A busy year.', priorities: 'Better monitoring.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })

    // Its own count: the plain column, the year's days, no entry opened.
    const { db } = core.store.requireOpen()
    const recount = (await db.raw("SELECT coalesce(came_to_light, '') AS way, count(*) AS n FROM incidents WHERE occurred_on BETWEEN '2025-09-01' AND '2026-06-16' GROUP BY 1")) as { way: string; n: number }[]
    const byLabel = Object.fromEntries(recount.map((r) => [r.way ? CAME_TO_LIGHT_LABELS[r.way as CameToLight] : 'Not recorded', r.n]))
    const whole = recount.reduce((sum, r) => sum + r.n, 0)
    expect(whole).toBe(10)

    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const section = figures.registers.find((r) => r.kind === 'incidents')!
    expect(section.title).toBe('How concerns came to light')
    const rows = section.tables[0]!.rows
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(Object.keys(byLabel)))
    for (const [label, count, share] of rows) {
      const n = byLabel[label as string] ?? 0
      expect([label, count, share]).toEqual([label, { count: n }, { part: n, whole }])
    }
    expect(section.headlines).toEqual([{ label: 'Incidents first flagged by monitoring or filtering', cell: { part: byLabel['A monitoring or filtering alert'], whole } }])

    const pack = await issueReport(core, { type: 'annual-review', from: '2025-09-01', to: '2026-08-31', anonymised: false }, s.dir)
    expect(pdfsig(pack.file)).toContain('Signature is Valid.')
    const text = pdftotext(pack.file)
    expect(text).toMatch(/\d+\. How concerns came to light\s+How each online safety incident/)
    expect(text).toMatch(/A monitoring or filtering alert\s+6\s+6 of 10 \(60%\)/)
    expect(text).toMatch(/The pupil told someone \(a disclosure\)\s+2\s+2 of 10 \(20%\)/)
    expect(text).toMatch(/Another school told us\s+0\s+0 of 10 \(0%\)/)
    expect(text).toMatch(/Not recorded\s+1\s+1 of 10 \(10%\)/)
    expect(text).toContain('Source: the incident log: how it came to light')
    // On the summary page too.
    expect(text).toMatch(/Incidents first flagged by monitoring or filtering\s+6 of 10 \(60%\)/)

    const anonymised = pdftotext((await issueReport(core, { type: 'annual-review', from: '2025-09-01', to: '2026-08-31', anonymised: true }, s.dir)).file)
    expect(anonymised).toMatch(/A monitoring or filtering alert\s+6\s+6 of 10 \(60%\)/)
    expect(anonymised).toMatch(/A parent or carer told the school\s+fewer than 5\s+fewer than 5 of 10 \(share not shown\)/)
  })

  it('lets the DSL record who viewed an image and the ICT manager a breach’s address; only the business manager switches categories; reception nothing', async () => {
    s = await school(clock().now)
    const { core } = s
    const filtering = await categoryId(core, 'Filtering breach')
    const imagery = await categoryId(core, 'Youth-produced sexual imagery')
    const scams = await categoryId(core, 'Scams, gambling')

    await s.as('dsl')
    const image = await ok(core, 'incidents.record', { entry: entry(imagery, { imageViewed: 'no-one', cameToLight: 'disclosure' }) })
    expect((await refused(core, 'incidents.retireCategory', { id: scams, retired: true })).kind).toBe('forbidden')
    expect((await refused(core, 'incidents.saveCategory', { id: scams, name: 'Scams', steps: ['dsl-informed'], noFiles: false, ict: false, asks: [] })).kind).toBe('forbidden')

    await s.as('ict')
    const breach = await ok(core, 'incidents.record', { entry: entry(filtering, { url: URL, cameToLight: 'monitoring' }) })
    expect((await ok(core, 'incidents.get', { id: breach.id })).current.entry.url).toBe(URL)
    expect((await refused(core, 'incidents.get', { id: image.id })).kind).toBe('not-found')
    expect((await refused(core, 'incidents.record', { entry: entry(imagery, { imageViewed: 'no-one' }) })).kind).toBe('forbidden')

    await s.as('office')
    expect((await refused(core, 'incidents.categories', {})).kind).toBe('forbidden')
    expect((await refused(core, 'incidents.record', { entry: entry(filtering, { url: URL }) })).kind).toBe('forbidden')
  })

  it('offers the Child Sexual Exploitation Team as a checklist step and a referral', async () => {
    s = await school(clock().now)
    const { core } = s
    const cse = await categoryId(core, 'Online child sexual abuse')
    const { id } = await ok(core, 'incidents.record', { entry: entry(cse, { place: 'Off site', onSite: false, device: 'personal' }) })
    await ok(core, 'incidents.setStep', { incidentId: id, step: 'cse-team', state: 'done', note: 'Spoke to the duty officer.' })
    await ok(core, 'incidents.addReferral', { incidentId: id, agency: 'Child Sexual Exploitation Team', madeOn: '2026-06-16', referenceNumber: 'CSE-0193' })
    const detail = await ok(core, 'incidents.get', { id })
    expect(detail.checklist.find((c) => c.step === 'cse-team')).toMatchObject({ label: 'Child Sexual Exploitation Team contacted', state: 'done' })
    expect(detail.referrals.map((r) => [r.agency, r.reference])).toEqual([['Child Sexual Exploitation Team', 'CSE-0193']])
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true })
  })

  it('gives a new register the KCSIE 2025 categories switched on; switched off, a category refuses new entries while its entries keep it', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const categories = await ok(core, 'incidents.categories', {})
    const added = categories.filter((c) => c.origin === 'kcsie-2025')
    expect(added.map((c) => [c.name, c.retiredAt, c.asks])).toEqual(KCSIE_2025_CATEGORIES.map((c) => [c.name, null, ['url']]))
    expect(categories).toHaveLength(13)

    const ai = added.find((c) => c.name === 'Generative AI misuse')!
    const { id } = await ok(core, 'incidents.record', { entry: entry(ai.id, { description: 'An AI-made image of a teacher was shared.', url: 'a face-swap app', cameToLight: 'parent' }) })
    await ok(core, 'incidents.retireCategory', { id: ai.id, retired: true })
    const off = await refused(core, 'incidents.record', { entry: entry(ai.id) })
    expect(off).toMatchObject({ kind: 'validation', field: 'categoryId' })
    expect(off.message).toMatch(/“Generative AI misuse” is switched off in this register\. Choose another, or ask the business manager to switch it on/)
    const again = await refused(core, 'incidents.retireCategory', { id: ai.id, retired: true })
    expect(again.message).toBe('That category is already switched off.')
    // The entry already in it keeps it, and can still be amended in it.
    t.advance(60_000)
    await ok(core, 'incidents.amend', { id, entry: entry(ai.id, { description: 'An AI-made image of a teacher was shared in a group chat.', url: 'a face-swap app', cameToLight: 'parent' }), reason: 'Where it was shared.' })
    expect((await ok(core, 'incidents.get', { id })).current.categoryName).toBe('Generative AI misuse')
    await ok(core, 'incidents.retireCategory', { id: ai.id, retired: false })
    await ok(core, 'incidents.record', { entry: entry(ai.id) })

    const audit = await ok(core, 'audit.list', { offset: 0, limit: 50 })
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['incident.category.retire', 'incident.category.restore']))
  })

  it('keeps every entry of a register made before this version exactly as it was (same records, same signatures, verifying, none of the new details) and gives it the KCSIE 2025 categories switched off', async () => {
    const t = clock()
    s = await school(t.now)
    const { core } = s
    const cyber = await categoryId(core, 'Cyberbullying')
    const imagery = await categoryId(core, 'Youth-produced sexual imagery')
    // Entries as the previous version recorded them: none of the new details (their bodies are byte for byte what it wrote).
    const first = await ok(core, 'incidents.record', { entry: entry(cyber, { childsWords: 'They keep saying I smell.' }) })
    t.advance(60_000)
    const second = await ok(core, 'incidents.record', { entry: entry(imagery, { place: 'Changing rooms' }) })
    await ok(core, 'incidents.setStep', { incidentId: second.id, step: 'police', state: 'done', note: 'Called 101.' })
    await ok(core, 'incidents.addReferral', { incidentId: second.id, agency: 'Police', madeOn: '2026-06-16', referenceNumber: 'PR-77' })
    t.advance(60_000)
    await ok(core, 'incidents.amend', { id: first.id, entry: entry(cyber, { place: 'Form room' }), reason: 'The room was wrong.' })
    const key = await databaseKey(s.dir)
    const signed = (dir: string) => rawRows(dir, key, 'SELECT id, incident_id, kind, at, user_id, signer_name, key_id, prev_hash, hash, signature FROM incident_records ORDER BY id')
    const recordsBefore = signed(s.dir)
    const before = [await ok(core, 'incidents.get', { id: first.id }), await ok(core, 'incidents.get', { id: second.id })]
    const trail = (dir: string) => rawRows(dir, key, 'SELECT * FROM audit_log ORDER BY id')
    const trailBefore = trail(s.dir)
    const exploitationSteps = (dir: string) => rawRows(dir, key, "SELECT steps FROM incident_categories WHERE name LIKE 'Online child sexual abuse%'")

    // Back to the schema and files an older version wrote (plain-text log, no role keys, none of
    // 0024's columns), then opened by this version: the real migrations run on it, 0024 among them.
    await ok(core, 'session.lock', {})
    await toPreviousVersion(s.dir, { [MANAGER.username]: MANAGER.password })
    // ...and none of 0024's rows: the older version had no KCSIE 2025 categories and no CSE Team step.
    const raw = openRaw(join(s.dir, 'register.db'), key)
    try {
      const names = KCSIE_2025_CATEGORIES.map((c) => c.name)
      // The register refuses to delete a category: its guard is set aside to make the older file, and put back.
      const [{ sql: guard }] = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'incident_categories_no_delete'").all() as [{ sql: string }]
      raw.exec('DROP TRIGGER incident_categories_no_delete')
      expect(raw.prepare(`DELETE FROM incident_categories WHERE name IN (${names.map(() => '?').join(', ')})`).run(...names).changes).toBe(3)
      raw.exec(guard)
      const [{ steps }] = raw.prepare("SELECT steps FROM incident_categories WHERE name LIKE 'Online child sexual abuse%'").all() as [{ steps: string }]
      const older = (JSON.parse(steps) as string[]).filter((step) => step !== 'cse-team')
      raw.prepare("UPDATE incident_categories SET steps = ? WHERE name LIKE 'Online child sexual abuse%'").run(JSON.stringify(older))
    } finally {
      raw.close()
    }
    const olderSteps = exploitationSteps(s.dir)
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })

    expect(signed(s.dir)).toEqual(recordsBefore)
    // The audit trail's chain, as it was: the upgrade only adds to it, and the whole still holds.
    expect(trail(s.dir).slice(0, trailBefore.length)).toEqual(trailBefore)
    expect(await ok(core, 'audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
    // The school's procedures stay as the school left them.
    expect(exploitationSteps(s.dir)).toEqual(olderSteps)
    expect(rawRows(s.dir, key, 'SELECT came_to_light FROM incidents')).toEqual([{ came_to_light: null }, { came_to_light: null }])
    const after = [await ok(core, 'incidents.get', { id: first.id }), await ok(core, 'incidents.get', { id: second.id })]
    for (const [i, detail] of after.entries()) {
      expect(detail.versions.map((v) => [v.entry, v.signature.valid, v.reason])).toEqual(before[i]!.versions.map((v) => [v.entry, true, v.reason]))
      expect(detail.chronology).toEqual(before[i]!.chronology)
      for (const v of detail.versions) for (const field of ['url', 'cameToLight', 'imageViewed', 'imageViewedWhy']) expect(v.entry).not.toHaveProperty(field)
    }
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true, checked: recordsBefore.length, problems: [] })

    // The categories KCSIE 2025 added are there, switched off, until the business manager switches one on.
    const added = (await ok(core, 'incidents.categories', {})).filter((c) => c.origin === 'kcsie-2025')
    expect(added.map((c) => c.name)).toEqual(KCSIE_2025_CATEGORIES.map((c) => c.name))
    expect(added.every((c) => c.retiredAt !== null)).toBe(true)
    const scams = added.find((c) => c.name.startsWith('Scams'))!
    expect(await refused(core, 'incidents.record', { entry: entry(scams.id) })).toMatchObject({ kind: 'validation', field: 'categoryId' })
    await ok(core, 'incidents.retireCategory', { id: scams.id, retired: false })
    t.advance(60_000)
    const third = await ok(core, 'incidents.record', { entry: entry(scams.id, { description: 'A pupil paid for a fake game upgrade.', url: 'a gaming site', cameToLight: 'parent' }) })
    expect((await ok(core, 'incidents.get', { id: third.id })).current).toMatchObject({ categoryName: scams.name, signature: { valid: true } })
    // The older entries still verify, with the new one chained after them.
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true, checked: recordsBefore.length + 1, problems: [] })
    expect(signed(s.dir).slice(0, recordsBefore.length)).toEqual(recordsBefore)
    expect(await ok(core, 'audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
  })
})
