import { audienceOf, type AupAudience } from '../../../shared/domain/aup'
import { needsUsername, type PersonKind, type StaffGroup, type YearGroup } from '../../../shared/domain/people'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import type { RegisterStore } from '../store/register-store'
import { insertChunks, insertMany } from './bulk-insert'
import { demoSignaturePng } from './demo-signature'
import { nameTokens } from './name-search'
import { nextDay, ukDay, ukInstant } from './uk-time'
import { random, type Random } from '../demo/random'

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
const ORGANISATIONS = [
  'Kent County Council', 'NHS Kent and Medway', 'Ofsted', 'Educational Psychology Service', 'Speech and Language Therapy', 'Kent Police',
  'NSPCC', 'Barnardo’s', 'Southern Water', 'Sodexo', 'Greenfingers Grounds Ltd', 'St Mary’s Church', 'Canterbury Christ Church University',
  'County Music Service', 'Fire Safety Services Ltd', 'Capita Education', 'School Photography Co', 'Local authority SEND team',
]
const PURPOSES = [
  'Meeting with the SENCO', 'Parent meeting', 'Delivery', 'Maintenance', 'Interview', 'Workshop', 'Music lesson', 'Governor visit',
  'Safeguarding audit', 'Fire alarm service', 'Careers talk', 'Reading volunteer', 'Photographs', 'IT support', 'Training',
]
const JOB_TITLES: Readonly<Record<StaffGroup, readonly string[]>> = {
  leadership: ['Headteacher', 'Deputy Headteacher', 'Assistant Headteacher', 'School Business Manager'],
  teaching: ['Teacher of English', 'Teacher of Maths', 'Teacher of Science', 'Teacher of History', 'Class Teacher', 'SENCO', 'Teacher of PE', 'Teacher of Computing'],
  support: ['Teaching Assistant', 'HLTA', 'Office Administrator', 'IT Technician', 'Site Manager', 'Midday Supervisor', 'Librarian', 'Cover Supervisor'],
  other: ['Peripatetic Music Tutor', 'Sports Coach', 'Clerk to Governors'],
}
const DEMO_TEXT =
  'Demonstration text only: this is not a policy and must not be used as one.\n\n' +
  'Paste your school’s own acceptable use agreement here (for example Appendix 1 or 2 of your online safety policy), ' +
  'then publish it as a new version with the date it takes effect.'


