import { audienceOf, type AupAudience } from '../../../shared/domain/aup'
import { needsUsername, type PersonKind, type StaffGroup, type YearGroup } from '../../../shared/domain/people'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import type { RegisterStore } from '../store/register-store'
import { insertChunks, insertMany, type NewRow } from '../db/bulk-insert'
import { demoSignaturePng } from './demo-signature'
import { nameTokens } from './name-search'
import { random, type Random } from '../demo/random'
import { classInYear, PHASE_OF, PHASE_YEARS, isSchoolDay, schoolYearOfDay, yearGroupOf, yearNumber, type SchoolPhase } from '../demo/phase'
import { ON_SITE_NOW, VISITOR_TYPES, type VisitorType } from './demo-visitors'
import { nextDay, ukDay, ukInstant, ukTimeOfDay } from '../../../shared/dates/uk-time'
import { schoolYearLabel } from '../../../shared/dates/school-year'
import type { PersonRow } from './tables'

// Names from across the UK and its communities, with the accents and apostrophes a register must keep.
const FORENAMES = [
  'Oliver', 'Amelia', 'Siân', 'Zoë', 'Seán', 'Niamh', 'Aoife', 'Dafydd', 'Rhys', 'Ffion', 'Łukasz', 'Agnieszka', 'Oluwaseun', 'Chidinma',
  'Priya', 'Mohammed', 'Aisha', 'Fatima', 'Noah', 'Isla', 'Chloé', 'Renée', 'José', 'Björn', 'Inês', 'Mairéad', 'Eoin', 'Tadhg', 'Cerys',
  'Gwenllian', 'Kacper', 'Zuzanna', 'Yusuf', 'Maryam', 'Arjun', 'Ananya', 'Leo', 'Freya', 'Harry', 'Olivia', 'George', 'Ava', 'Jack', 'Mia',
  'Ethan', 'Grace', 'Kofi', 'Ama', 'Hà', 'Minh', 'Ciarán', 'Bethan', 'Iwan', 'Elif', 'Mehmet', 'Sofía', 'Ruairí', 'Hannah', 'Samuel', 'Evie',
]
const SURNAMES = [
  "O'Brien", 'O’Connor', "D'Souza", 'Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Hughes',
  'Llewellyn-Jones', 'Ní Bhriain', 'McAllister', 'Kowalski', 'Wiśniewska', 'Nowak', 'Patel', 'Khan', 'Ahmed', 'Okafor', 'Adeyemi', 'Nguyen',
  'Müller', 'Ferreira', 'Rossi', 'Fairbairn', 'ap Rhys', 'Griffiths', 'MacDonald', 'Ó Súilleabháin', 'Chaudhary', 'Begum', 'Hussain', 'Walker',
  'Wright', 'Robinson', 'Thompson', 'White', 'Edwards', 'Green', 'Hall', 'Wood', 'Clarke', 'Jackson', 'Lewis', 'Morgan', 'Price', 'Kennedy',
  'Murphy', 'Yılmaz', 'Øvergaard', 'St John', 'Dubois', 'Mensah', 'Kaur', 'Singh', 'Ward',
]
/** Staff job titles by phase: a primary has class teachers, a secondary subject teachers and heads of year. */
const JOB_TITLES: Readonly<Record<SchoolPhase, Record<StaffGroup, readonly string[]>>> = {
  primary: {
    leadership: ['Headteacher', 'Deputy Headteacher', 'School Business Manager', 'Assistant Headteacher'],
    teaching: ['SENCO', 'Early Years Lead', 'Class Teacher', 'Class Teacher', 'Class Teacher', 'Class Teacher', 'PE Lead', 'Computing Lead', 'Class Teacher'],
    support: ['Site Manager', 'Office Administrator', 'IT Technician', 'Teaching Assistant', 'HLTA', 'Midday Supervisor', 'Teaching Assistant', 'Breakfast Club Lead'],
    other: ['Sports Coach', 'Peripatetic Music Tutor', 'Clerk to Governors'],
  },
  secondary: {
    leadership: ['Headteacher', 'Deputy Headteacher', 'School Business Manager', 'Deputy Headteacher', 'Assistant Headteacher'],
    teaching: ['SENCO', 'Head of Year', 'Teacher of English', 'Teacher of Maths', 'Teacher of Science', 'Teacher of History', 'Teacher of PE', 'Teacher of Computing', 'Teacher of Geography', 'Teacher of French', 'Head of Year'],
    support: ['Site Manager', 'Office Administrator', 'IT Technician', 'Cover Supervisor', 'Teaching Assistant', 'Librarian', 'Exams Officer', 'Attendance Officer', 'Learning Mentor'],
    other: ['Peripatetic Music Tutor', 'Sports Coach', 'Clerk to Governors'],
  },
}
/** The first titles of each group are held once (one head, one SENCO, one site manager), the rest at random. */
function jobTitle(phase: SchoolPhase, group: StaffGroup, index: number, rnd: Random): string {
  const titles = JOB_TITLES[phase][group]
  const once = group === 'leadership' ? 3 : group === 'other' ? 0 : group === 'teaching' ? (phase === 'primary' ? 2 : 1) : 3
  return index < once ? titles[index]! : rnd.pick(titles.slice(once))
}
const DEMO_TEXT =
  'Demonstration text only: this is not a policy and must not be used as one.\n\n' +
  'Paste your school’s own acceptable use agreement here (for example Appendix 1 or 2 of your online safety policy), ' +
  'then publish it as a new version with the date it takes effect.'


interface Plan {
  pupils: { year: YearGroup; classes: string[]; count: number }[]
  /** Who left each summer (archived, kept for the records that name them), for this many past years. */
  leavers: { year: YearGroup; count: number; leftOn: string }[]
  leaverYears: number
  staff: Record<StaffGroup, number>
  governors: number
  volunteers: number
  contractors: number
  visitors: number
  visits: number
  /** School days back from today that the visits cover. */
  visitDays: number
  /** Academic years of agreement versions, counting back from this one. */
  versionYears: number
}

const PLANS: Readonly<Record<DemoScale, Plan>> = {
  // A one-form-entry primary (the CLI's small demo is a primary-school office).
  small: {
    pupils: (['R', '1', '2', '3', '4', '5', '6'] as YearGroup[]).map((year) => ({ year, classes: [`${year}B`, `${year}W`], count: 16 })),
    leavers: [{ year: '6', count: 16, leftOn: '07-21' }],
    leaverYears: 3,
    staff: { leadership: 2, teaching: 9, support: 8, other: 1 },
    governors: 8,
    volunteers: 4,
    contractors: 3,
    visitors: 40,
    visits: 450,
    visitDays: 300,
    versionYears: 2,
  },
  // DESIGN.md's scale: a large secondary over ten years.
  large: {
    pupils: [
      ...(['7', '8', '9', '10', '11'] as YearGroup[]).map((year) => ({ year, classes: 'ABCDEFGHIJK'.split('').map((c) => `${year}${c}`), count: 330 })),
      ...(['12', '13'] as YearGroup[]).map((year) => ({ year, classes: 'ABCDEF'.split('').map((c) => `${year}${c}`), count: 175 })),
    ],
    // After Year 11 about half go on to the sixth form; the rest leave, as Year 13 does.
    leavers: [
      { year: '11', count: 155, leftOn: '06-26' },
      { year: '13', count: 175, leftOn: '06-28' },
    ],
    leaverYears: 10,
    staff: { leadership: 15, teaching: 130, support: 95, other: 10 },
    governors: 20,
    volunteers: 40,
    contractors: 30,
    visitors: 9000,
    visits: 60_000,
    visitDays: 2520,
    versionYears: 5,
  },
}

type NewPerson = Omit<PersonRow, 'id' | 'preferred_surname' | 'safeguarding_hold' | 'hold_reason' | 'hold_set_by' | 'hold_set_at' | 'named_in_record' | 'source' | 'created_by'> & {
  source: 'demo'
  created_by: number
}

function pickWeighted(rnd: Random, types: readonly VisitorType[]): VisitorType {
  let r = rnd.next() * types.reduce((sum, t) => sum + t.weight, 0)
  for (const t of types) if ((r -= t.weight) < 0) return t
  return types.at(-1)!
}

const ascii = (s: string) => nameTokens(s).join('').replace(/[^a-z]/g, '')

/**
 * Demonstration people, agreement versions, agreements and visits, written straight into the
 * open register in one transaction with one audit entry (60,000 visits through the API would
 * take minutes). Skips everything if demo people are already there.
 */
export async function seedPeopleDemo(store: RegisterStore, scale: DemoScale, options: { now?: number } = {}): Promise<string[]> {
  const { db, session } = store.requireOpen()
  if (await db('people').where({ source: 'demo' }).first()) return ['Demo people are already there, left as they were.']
  const plan = PLANS[scale]
  const rnd = random(scale === 'small' ? 7 : 2026)
  const now = options.now ?? Date.now()
  const today = ukDay(now)
  const at = new Date(now).toISOString()
  const academicStart = schoolYearOfDay(today)
  const phase = PHASE_OF[scale]
  const name = () => ({ forename: rnd.pick(FORENAMES), surname: rnd.pick(SURNAMES) })
  const base = { preferred_forename: null, date_of_birth: null, year_group: null, reg_class: null, mis_id: null, upn: null, username: null, job_title: null, staff_group: null, organisation: null, dbs_status: null, dbs_checked_by: null, dbs_checked_on: null, left_on: null, archived_at: null, archived_by: null, source: 'demo' as const, created_at: at, created_by: session.userId, updated_at: at }
  const usernames = new Set(((await db('people').whereNotNull('username').pluck('username')) as string[]).map((u) => u.toLowerCase()))
  const username = (forename: string, surname: string, prefix: string) => {
    const stem = `${prefix}${ascii(surname).slice(0, 12)}${ascii(forename).slice(0, 1)}`
    let candidate = stem
    for (let n = 2; usernames.has(candidate.toLowerCase()); n++) candidate = `${stem}${n}`
    usernames.add(candidate.toLowerCase())
    return candidate
  }

  const people: NewPerson[] = []
  let admission = 10_000
  for (const group of plan.pupils) {
    const offset = group.year === 'R' ? 0 : Number(group.year)
    const bornFrom = Date.UTC(academicStart - offset - 5, 8, 1)
    for (let i = 0; i < group.count; i++) {
      const n = name()
      const dob = new Date(bornFrom + rnd.int(0, 364) * 86_400_000).toISOString().slice(0, 10)
      const entry = academicStart - (offset - (scale === 'large' ? 7 : 0))
      people.push({
        ...base,
        kind: 'pupil',
        ...n,
        preferred_forename: rnd.chance(0.05) ? rnd.pick(FORENAMES) : null,
        date_of_birth: dob,
        year_group: group.year,
        reg_class: group.classes[i % group.classes.length]!,
        mis_id: String(admission++),
        upn: `H${String(rnd.int(0, 99_999_999_999)).padStart(11, '0')}${rnd.int(0, 9)}`,
        username: needsUsername(group.year) ? username(n.forename, n.surname, String(entry % 100).padStart(2, '0')) : null,
      })
    }
  }
  for (let y = academicStart - plan.leaverYears; y < academicStart; y++) {
    for (const group of plan.leavers) {
      const leftOn = `${y + 1}-${group.leftOn}`
      const final = yearNumber(group.year)
      const bornFrom = Date.UTC(y - final - 5, 8, 1)
      const classes = plan.pupils.find((g) => g.year === group.year)!.classes
      for (let i = 0; i < group.count; i++) {
        people.push({
          ...base,
          kind: 'pupil',
          ...name(),
          date_of_birth: new Date(bornFrom + rnd.int(0, 364) * 86_400_000).toISOString().slice(0, 10),
          year_group: group.year,
          reg_class: classes[i % classes.length]!,
          mis_id: String(admission++),
          upn: `H${String(rnd.int(0, 99_999_999_999)).padStart(11, '0')}${rnd.int(0, 9)}`,
          left_on: leftOn,
          archived_at: `${leftOn}T15:00:00.000Z`,
          archived_by: session.userId,
        })
      }
    }
  }
  let staffCode = 1
  for (const [group, count] of Object.entries(plan.staff) as [StaffGroup, number][]) {
    for (let i = 0; i < count; i++) {
      const n = name()
      people.push({ ...base, kind: 'staff', ...n, staff_group: group, job_title: jobTitle(phase, group, i, rnd), mis_id: `S${String(staffCode++).padStart(4, '0')}`, username: username(n.forename, n.surname, '') })
    }
  }
  const dbs = (): Pick<NewPerson, 'dbs_status' | 'dbs_checked_by' | 'dbs_checked_on'> =>
    rnd.chance(0.7) ? { dbs_status: 'checked', dbs_checked_by: 'Office', dbs_checked_on: today } : { dbs_status: rnd.chance(0.5) ? 'not-needed' : 'not-checked', dbs_checked_by: null, dbs_checked_on: null }
  // Each visitor, contractor, volunteer and governor is of one type (a supply teacher, the school nurse...): their visits fit it.
  const typeOf = new Map<number, VisitorType>()
  const typesFor = (kind: PersonKind) => VISITOR_TYPES.filter((t) => t.kind === kind && t.purposes[phase].length > 0)
  const typed = (kind: VisitorType['kind'], count: number, extra: (i: number) => Partial<NewPerson> = () => ({})) => {
    const types = typesFor(kind)
    for (let i = 0; i < count; i++) {
      // The first of each type in turn, so every type has someone; then in proportion.
      const type = i < types.length ? types[i]! : pickWeighted(rnd, types)
      typeOf.set(people.length, type)
      people.push({ ...base, kind, ...name(), organisation: rnd.pick(type.organisations), ...dbs(), ...extra(i) })
    }
  }
  typed('governor', plan.governors, (i) => ({ job_title: i === 0 ? 'Chair of Governors' : 'Governor' }))
  typed('volunteer', plan.volunteers)
  typed('contractor', plan.contractors)
  typed('visitor', plan.visitors)

  const lines: string[] = []
  const counts = { agreements: 0, visits: 0 }
  await store.change({ action: 'people.demo', detail: `${scale} demo people, agreements and visits` }, async (trx) => {
    // Agreement versions: one per academic year, placeholder wording only.
    const groups: AupAudience[][] = scale === 'small' ? [['pupils-eyfs-ks1'], ['pupils-ks2'], ['staff', 'governors', 'volunteers', 'contractors', 'visitors']] : [['pupils-ks3-5'], ['staff', 'governors', 'volunteers', 'contractors', 'visitors']]
    const versionOf = new Map<string, number>() // `${audience}|${year}` → version id
    for (let y = academicStart - plan.versionYears + 1; y <= academicStart; y++) {
      for (const audiences of groups) {
        const [id] = (await trx('aup_versions').insert({
          title: audiences[0]!.startsWith('pupils') ? 'Acceptable use agreement for pupils and parents/carers (demonstration)' : 'Acceptable use agreement for adults (demonstration)',
          version_label: schoolYearLabel(y),
          effective_from: `${y}-09-01`,
          format: 'text',
          body: DEMO_TEXT,
          created_at: at,
          created_by: session.userId,
          created_by_name: session.displayName,
        })) as number[]
        await trx('aup_version_audiences').insert(audiences.map((audience) => ({ version_id: Number(id), audience })))
        for (const a of audiences) versionOf.set(`${a}|${y}`, Number(id))
      }
    }

    // Visits first in memory, so visitors can be "registered" on their first visit.
    const reception = people.map((p, i) => ({ p, i })).filter(({ p }) => p.kind !== 'pupil' && p.kind !== 'staff')
    // Those who come most days: supply teachers, volunteers, the caterers, the school nurse (not the governors).
    const frequent = new Set(['supply teacher', 'volunteer', 'catering', 'health', 'it'])
    const often = reception.filter(({ i }) => frequent.has(typeOf.get(i)?.name ?? ''))
    const regulars = often.length >= 3 ? often : reception.slice(0, 3)
    const staffIndexes = people.map((p, i) => (p.kind === 'staff' ? i : -1)).filter((i) => i >= 0)
    const hostsFor = new Map<RegExp, number[]>()
    const hostFor = (pattern: RegExp) => {
      let hosts = hostsFor.get(pattern)
      if (!hosts) {
        hosts = staffIndexes.filter((i) => pattern.test(people[i]!.job_title ?? ''))
        hostsFor.set(pattern, hosts)
      }
      return rnd.pick(hosts.length ? hosts : staffIndexes)
    }
    const purposeOf = (person: number) => rnd.pick(typeOf.get(person)!.purposes[phase])
    const plate = () =>
      rnd.chance(0.4) ? `${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}${rnd.int(10, 74)} ${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}` : null
    interface PlannedVisit {
      person: number
      host: number
      signedIn: number
      signedOut: number | null
      purpose: string
      car: string | null
      usesIct: boolean
    }
    const visits: PlannedVisit[] = []
    const days: string[] = []
    for (let d = ukDay(now - plan.visitDays * 1.45 * 86_400_000); d <= today; d = nextDay(d)) {
      if (isSchoolDay(d)) days.push(d)
    }
    const perDay = plan.visits / days.length
    const openNow = new Set<number>()
    for (const d of days) {
      const count = Math.max(0, Math.round(perDay + (rnd.next() - 0.5) * perDay))
      for (let v = 0; v < count && visits.length < plan.visits; v++) {
        const who = rnd.chance(0.6) ? rnd.pick(regulars) : rnd.pick(reception)
        const signedIn = ukInstant(d, `${String(rnd.int(8, 15)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}`)
        if (signedIn > now) continue
        let signedOut: number | null = signedIn + rnd.int(20, 240) * 60_000
        if (signedOut > now) {
          if (openNow.has(who.i)) continue
          signedOut = null
          openNow.add(who.i)
        }
        const [purpose, host] = purposeOf(who.i)
        visits.push({ person: who.i, host: hostFor(host), signedIn, signedOut, purpose, car: plate(), usesIct: rnd.chance(0.15) })
      }
    }
    // The roll call at the demo's "now", in school hours: today's supply staff, the nurse, a contractor, a parent...
    const minutesNow = Number(ukTimeOfDay(now).slice(0, 2)) * 60 + Number(ukTimeOfDay(now).slice(3))
    if (isSchoolDay(today) && minutesNow >= 8 * 60 + 30 && minutesNow < 17 * 60) {
      for (const typeName of ON_SITE_NOW[phase]) {
        const candidates = reception.filter(({ i }) => typeOf.get(i)?.name === typeName && !openNow.has(i))
        if (!candidates.length) continue
        const who = rnd.pick(candidates)
        openNow.add(who.i)
        const arrived = Math.min(now - 5 * 60_000, ukInstant(today, '07:45') + rnd.int(0, minutesNow - 8 * 60) * 60_000)
        const [purpose, host] = purposeOf(who.i)
        visits.push({ person: who.i, host: hostFor(host), signedIn: arrived, signedOut: null, purpose, car: plate(), usesIct: typeName === 'supply teacher' })
      }
    }
    const firstVisit = new Map<number, number>()
    for (const v of visits) if (!firstVisit.has(v.person) || firstVisit.get(v.person)! > v.signedIn) firstVisit.set(v.person, v.signedIn)
    const earliest = Date.UTC(academicStart - 10, 8, 1)
    people.forEach((p, i) => {
      if (p.kind !== 'visitor') return
      const created = new Date(firstVisit.get(i) ?? earliest + rnd.next() * (now - earliest)).toISOString()
      p.created_at = created
      p.updated_at = created
    })

    const ids = await insertMany(trx, 'people', people)
    const tokens = people.flatMap((p, i) => nameTokens(p.forename, p.surname, p.preferred_forename).map((token) => ({ token, person_id: ids[i]! })))
    await insertChunks(trx, 'person_search', tokens)

    // Agreements: most people agreed each year; pupils on paper with a parent or carer.
    const signature = demoSignaturePng(1)
    const agreements: NewRow<'agreements'>[] = []
    const witness = { witnessed_by: session.userId, witnessed_by_name: session.displayName, supersedes_id: null, correction_reason: null, state: 'agreed' as const }
    const agreed = (p: NewPerson, personId: number, year: number, parent: boolean, r: Random) => {
      const audience = audienceOf({ kind: p.kind, yearGroup: p.year_group })
      const version = audience ? versionOf.get(`${audience}|${year}`) : undefined
      if (!version) return
      const day = ukDay(Math.min(now, ukInstant(`${year}-09-01`) + r.int(1, 45) * 86_400_000))
      const paper = parent || r.chance(0.2)
      agreements.push({
        ...witness,
        person_id: personId,
        version_id: version,
        agreed_on: day,
        method: paper ? 'paper' : 'on-screen',
        signature_png: paper ? null : signature,
        paper_received_on: paper ? day : null,
        parent_name: parent ? `${r.pick(FORENAMES)} ${p.surname}` : null,
        parent_agreed_on: parent ? day : null,
        recorded_at: new Date(Math.min(now, ukInstant(day, '12:00'))).toISOString(),
      })
    }
    people.forEach((p, i) => {
      if (p.kind === 'visitor') return
      for (let y = academicStart - plan.versionYears + 1; y <= academicStart; y++) {
        if (p.kind === 'pupil') {
          // A leaver agreed in the years they were here, in the year group they were in then.
          const lastYear = p.left_on ? schoolYearOfDay(p.left_on) : academicStart
          const yearThen = yearNumber(p.year_group!) - (lastYear - y)
          if (y > lastYear || yearThen < PHASE_YEARS[phase].first) continue
          if (rnd.chance(y === academicStart ? 0.8 : 0.9)) agreed({ ...p, year_group: yearGroupOf(yearThen), reg_class: classInYear(p.reg_class, yearThen) }, ids[i]!, y, true, rnd)
        } else if (rnd.chance(p.kind === 'staff' ? 0.92 : 0.8)) agreed(p, ids[i]!, y, false, rnd)
      }
    })
    // Visitors who used the school's ICT signed the visitor agreement at the desk when theirs was not current.
    const visitorAgreementIndex = new Map<number, number>() // visit index → agreement index
    const lastAgreedYear = new Map<number, number>()
    visits.forEach((v, index) => {
      if (!v.usesIct) return
      const p = people[v.person]!
      const day = ukDay(v.signedIn)
      const year = Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)
      const audience = audienceOf({ kind: p.kind, yearGroup: null })!
      const version = versionOf.get(`${audience}|${year}`)
      if (!version || lastAgreedYear.get(v.person) === year) return
      lastAgreedYear.set(v.person, year)
      visitorAgreementIndex.set(index, agreements.length)
      agreements.push({ ...witness, person_id: ids[v.person]!, version_id: version, agreed_on: day, method: 'on-screen', signature_png: signature, paper_received_on: null, parent_name: null, parent_agreed_on: null, recorded_at: new Date(v.signedIn).toISOString() })
    })
    const agreementIds = await insertMany(trx, 'agreements', agreements, 300)
    counts.agreements = agreements.length

    const visitRows = visits.map((v, index) => {
      const agreementAt = visitorAgreementIndex.get(index)
      const host = people[v.host]!
      return {
        person_id: ids[v.person]!,
        purpose: v.purpose,
        host_person_id: ids[v.host]!,
        host_name: `${host.forename} ${host.surname}`,
        car_registration: v.car,
        uses_ict: v.usesIct ? 1 : 0,
        agreement_id: agreementAt === undefined ? null : agreementIds[agreementAt]!,
        signed_in_at: new Date(v.signedIn).toISOString(),
        signed_in_by: session.userId,
        signed_out_at: v.signedOut === null ? null : new Date(v.signedOut).toISOString(),
        signed_out_by: v.signedOut === null ? null : session.userId,
        signed_out_how: v.signedOut === null ? null : ('desk' as const),
      }
    })
    await insertChunks(trx, 'visits', visitRows)
    counts.visits = visitRows.length
  })

  const byKind = (kind: PersonKind) => people.filter((p) => p.kind === kind).length
  lines.push(
    `${people.filter((p) => p.kind === 'pupil' && !p.left_on).length} pupils (and ${people.filter((p) => p.left_on).length} who have left), ${byKind('staff')} staff, ${byKind('governor')} governors, ${byKind('volunteer')} volunteers, ${byKind('contractor')} contractors, ${byKind('visitor')} visitors`,
    `${counts.agreements} agreements to demonstration texts (placeholder wording, not a policy)`,
    `${counts.visits} visits`,
  )
  return lines
}

/** People, agreement texts, agreements and ten years of visits, for the demo command. */
export const demoPeople: DemoSeeder = { name: 'People, agreements and visits', seed: (ctx) => seedPeopleDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }
