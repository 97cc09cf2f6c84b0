import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { DEMO_PASSWORD, type DemoScale } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import type { IncidentDetail } from '../../shared/domain/incidents'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

/**
 * The demo schools are shown to governors, so what they hold must read true: this seeds the
 * small primary and the large secondary as the demo command does (without the large school's
 * million audit entries, which carry no record content) and checks the records against facts
 * worked out here from the directory, not from the seeders' own tables.
 */

/** A Tuesday in term, half past ten in the morning (UK time is GMT in November). */
const NOW = Date.parse('2026-11-24T10:30:00Z')
const TODAY = '2026-11-24'

interface Phase {
  first: number
  last: number
  /** Words that have no place in this phase's records. */
  foreign: RegExp
}
const PHASES: Record<DemoScale, Phase> = {
  // Reception is year 0.
  small: { first: 0, last: 6, foreign: /\bYear (?:[7-9]|1[0-3])\b|sixth form|common room|form room|form tutor|head of year|Key Stage [345]\b|\bKS[345]\b|GCSE|A level|canteen|careers|coursework|humanities/i },
  large: { first: 7, last: 13, foreign: /\bYear [1-6]\b|\bReception class|Nursery|Key Stage [12]\b|\bKS[12]\b|\bEYFS\b|class teacher|phonics|picture login/i },
}

const yearNumber = (y: string) => (y === 'R' ? 0 : Number(y))
const yearLabel = (n: number) => (n === 0 ? 'Reception' : `Year ${n}`)
const academicYearOf = (day: string) => Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)
function ageOn(dob: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dob.slice(0, 4))
  return day.slice(5) < dob.slice(5) ? years - 1 : years
}

/** What each category's actions and closing notes must speak of. */
const CATEGORY_WORDS: [RegExp, RegExp][] = [
  [/^Youth-produced/, /image|picture|photo|phone|device|nude|delet|report remove|platform/i],
  [/^Online child sexual/, /CEOP|police|social work|contact|account|adult|game|meet|exploit|parent|carer|plan/i],
  [/^Indecent images/, /IWF|police|image|device|link|LADO|switched off|locked/i],
  [/^Radicalisation/, /Prevent|extrem|video|search|Channel|views|discussion|group|propaganda/i],
  [/^Cyberbullying/, /messag|chat|group|bully|account|platform|block|report|friend|restorative|comment|photo|game/i],
  [/^Online hate/, /comment|post|meme|hate|racis|homophob|respect|report|removed|apolog|language/i],
  [/^Filtering breach/, /filter|block|site|provider|proxy|category|search|laptop|tablet|iPad|monitoring|VPN/i],
  [/^Staff misuse/, /headteacher|LADO|staff|conduct|policy|device|photo|account|HR|personal/i],
  [/^Data or security breach/, /data|email|password|DPO|data protection|ICO|phish|laptop|account|encrypt|recipient|access/i],
]

interface Pupil {
  id: number
  year_group: string
  date_of_birth: string
  left_on: string | null
  archived_at: string | null
}

interface Seeded {
  core: Core
  pupils: Map<number, Pupil>
  details: IncidentDetail[]
  cleanup: () => Promise<void>
}

async function seeded(scale: DemoScale): Promise<Seeded> {
  const t = tempDir(`osr-demo-${scale}-`)
  const core = newCore(t.dir, { now: () => NOW })
  await setUpSchool(core)
  const ctx = demoContext(core, scale, DEMO_PASSWORD)
  for (const seeder of core.features.demo) if (seeder.name !== 'Audit trail history') await seeder.seed(ctx)
  const { db } = core.store.requireOpen()
  const pupils = new Map(((await db('people').where({ kind: 'pupil' }).select('id', 'year_group', 'date_of_birth', 'left_on', 'archived_at')) as Pupil[]).map((p) => [p.id, p]))

  // Incident contents are sealed with the safeguarding key: opened through the core, as the DSL.
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: 's.griffiths', password: DEMO_PASSWORD })
  await ok(core, 'account.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'orchard lantern pebble quiet' })
  const ids = (await core.store.requireOpen().db('incidents').orderBy('id').pluck('id')) as number[]
  // Every entry of the small school; every fifth of the large school's ten years.
  const chosen = scale === 'small' ? ids : ids.filter((_, i) => i % 5 === 0)
  const details: IncidentDetail[] = []
  for (const id of chosen) details.push(await ok(core, 'incidents.get', { id }))
  return {
    core,
    pupils,
    details,
    cleanup: async () => {
      await core.close()
      t.cleanup()
    },
  }
}

function texts(d: IncidentDetail): string[] {
  return [
    ...d.versions.flatMap((v) => [v.entry.place, v.entry.description, v.entry.actionTaken, v.entry.childsWords ?? '', v.entry.outcome ?? '', v.reason ?? '']),
    ...d.checklist.map((s) => s.note ?? ''),
  ].filter(Boolean)
}

/** The checks below, for one school; `min` sets the counts a school of its size must reach. */
function checks(scale: DemoScale, get: () => Seeded, min: { outcomes: number; onSite: number }) {
  const phase = PHASES[scale]

  it('searches pupils on roll in the older years, by senior staff, this school year; links them to incidents naming the pupil; keeps some phones at the office', async () => {
    const { core, pupils } = get()
    const searches = await ok(core, 'searches.list', { from: null, to: null, text: '' })
    expect(searches.length).toBeGreaterThan(0)
    const older = scale === 'small' ? ['5', '6'] : ['7', '8', '9', '10', '11', '12', '13']
    for (const summary of searches) {
      const search = await ok(core, 'searches.get', { id: summary.id })
      expect(search.searchedOn >= '2026-09-01' && search.searchedOn <= '2026-11-24', search.reference).toBe(true)
      const pupil = pupils.get(search.pupil.personId)!
      expect(pupil.archived_at, search.reference).toBeNull()
      expect(older).toContain(pupil.year_group)
      expect(search.searcher.description, search.reference).not.toBe('')
      // A primary has no Head of Year or pastoral base.
      if (scale === 'small') expect(search.place, search.reference).not.toMatch(/Head of Year|pastoral/i)
      if (search.incident) {
        const incident = await ok(core, 'incidents.get', { id: search.incident.id })
        expect(incident.current.people.map((p) => p.personId)).toContain(search.pupil.personId)
        expect(incident.current.entry.occurredOn).toBe(search.searchedOn)
      }
    }
    const items = await ok(core, 'confiscations.list', { state: 'all' })
    expect(items.filter((i) => i.state === 'held').length).toBeGreaterThan(0)
    for (const i of items) {
      expect(older).toContain(pupils.get(i.pupil.personId)!.year_group)
      if (i.state === 'returned') expect(i.returnedOn! >= i.takenOn).toBe(true)
    }
  })

  it('holds pupils only in the phase’s year groups, each born in the right school year', () => {
    for (const p of get().pupils.values()) {
      const year = yearNumber(p.year_group)
      expect(year).toBeGreaterThanOrEqual(phase.first)
      expect(year).toBeLessThanOrEqual(phase.last)
      // Years are counted at the last day the pupil was on roll (today, or the day they left).
      const at = p.left_on ?? TODAY
      const born = academicYearOf(p.date_of_birth)
      expect(academicYearOf(at) - born - 5, `pupil ${p.id} born ${p.date_of_birth} in ${p.year_group} at ${at}`).toBe(year)
    }
  })

  it('names in each incident only pupils on roll that day, in the year group they were in then', () => {
    const { pupils, details } = get()
    let named = 0
    for (const d of details) {
      const first = d.versions[0]!
      const day = first.entry.occurredOn
      for (const person of first.people) {
        const p = pupils.get(person.personId)
        if (!p) continue
        named++
        const lastDay = p.left_on ?? TODAY
        expect(day <= lastDay, `${d.reference}: pupil ${p.id} left on ${p.left_on} before ${day}`).toBe(true)
        const then = yearNumber(p.year_group) - (academicYearOf(lastDay) - academicYearOf(day))
        expect(then, `${d.reference} on ${day}: pupil ${p.id} (${p.year_group} on ${lastDay}) had not joined`).toBeGreaterThanOrEqual(phase.first)
        expect(person.description.startsWith(yearLabel(then)), `${d.reference} on ${day}: "${person.description}" for a pupil then in ${yearLabel(then)}`).toBe(true)
      }
    }
    expect(named).toBeGreaterThan(details.length)
  })

  it('states no place, year or age that does not fit the phase or the pupils named', () => {
    const { pupils, details } = get()
    for (const d of details) {
      const day = d.versions[0]!.entry.occurredOn
      const named = d.versions[0]!.people.map((p) => pupils.get(p.personId)).filter((p): p is Pupil => !!p)
      const yearsThen = d.versions[0]!.people.map((p) => /^(Reception|Year \d+)/.exec(p.description)?.[1]).filter(Boolean)
      for (const text of texts(d)) {
        expect(phase.foreign.test(text), `${d.reference}: "${text}"`).toBe(false)
        for (const m of text.matchAll(/\b(Reception|Year \d{1,2})\b/g)) expect(yearsThen, `${d.reference}: "${text}" names ${m[1]}`).toContain(m[1])
        for (const m of text.matchAll(/\b(?:is|aged|age) (\d{1,2})\b|\b(\d{1,2})[- ]year[- ]old/g)) {
          const age = Number(m[1] ?? m[2])
          expect(
            named.map((p) => ageOn(p.date_of_birth, day)),
            `${d.reference}: "${text}" states an age of ${age}`,
          ).toContain(age)
        }
      }
    }
  })

  it('has actions and closing notes that fit the category, in many different words', () => {
    const { details } = get()
    const outcomes = new Set<string>()
    for (const d of details) {
      const words = CATEGORY_WORDS.find(([name]) => name.test(d.current.categoryName))?.[1]
      if (words) {
        expect(words.test(d.versions[0]!.entry.actionTaken), `${d.reference} (${d.current.categoryName}): "${d.versions[0]!.entry.actionTaken}"`).toBe(true)
        if (d.current.entry.outcome) expect(words.test(d.current.entry.outcome), `${d.reference} (${d.current.categoryName}): "${d.current.entry.outcome}"`).toBe(true)
      }
      if (d.current.entry.outcome) outcomes.add(d.current.entry.outcome)
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(min.outcomes)
  })

  it('is recorded by several people, the safeguarding lead most, the ICT manager the filtering and security entries', async () => {
    const { core, details } = get()
    const users = (await core.store.requireOpen().db('users').select('display_name', 'role')) as { display_name: string; role: string }[]
    const roleOf = new Map(users.map((u) => [u.display_name, u.role]))
    const byRole = new Map<string, number>()
    const recorders = new Set<string>()
    for (const d of details) {
      const who = d.versions[0]!.recordedByName
      recorders.add(who)
      byRole.set(roleOf.get(who)!, (byRole.get(roleOf.get(who)!) ?? 0) + 1)
      if (roleOf.get(who) === 'ict') expect(d.category.ict).toBe(true)
    }
    expect(recorders.size).toBeGreaterThanOrEqual(3)
    const most = [...byRole.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    expect(most).toBe('dsl')
    expect(byRole.get('ict') ?? 0).toBeGreaterThan(0)
  })

  it('has people signed in at reception at the demo’s now, with hosts, and visits that fit who came', async () => {
    const { core } = get()
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'z.fairbairn', password: DEMO_PASSWORD })
    await ok(core, 'account.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'orchard lantern pebble quiet' })
    const onSite = await ok(core, 'visits.onSite', {})
    expect(onSite.visits.length).toBeGreaterThanOrEqual(min.onSite)
    for (const v of onSite.visits) {
      expect(v.signedInAt.slice(0, 10)).toBe(TODAY)
      expect(v.signedInAt >= `${TODAY}T07:30`).toBe(true)
      expect(v.hostName).not.toBe('')
    }
    expect(new Set(onSite.visits.map((v) => v.organisation)).size).toBeGreaterThanOrEqual(Math.min(3, min.onSite))
    // Public bodies do not come to deliver parcels or mend the boiler.
    const rows = (await core.store.requireOpen().db.raw(
      "SELECT p.organisation, v.purpose FROM visits v JOIN people p ON p.id = v.person_id WHERE p.organisation IS NOT NULL",
    )) as { organisation: string; purpose: string }[]
    const publicBody = /Ofsted|NHS|Police|Council|NSPCC|Psycholog|Therapy|SEND|University|Church/
    const trade = /Delivery|Maintenance|Fire alarm|Photographs|Music lesson|Grounds|Catering/
    for (const r of rows) expect(publicBody.test(r.organisation) && trade.test(r.purpose), `${r.organisation}: ${r.purpose}`).toBe(false)
    for (const r of rows) expect(phase.foreign.test(r.purpose), r.purpose).toBe(false)
  })

  it('speaks of the phase’s own pupils in reviews, checks, filtering changes and permissions', async () => {
    const { db } = get().core.store.requireOpen()
    const column = async (table: string, ...cols: string[]) => ((await db(table).select(cols)) as Record<string, string | null>[]).flatMap((r) => cols.map((c) => r[c] ?? ''))
    const all = [
      ...(await column('policy_reviews', 'changes', 'reviewed_by')),
      ...(await column('check_occurrences', 'devices', 'areas', 'user_groups', 'action', 'done_by')),
      ...(await column('filtering_changes', 'target', 'reason', 'requested_by')),
      ...(await column('permissions', 'conditions', 'system_name')),
    ].filter(Boolean)
    const foreign = [...new Set(all.filter((s) => phase.foreign.test(s)))]
    expect(foreign).toEqual([])
  })

  it('has approvals that fit the phase, decided by the headteacher, with channels held by staff the permission register names', async () => {
    const { db } = get().core.store.requireOpen()
    const words = ((await db('approvals').select('title', 'purpose', 'risks', 'mitigations', 'personal_data')) as Record<string, string | null>[]).flatMap((r) => Object.values(r)).filter((v): v is string => Boolean(v))
    expect([...new Set(words.filter((w) => phase.foreign.test(w)))]).toEqual([])
    const deciders = (await db('approval_decisions as d').join('users as u', 'u.id', 'd.decided_by').distinct('u.role').pluck('u.role')) as string[]
    expect(deciders).toEqual(['head'])
    const channels = (await db('approvals').where({ kind: 'social-media' }).pluck('id')) as number[]
    expect(channels.length).toBeGreaterThanOrEqual(2)
    for (const id of channels) {
      const holders = (await db('approval_account_holders as h').join('people as p', 'p.id', 'h.person_id').where('h.approval_id', id).select('p.id', 'p.kind')) as { id: number; kind: string }[]
      expect(holders.length, `channel ${id}`).toBeGreaterThan(0)
      for (const h of holders) {
        expect(h.kind).toBe('staff')
        expect(await db('permissions').where({ person_id: h.id, kind: 'credential-holder' }).whereNull('revoked_at').first()).toBeDefined()
      }
    }
    // Decisions follow the request, each review the decision before, all on school days.
    const decisions = (await db('approval_decisions as d').join('approvals as a', 'a.id', 'd.approval_id').orderBy('d.id').select('d.approval_id', 'd.decided_on', 'a.requested_on')) as { approval_id: number; decided_on: string; requested_on: string }[]
    for (const [i, d] of decisions.entries()) {
      expect(d.decided_on >= d.requested_on).toBe(true)
      expect(d.decided_on <= TODAY).toBe(true)
      expect([0, 6]).not.toContain(new Date(`${d.decided_on}T12:00:00Z`).getUTCDay())
      const before = decisions.slice(0, i).filter((x) => x.approval_id === d.approval_id).at(-1)
      if (before) expect(d.decided_on > before.decided_on).toBe(true)
    }
    // What the demo is for: something of each status, among them a refusal and an overdue review.
    await ok(get().core, 'session.lock', {})
    await ok(get().core, 'session.login', { username: 'd.aprhys', password: DEMO_PASSWORD })
    await ok(get().core, 'account.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'harbour violet kettle ember' })
    const counts = (await ok(get().core, 'approvals.list', {})).counts
    for (const status of ['awaiting', 'approved', 'review-due', 'lapsed', 'refused'] as const) expect(counts[status], status).toBeGreaterThan(0)
  })
}

describe('the small demo school reads true (a primary)', () => {
  let s: Seeded
  beforeAll(async () => {
    s = await seeded('small')
  }, 120_000)
  afterAll(async () => s?.cleanup())
  checks('small', () => s, { outcomes: 6, onSite: 3 })
})

describe('the large demo school reads true (a secondary, ten years)', () => {
  let s: Seeded
  beforeAll(async () => {
    s = await seeded('large')
  }, 600_000)
  afterAll(async () => s?.cleanup())
  checks('large', () => s, { outcomes: 40, onSite: 10 })

  it('names past pupils, who have left since, in the years they were on roll', () => {
    const { pupils, details } = s
    const leavers = details.flatMap((d) => d.versions[0]!.people).filter((p) => pupils.get(p.personId)?.left_on)
    expect(leavers.length).toBeGreaterThan(details.length / 4)
  })
})
