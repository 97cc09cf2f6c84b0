import type { DemoContext, DemoSeeder } from '../demo/demo'
import { random, type Random } from '../demo/random'
import { isSchoolDay, schoolYearOfDay } from '../demo/phase'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'

// The demo school's searches and confiscated items this school year, made through the API as the
// business manager (validated and audited as in the app). A primary keeps Year 5 and 6 phones at the
// office (P 9.3) and searches almost never; a secondary takes phones most weeks, searches a few times
// a term, and now and then keeps a phone for the DSL or the police.

const PHONES = ['Black iPhone 12, clear case', 'Blue Samsung Galaxy A14', 'White iPhone SE, pink case', 'Grey Google Pixel 7a', 'Black Motorola Moto G54, cracked screen', 'Purple iPhone 13', 'Green Samsung Galaxy A25, wallet case']
const LESSON_WHY = ['Used in a lesson after a warning.', 'Out in the corridor between lessons, filming.', 'Rang during assembly.', 'Used to message during the lesson after being asked to put it away.']
// A primary has no Head of Year or pastoral base: its searches happen in the head's or deputy's office.
const SEARCH_PLACES = { small: ['Headteacher’s office', 'Deputy head’s office'], large: ['Head of Year office', 'Deputy head’s office', 'The pastoral base'] } as const

interface Plan {
  searches: number
  phones: number
}
const PLANS = { small: { searches: 1, phones: 3 }, large: { searches: 7, phones: 22 } } as const satisfies Record<string, Plan>

function schoolDays(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDay(d)) days.push(d)
  return days
}

const staffOf = (people: PersonRow[], group: string) => people.filter((p) => p.kind === 'staff' && p.staff_group === group && !p.archived_at)

async function linkableIncidents(ctx: DemoContext, from: string, to: string, categories: readonly string[], pupilIds: ReadonlySet<number>) {
  const { db } = ctx.store.requireOpen()
  const rows = (await db('incidents as i').join('incident_categories as c', 'c.id', 'i.category_id').whereBetween('i.occurred_on', [from, to]).whereIn('c.name', categories).select('i.id', 'i.occurred_on', 'c.name')) as { id: number; occurred_on: string; name: string }[]
  const found: { id: number; day: string; pupilId: number; category: string }[] = []
  for (const r of rows) {
    const detail = await ctx.call('incidents.get', { id: r.id })
    // Only a pupil old enough to carry a phone, still on roll: the alleged one if they are, else another named.
    const named = detail.current.people.filter((p) => pupilIds.has(p.personId))
    const alleged = named.find((p) => p.part === 'alleged') ?? named[0]
    if (alleged) found.push({ id: r.id, day: r.occurred_on, pupilId: alleged.personId, category: r.name })
  }
  return found
}

async function seed(ctx: DemoContext): Promise<string[]> {
  const { db } = ctx.store.requireOpen()
  if (await db('searches').first()) return ['Searches are already there, left as they were.']
  const rnd: Random = random(2019)
  const today = ukDay(ctx.store.now())
  const from = `${schoolYearOfDay(today)}-09-01`
  const days = schoolDays(from, today)
  if (days.length === 0) return ['No school day yet this year: no searches added.']
  const people = (await db('people').select('*')) as PersonRow[]
  const onRoll = people.filter((p) => p.kind === 'pupil' && !p.archived_at && p.year_group !== null)
  const oldest = ctx.scale === 'small' ? ['5', '6'] : ['7', '8', '9', '10', '11', '12', '13']
  const pupils = onRoll.filter((p) => oldest.includes(p.year_group!))
  const leaders = staffOf(people, 'leadership')
  const teachers = staffOf(people, 'teaching')
  if (pupils.length === 0 || leaders.length === 0) return ['No pupils or senior staff to search with: none added.']
  const plan = PLANS[ctx.scale]
  const office = ctx.scale === 'small' ? 'School office' : 'Student services safe'
  const officeStaff = ctx.scale === 'small' ? 'Office staff' : 'Student services'

  const linked = await linkableIncidents(ctx, from, today, ['Cyberbullying', 'Youth-produced sexual imagery (nudes and semi-nudes)'], new Set(pupils.map((p) => p.id)))
  let searches = 0
  let items = 0
  for (let i = 0; i < plan.searches; i++) {
    const link = linked[i]
    const day = link?.day ?? rnd.pick(days)
    const pupilId = link?.pupilId ?? rnd.pick(pupils).id
    const imagery = link?.category.startsWith('Youth') ?? false
    const searcher = rnd.pick(leaders)
    const witness = teachers.length ? rnd.pick(teachers) : null
    const made = await ctx.call('searches.record', {
      searchedOn: day,
      searchedTime: day === today ? '08:50' : `${rnd.pick(['10', '12', '13', '14'])}:${rnd.pick(['05', '20', '35', '50'])}`,
      place: rnd.pick(SEARCH_PLACES[ctx.scale]),
      pupilId,
      searcherId: searcher.id,
      witnessId: witness?.id ?? null,
      reason: imagery ? 'image-sharing' : link ? 'bullying' : rnd.pick(['device-rules', 'prohibited-item', 'banned-item'] as const),
      power: imagery || link ? 'pupil-consent' : rnd.pick(['pupil-consent', 'parent-consent', 'statutory-power'] as const),
      grounds: imagery
        ? 'Another pupil reported being sent an image from this pupil’s phone.'
        : link
          ? 'Two pupils said unkind messages about a classmate had been sent from this phone at lunchtime.'
          : 'A member of staff saw the pupil pass something to a friend and hide it in their bag.',
      found: imagery ? 'The phone. It was not looked at.' : link ? 'The messages in a group chat.' : rnd.pick(['A vape in the blazer pocket.', 'Nothing.', 'A lighter in the bag.']),
      deviceLookedAt: imagery || !link ? null : 'The group chat the pupils described, with the pupil present.',
      deleted: imagery || !link ? null : 'The messages about the classmate, once screenshots were kept for the incident log.',
      notes: null,
      parentsInformedOn: day,
      dslInformedOn: link ? day : null,
      incidentId: link?.id ?? null,
    })
    searches++
    if (imagery) {
      const kept = await ctx.call('confiscations.record', {
        kind: 'phone', description: rnd.pick(PHONES), serial: null, takenOn: day, takenTime: null, reason: 'evidence',
        why: 'Kept unopened for the DSL, who followed the UKCIS advice.', heldWhere: 'DSL’s locked cabinet', heldBy: 'The DSL', forCollection: false,
        pupilId, searchId: made.id, incidentId: link?.id ?? null,
      })
      await ctx.call('confiscations.passToPolice', { id: kept.id, passedOn: addDays(day, 1) > today ? day : addDays(day, 1), policeReference: `CAD-${rnd.int(100000, 999999)}` })
      items++
    }
  }
  for (let i = 0; i < plan.phones; i++) {
    const pupil = rnd.pick(pupils)
    // The last few are still at the office; the rest went back the same day.
    const recent = i >= plan.phones - (ctx.scale === 'small' ? 1 : 3)
    const day = recent ? days[Math.max(0, days.length - 1 - (plan.phones - 1 - i))]! : rnd.pick(days.slice(0, -1).length ? days.slice(0, -1) : days)
    const item = await ctx.call('confiscations.record', {
      kind: 'phone', description: rnd.pick(PHONES), serial: null, takenOn: day, takenTime: day === today ? '08:45' : `${rnd.pick(['09', '11', '13', '14'])}:${rnd.pick(['10', '25', '40', '55'])}`,
      reason: 'rules', why: ctx.scale === 'small' ? 'Not handed in at the office in the morning, as the policy asks.' : rnd.pick(LESSON_WHY),
      heldWhere: office, heldBy: officeStaff, forCollection: true, pupilId: pupil.id, searchId: null, incidentId: null,
    })
    if (!recent) await ctx.call('confiscations.handBack', { id: item.id, returnedOn: day, returnedTo: `${rnd.pick(['Mrs', 'Mr', 'Ms'])} ${pupil.surname} (${rnd.pick(['mother', 'father', 'carer'])})` })
    items++
  }
  return [`${searches} search(es) and ${items} confiscated item(s) this school year${linked.length ? `, ${Math.min(linked.length, plan.searches)} linked to incidents` : ''}.`]
}

export const demoSearches: DemoSeeder = { name: 'Searches and confiscations', seed }
