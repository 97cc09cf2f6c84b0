import type { CategoryQuestion, ProcedureStep, ReferralAgency } from '../../../shared/domain/incidents'
import { demoDetails } from './demo-incident-details'
import type { Role } from '../../../shared/domain/roles'
import { DEMO_PASSWORD, type DemoScale, type DemoSeeder } from '../demo/demo'
import { classInYear, isSchoolDay, PHASE_OF, PHASE_YEARS, schoolYearOfDay, yearGroupOf, yearLabel, yearNumber, type SchoolPhase } from '../demo/phase'
import { random, type Random } from '../demo/random'
import type { RegisterStore } from '../store/register-store'
import { addReferralWithin, amendWithin, recordWithin, stepWithin, type BatchContext, type DescribedThen, type EntryInput } from './incidents'
import { currentVersion, foldRecords, incidentRecords, refreshIncident } from './incident-state'
import { DEMO_STORIES, fitting, fittingPlaces, FOLLOW_UP_AMENDMENTS, NOT_NEEDED, tagged, type DemoStory } from './demo-incident-stories'
import { nextDay, ukDay, ukInstant, ukTimeOfDay } from '../../../shared/dates/uk-time'

const REFERRAL_FOR: Partial<Record<ProcedureStep, ReferralAgency>> = {
  police: 'Police',
  'social-work': 'Children’s social work service',
  lado: 'LADO',
  iwf: 'Internet Watch Foundation',
  ceop: 'CEOP',
  'cse-team': 'Child Sexual Exploitation Team',
  prevent: 'Prevent (Channel)',
}

const CLOSING_REASONS = ['Closed after the review.', 'Closed: all actions complete.', 'Closed at the safeguarding meeting.', 'Closed after the follow-up check.']

/** Who records what, in the proportions of a school office: the DSLs most, the ICT manager the technical entries. */
const RECORDERS: Record<'safeguarding' | 'staff' | 'ict', [Role, number][]> = {
  safeguarding: [['dsl', 75], ['head', 25]],
  staff: [['head', 75], ['dsl', 25]],
  ict: [['ict', 65], ['dsl', 25], ['manager', 10]],
}

interface Pupil {
  id: number
  /** Year group (Reception 0) on `lastDay`, the last day on roll (today for pupils still here). */
  year: number
  lastDay: string
  lastSchoolYear: number
  regClass: string | null
}

type Signer = NonNullable<Awaited<ReturnType<RegisterStore['signerOf']>>>

/** The store as another user sees it for signing: the same register, their name and key on each record. */
function actingAs(store: RegisterStore, signer: Signer): RegisterStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'requireOpen') return () => ({ ...target.requireOpen(), session: signer.session })
      if (prop === 'sign') return signer.sign
      if (prop === 'signingKeyId') return signer.keyId
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

function weighted<T>(rnd: Random, items: readonly T[], weight: (t: T) => number): T {
  let r = rnd.next() * items.reduce((s, t) => s + weight(t), 0)
  for (const t of items) if ((r -= weight(t)) < 0) return t
  return items.at(-1)!
}

function hhmm(rnd: Random, from: number, to: number): string {
  return `${String(rnd.int(from, to)).padStart(2, '0')}:${String(rnd.pick([0, 5, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`
}

const fill = (text: string, year: number, regClass: string | null) => text.replaceAll('{year}', yearLabel(year)).replaceAll('{class}', regClass ?? yearLabel(year))

/**
 * Demonstration incidents with checklists, referrals, amendments and evidence, recorded as if
 * through the years (each record carries the time it would have been made) by the staff who
 * would have recorded them (each demo user signs with their own key, opened with the demo
 * password; anyone whose password has changed is left out), about pupils on roll on the day as
 * they were then, with words that fit the school's phase and the category. In one transaction
 * with one audit entry. Skipped when the log has entries.
 */