interface Plan {
  pupils: { year: YearGroup; classes: string[]; count: number }[]
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
    staff: { leadership: 2, teaching: 9, support: 8, other: 1 },
    governors: 8,
    volunteers: 4,
    contractors: 3,
    visitors: 40,
    visits: 200,
    visitDays: 120,
    versionYears: 2,
  },
  // DESIGN.md's scale: a large secondary over ten years.
  large: {
    pupils: [
      ...(['7', '8', '9', '10', '11'] as YearGroup[]).map((year) => ({ year, classes: 'ABCDEFGHIJK'.split('').map((c) => `${year}${c}`), count: 330 })),
      ...(['12', '13'] as YearGroup[]).map((year) => ({ year, classes: 'ABCDEF'.split('').map((c) => `${year}${c}`), count: 175 })),
    ],
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

interface NewPerson {
  kind: PersonKind
  forename: string
  surname: string
  preferred_forename: string | null
  date_of_birth: string | null
  year_group: YearGroup | null
  reg_class: string | null
  mis_id: string | null
  upn: string | null
  username: string | null
  job_title: string | null
  staff_group: StaffGroup | null
  organisation: string | null
  dbs_status: string | null
  dbs_checked_by: string | null
  dbs_checked_on: string | null
  source: 'demo'
  created_at: string
  created_by: number
  updated_at: string
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
  const academicStart = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0)
  const name = () => ({ forename: rnd.pick(FORENAMES), surname: rnd.pick(SURNAMES) })
  const base = { preferred_forename: null, date_of_birth: null, year_group: null, reg_class: null, mis_id: null, upn: null, username: null, job_title: null, staff_group: null, organisation: null, dbs_status: null, dbs_checked_by: null, dbs_checked_on: null, source: 'demo' as const, created_at: at, created_by: session.userId, updated_at: at }
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
  let staffCode = 1
  for (const [group, count] of Object.entries(plan.staff) as [StaffGroup, number][]) {
    for (let i = 0; i < count; i++) {
      const n = name()
      people.push({ ...base, kind: 'staff', ...n, staff_group: group, job_title: rnd.pick(JOB_TITLES[group]), mis_id: `S${String(staffCode++).padStart(4, '0')}`, username: username(n.forename, n.surname, '') })
    }
  }
  const dbs = () => (rnd.chance(0.7) ? { dbs_status: 'checked', dbs_checked_by: 'Office', dbs_checked_on: today } : { dbs_status: rnd.chance(0.5) ? 'not-needed' : 'not-checked', dbs_checked_by: null, dbs_checked_on: null })
  for (let i = 0; i < plan.governors; i++) people.push({ ...base, kind: 'governor', ...name(), job_title: i === 0 ? 'Chair of Governors' : 'Governor', ...dbs() })
  for (let i = 0; i < plan.volunteers; i++) people.push({ ...base, kind: 'volunteer', ...name(), organisation: rnd.chance(0.3) ? rnd.pick(ORGANISATIONS) : null, ...dbs() })
  for (let i = 0; i < plan.contractors; i++) people.push({ ...base, kind: 'contractor', ...name(), organisation: rnd.pick(ORGANISATIONS), ...dbs() })
  for (let i = 0; i < plan.visitors; i++) people.push({ ...base, kind: 'visitor', ...name(), organisation: rnd.chance(0.6) ? rnd.pick(ORGANISATIONS) : null, ...dbs() })

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
          version_label: `${y}–${String((y + 1) % 100).padStart(2, '0')}`,
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
    const regulars = reception.slice(0, Math.max(3, Math.floor(reception.length / 12)))
    const staffIndexes = people.map((p, i) => (p.kind === 'staff' ? i : -1)).filter((i) => i >= 0)
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
      const weekday = new Date(`${d}T12:00:00Z`).getUTCDay()
      if (weekday !== 0 && weekday !== 6) days.push(d)
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
        const plate = rnd.chance(0.4) ? `${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}${rnd.int(10, 74)} ${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}${String.fromCharCode(65 + rnd.int(0, 25))}` : null
        visits.push({ person: who.i, host: rnd.pick(staffIndexes), signedIn, signedOut, purpose: rnd.pick(PURPOSES), car: plate, usesIct: rnd.chance(0.15) })
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
    const agreements: Record<string, unknown>[] = []
    const witness = { witnessed_by: session.userId, witnessed_by_name: session.displayName, supersedes_id: null, correction_reason: null, state: 'agreed' }
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
          const offset = p.year_group === 'R' ? 0 : Number(p.year_group)
          const yearThen = offset - (academicStart - y)
          if (yearThen < (scale === 'large' ? 7 : 0)) continue
          if (rnd.chance(y === academicStart ? 0.8 : 0.9)) agreed({ ...p, year_group: (yearThen === 0 ? 'R' : String(yearThen)) as YearGroup }, ids[i]!, y, true, rnd)
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
        signed_out_how: v.signedOut === null ? null : 'desk',
      }
    })
    await insertChunks(trx, 'visits', visitRows)
    counts.visits = visitRows.length
  })

  const byKind = (kind: PersonKind) => people.filter((p) => p.kind === kind).length
  lines.push(
    `${byKind('pupil')} pupils, ${byKind('staff')} staff, ${byKind('governor')} governors, ${byKind('volunteer')} volunteers, ${byKind('contractor')} contractors, ${byKind('visitor')} visitors`,
    `${counts.agreements} agreements to demonstration texts (placeholder wording, not a policy)`,
    `${counts.visits} visits`,
  )
  return lines
}

/** People, agreement texts, agreements and ten years of visits, for the demo command. */
export const demoPeople: DemoSeeder = { name: 'People, agreements and visits', seed: (ctx) => seedPeopleDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }
