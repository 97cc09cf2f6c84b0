import { afterEach, describe, expect, it } from 'vitest'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, pageWords, pdfsig, pdftotext } from './pdf-tools'

/** A winter afternoon: UK time is UTC, so 14:05 UTC prints as 14:05. A summer one is an hour ahead. */
const WINTER = Date.parse('2026-01-14T14:05:00Z')

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('the audit trail in words', () => {
  it('prints and lists names, references and UK times, never codes; finds entries by their words', async () => {
    const t = tempDir('osr-audit-words-')
    let clock = WINTER
    const core = newCore(t.dir, { now: () => clock })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const dsl = await ok(core, 'users.create', { username: 'c.okafor', displayName: 'Chidinma Okafor', role: 'dsl', password: 'harbour lantern violet seven' })
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Gruffudd', surname: 'Llŷr', dateOfBirth: '2013-03-02', yearGroup: '8', regClass: '8W' })
    const category = (await ok(core, 'incidents.categories', {}))[0]!.id
    const incident = await ok(core, 'incidents.record', {
      entry: { occurredOn: '2026-01-13', occurredTime: null, place: 'ICT suite', onSite: true, device: 'school', categoryId: category, description: 'Unkind messages in a class chat.', actionTaken: 'Spoke to the class.', childsWords: null, people: [{ personId: pupil.id, part: 'affected' }], status: 'open', outcome: null },
    })
    const { reference } = await ok(core, 'incidents.get', { id: incident.id })
    await ok(core, 'people.get', { id: pupil.id })
    clock += 60_000
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })

    // The screen's list carries what it needs to say each entry in words.
    const page = await ok(core, 'audit.list', { offset: 0, limit: 50 })
    const read = page.rows.find((r) => r.action === 'incident.read')!
    expect(read.references).toEqual({ [`incident:${incident.id}`]: `incident ${reference}` })
    expect(page.rows.find((r) => r.action === 'user.create')!.references).toEqual({ [`user:${dsl.id}`]: 'Chidinma Okafor' })
    expect(page.rows.find((r) => r.action === 'person.read')!.references).toEqual({ [`person:${pupil.id}`]: 'Gruffudd Llŷr (pupil)' })
    expect(page.rows.every((r) => r.displayName === MANAGER.displayName || r.username === null)).toBe(true)

    // Found by the words the screen shows, not only by the codes stored.
    const found = async (text: string) => (await ok(core, 'audit.list', { text, offset: 0, limit: 50 })).rows.map((r) => r.action)
    expect(await found('Signed in')).toEqual(['session.login'])
    expect(await found(reference)).toEqual(expect.arrayContaining(['incident.read', 'incident.record']))
    expect(await found('Okafor')).toEqual(['user.create'])
    expect(await found('Llŷr')).toEqual(expect.arrayContaining(['person.read', 'person.create']))

    const { file } = await issueReport(core, { type: 'audit-trail', from: '2026-01-14', to: '2026-01-14' }, t.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    for (const words of ['Set up the register', 'Signed in', 'Added a user Chidinma Okafor', `Viewed an incident incident ${reference}`, 'Gruffudd Llŷr (pupil)', 'Locked the register', 'locked by the user', '14/01/2026 14:05', '14/01/2026 14:06', MANAGER.displayName]) {
      expect(text).toContain(words)
    }
    // No code: no kind:id, no action code, no ISO date or time.
    expect(text).not.toMatch(/\b[a-z][a-z-]*:\d+\b/)
    expect(text).not.toMatch(/\b(session|incident|user|person)\.[a-z]+/i)
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d/)
    // The reference and each date with its time stay on one line: pdftotext finds them as whole words on one line.
    const words = pageWords(file).flat()
    expect(words.some((w) => w.text === reference)).toBe(true)
    const dates = words.filter((x) => x.text === '14/01/2026')
    expect(dates.length).toBeGreaterThan(5)
    for (const w of dates) {
      const time = words.find((x) => /^\d\d:\d\d$/.test(x.text) && Math.abs(x.y - w.y) < 1 && x.x > w.x && x.x - w.x < 60)
      expect(time, `the time after ${w.text}`).toBeTruthy()
    }

    // An anonymised copy of the trail names nobody.
    const anonymised = pdftotext((await issueReport(core, { type: 'audit-trail', from: '2026-01-14', to: '2026-01-14', anonymised: true }, t.dir)).file)
    for (const name of ['Chidinma', 'Okafor', 'Gruffudd', 'Llŷr', 'Bethan']) expect(anonymised).not.toContain(name)
    expect(anonymised).toContain('Added a user the DSL')
    expect(anonymised).toContain('a Year 8 pupil')
  }, 120_000)
})