export async function seedIncidentsDemo(
  store: RegisterStore,
  scale: DemoScale,
  options: { now?: number; years?: number; perYear?: number; password?: string } = {},
): Promise<string[]> {
  const { db } = store.requireOpen()
  if (await db('incidents').first('id')) return ['The incident log already has entries, left as they were.']
  const phase: SchoolPhase = PHASE_OF[scale]
  const range = PHASE_YEARS[phase]
  const rnd = random(scale === 'small' ? 11 : 2027)
  const now = options.now ?? Date.now()
  const today = ukDay(now)
  const years = options.years ?? (scale === 'large' ? 10 : 1)
  const perYear = options.perYear ?? (scale === 'large' ? 300 : 14)
  const pupilRows = await db('people').where({ kind: 'pupil' }).select('id', 'year_group', 'reg_class', 'left_on')
  const pupils: Pupil[] = pupilRows
    .filter((p) => p.year_group)
    .map((p) => {
      const lastDay = p.left_on && p.left_on < today ? p.left_on : today
      return { id: p.id, year: yearNumber(p.year_group!), lastDay, lastSchoolYear: schoolYearOfDay(lastDay), regClass: p.reg_class }
    })
  const staff = (await db('people').where({ kind: 'staff' }).whereNull('archived_at').whereIn('staff_group', ['teaching', 'support']).limit(300).pluck('id')) as number[]
  // The categories the register added for new guidance have no demo stories: the demo log stays as it was.
  const categories = await db('incident_categories').whereNull('retired_at').whereNull('origin').select('id', 'name', 'steps', 'ict', 'asks')
  if (!pupils.length) return ['No pupils in the directory, so no demo incidents were added.']
  const storyOf = (name: string) => DEMO_STORIES.find((s) => name.startsWith(s.category)) ?? DEMO_STORIES.find((s) => s.category === 'Other')!
  const told = categories.map((c) => ({ category: c, story: storyOf(c.name) })).filter((c) => c.story.weight[phase] > 0)

  // The pupils in a span of year groups in a given school year, as they were then.
  const thenYear = (p: Pupil, schoolYear: number) => p.year - (p.lastSchoolYear - schoolYear)
  const pools = new Map<string, Pupil[]>()
  const poolOf = (schoolYear: number, from: number, to: number) => {
    const key = `${schoolYear}|${from}|${to}`
    let pool = pools.get(key)
    if (!pool) {
      pool = pupils.filter((p) => {
        const y = thenYear(p, schoolYear)
        return p.lastSchoolYear >= schoolYear && y >= Math.max(from, range.first) && y <= Math.min(to, range.last)
      })
      pools.set(key, pool)
    }
    return pool
  }
  const pickPupil = (day: string, from: number, to: number, not: Set<number>): Pupil | null => {
    const schoolYear = schoolYearOfDay(day)
    for (const pool of [poolOf(schoolYear, from, to), poolOf(schoolYear, range.first, range.last)]) {
      for (let tries = 0; pool.length && tries < 8; tries++) {
        const p = rnd.pick(pool)
        if (p.lastDay >= day && !not.has(p.id)) return p
      }
    }
    return null
  }

  // Each recorder signs with their own key; a role with no demo user (or a changed password) falls back to the next.
  const users = await db('users').whereNull('disabled_at').orderBy('id').select('username', 'role')
  const password = options.password ?? DEMO_PASSWORD
  const signers = new Map<Role, RegisterStore[]>()
  for (const role of ['dsl', 'head', 'ict', 'manager'] as Role[]) {
    const stores: RegisterStore[] = []
    for (const u of users.filter((x) => x.role === role).slice(0, 3)) {
      const signer = await store.signerOf(u.username, password)
      if (signer) stores.push(actingAs(store, signer))
    }
    signers.set(role, stores)
  }
  // Dealt out in proportion (the role furthest below its share records next), so even a small log has each.
  const recorded = new Map<string, number>()
  const recorderFor = (story: DemoStory): RegisterStore => {
    const kind = story.ict ? 'ict' : story.category === 'Staff misuse' ? 'staff' : 'safeguarding'
    const plan = RECORDERS[kind].filter(([role]) => signers.get(role)!.length > 0)
    if (!plan.length) return store
    const share = ([role, weight]: [Role, number]) => ((recorded.get(`${kind}|${role}`) ?? 0) + 0.5) / weight
    const [role] = plan.reduce((best, r) => (share(r) < share(best) ? r : best))
    recorded.set(`${kind}|${role}`, (recorded.get(`${kind}|${role}`) ?? 0) + 1)
    return rnd.pick(signers.get(role)!)
  }
  const dsls = signers.get('dsl')!

  // The small school from the start of last school year (a whole year for the annual pack), unless told how many years.
  const from = scale === 'small' && options.years === undefined ? ukInstant(`${schoolYearOfDay(today) - 1}-09-01`) : now - 2 * 86_400_000 - years * 365 * 86_400_000
  const total = Math.round((perYear * (now - 2 * 86_400_000 - from)) / (365 * 86_400_000))
  // Reported on a school day; what happened at home happened the day before.
  const plans = Array.from({ length: total }, () => {
    let reported = ukDay(from + rnd.next() * (now - 2 * 86_400_000 - from))
    while (!isSchoolDay(reported)) reported = nextDay(reported)
    const pick = weighted(rnd, told, (c) => c.story.weight[phase])
    const description = tagged(rnd.pick(pick.story.descriptions[phase]))
    const place = rnd.pick(fittingPlaces(pick.story.places[phase], description.tags))
    const offSite = !!place.offSite
    const occurredOn = offSite ? ukDay(ukInstant(reported, '12:00') - 86_400_000) : reported
    const time = offSite ? hhmm(rnd, 16, 20) : hhmm(rnd, 8, 15)
    return { ...pick, description, place, offSite, occurredOn, occurred: ukInstant(occurredOn, time), reportedAt: offSite ? ukInstant(reported, hhmm(rnd, 8, 10)) : 0 }
  })
    .filter((p) => p.occurred < now - 86_400_000)
    .sort((a, b) => a.occurred - b.occurred)

  let clock = 0
  const ctxFor = (s: RegisterStore): BatchContext => ({ store: s, now: () => clock, changedIncidents })
  const changedIncidents = new Set<number>()
  let amended = 0
  let referrals = 0
  let written = 0
  await store.change({ action: 'incident.demo', target: 'incidents', detail: `${total} entries` }, async (trx) => {
    for (const plan of plans) {
      const { category, story } = plan
      const steps = JSON.parse(category.steps) as ProcedureStep[]
      const day = plan.occurredOn
      const [fromYear, toYear] = story.years[phase]
      const affected = pickPupil(day, plan.place.fromYear ?? fromYear, toYear, new Set())
      if (!affected) continue
      const year = thenYear(affected, schoolYearOfDay(day))
      const regClass = classInYear(affected.regClass, year)
      const involved: { pupil: Pupil; part: EntryInput['people'][number]['part'] }[] = [{ pupil: affected, part: 'affected' }]
      if (rnd.chance(story.second.chance)) {
        // Mostly a classmate or someone in the same year.
        const other = rnd.chance(0.7) ? pickPupil(day, year, year, new Set([affected.id])) : pickPupil(day, fromYear, toYear, new Set([affected.id]))
        if (other) involved.push({ pupil: other, part: rnd.pick(story.second.parts) })
      }
      const describedThen: DescribedThen = new Map(
        involved.map(({ pupil }) => {
          const y = thenYear(pupil, schoolYearOfDay(day))
          return [pupil.id, { year_group: yearGroupOf(y), reg_class: classInYear(pupil.regClass, y) }]
        }),
      )
      const people: EntryInput['people'] = involved.map(({ pupil, part }) => ({ personId: pupil.id, part }))
      if (story.category === 'Staff misuse' && staff.length) people.push({ personId: rnd.pick(staff), part: 'alleged' })
      const words = story.words[phase]
      const entry: EntryInput = {
        occurredOn: day,
        occurredTime: plan.offSite ? (rnd.chance(0.4) ? ukTimeOfDay(plan.occurred) : null) : rnd.chance(0.85) ? ukTimeOfDay(plan.occurred) : null,
        place: fill(plan.place.text, year, regClass),
        onSite: !plan.offSite,
        device: story.device,
        categoryId: category.id,
        description: fill(plan.description.text, year, regClass),
        actionTaken: fill(rnd.pick(fitting(story.actions[phase], plan.description.tags)), year, regClass),
        childsWords: words.length && rnd.chance(0.5) ? rnd.pick(words) : null,
        people,
        status: 'open',
        outcome: null,
        ...demoDetails(story, JSON.parse(category.asks) as CategoryQuestion[], plan.description.tags, written),
      }
      const recorder = recorderFor(story)
      const ctx = ctxFor(recorder)
      // Recorded the same day mostly (what happened at home, the morning it was reported); now and then later (a backdated entry).
      const recordedAt = plan.offSite ? plan.reportedAt + rnd.int(10, 90) * 60_000 : plan.occurred + (rnd.chance(0.85) ? rnd.int(10, 240) : rnd.int(1_000, 3_000)) * 60_000
      clock = Math.min(now - 86_400_000, recordedAt)
      const id = await recordWithin(ctx, trx, entry, { describedThen })
      written++
      const recent = now - plan.occurred < 21 * 86_400_000
      for (const step of steps) {
        if (recent && rnd.chance(0.5)) continue
        clock += rnd.int(10, 90) * 60_000
        if (clock >= now) break
        const notes = (NOT_NEEDED[phase][step] ?? []).filter((n) => year >= 10 || !n.includes('asked that parents'))
        if (notes.length && rnd.chance(0.45)) {
          await stepWithin(ctx, trx, { incidentId: id, step, state: 'not-needed', note: rnd.pick(notes) })
        } else {
          await stepWithin(ctx, trx, { incidentId: id, step, state: 'done' })
          const agency = REFERRAL_FOR[step]
          if (agency) {
            referrals++
            await addReferralWithin(ctx, trx, { incidentId: id, agency, madeOn: ukDay(clock), referenceNumber: `${agency.slice(0, 3).toUpperCase()}-${rnd.int(10_000, 99_999)}` })
          }
        }
      }
      // Later changes happen in school hours on a later day.
      const laterDay = (days: number) => ukInstant(ukDay(clock + days * 86_400_000), hhmm(rnd, 8, 16))
      if (rnd.chance(0.25) && laterDay(1) < now) {
        clock = laterDay(1)
        const current = currentVersion(foldRecords(await incidentRecords(trx, store, id))).body.entry
        const more = rnd.pick(FOLLOW_UP_AMENDMENTS[story.ict ? 'technical' : 'pastoral'])
        await amendWithin(ctx, trx, id, { ...current, actionTaken: `${current.actionTaken} ${more}` }, `Added: ${more.charAt(0).toLowerCase()}${more.slice(1)}`, { describedThen })
        amended++
      }
      const closing = laterDay(rnd.int(2, 20))
      if (!recent && closing < now) {
        clock = closing
        const closer = !story.ict && dsls.length && recorder !== store && rnd.chance(0.6) ? ctxFor(rnd.pick(dsls)) : ctx
        const current = currentVersion(foldRecords(await incidentRecords(trx, store, id))).body.entry
        const outcomes = fitting(story.outcomes, plan.description.tags)
        const outcome = rnd.chance(0.5) ? `${rnd.pick(outcomes)} ${rnd.pick(story.followUps)}` : rnd.pick(outcomes)
        await amendWithin(closer, trx, id, { ...current, status: 'closed', outcome }, rnd.pick(CLOSING_REASONS), { describedThen })
      }
      for (const changedId of changedIncidents) await refreshIncident(trx, store, changedId)
      changedIncidents.clear()
    }
  })
  return [`${written} incidents since ${ukDay(from)}, ${amended} amended, ${referrals} referrals, with their checklists.`]
}

export const demoIncidents: DemoSeeder = { name: 'Incident log', seed: (ctx) => seedIncidentsDemo(ctx.store, ctx.scale, { now: ctx.store.now(), password: ctx.password }) }
