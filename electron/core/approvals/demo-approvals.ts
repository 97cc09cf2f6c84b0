import type { ApprovalKind, Outcome, RiskLevel } from '../../../shared/features/approvals/contract'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import { PHASE_OF, type SchoolPhase } from '../demo/phase'
import { permissionsQuery, whereInForce } from '../permissions/services'
import type { RegisterStore } from '../store/register-store'

type Asker = 'manager' | 'head' | 'dsl' | 'ict'
interface DemoDecision {
  /** Days before today it was decided. */
  ago: number
  outcome: Outcome
  conditions?: string
  reason?: string
  notes?: string
  risk?: RiskLevel
  /** Days from the decision to its review. */
  reviewAfter?: number
}
interface DemoApproval {
  kind: ApprovalKind
  title: string
  purpose: string
  personalData?: string
  address?: string
  risks: string
  mitigations: string
  risk: RiskLevel
  askedBy: Asker
  /** Days before today it was asked for. */
  askedAgo: number
  /** The shared account in the permission register whose holders hold the channel. */
  account?: string
  decisions: DemoDecision[]
}

const YEAR = 365
const TEAMS: DemoApproval = {
  kind: 'remote-learning',
  title: 'Microsoft Teams for remote lessons and videoconferences',
  purpose: 'Live lessons on snow days and for pupils at home for long periods; meetings with other schools and visiting speakers.',
  personalData: 'Pupils’ school accounts (names, class), video and chat during a session; no recordings kept beyond 30 days.',
  address: 'https://teams.microsoft.com',
  risks: 'Uninvited people joining; pupils’ homes seen on camera; a session recorded without consent; chat used for bullying.',
  mitigations: 'School accounts only, lobby on, pupils cannot start meetings or chat privately; cameras optional with blurred backgrounds; two adults in every live lesson; recordings only with parental consent.',
  risk: 'medium',
  askedBy: 'ict',
  askedAgo: 2 * YEAR + 40,
  decisions: [
    { ago: 2 * YEAR + 35, outcome: 'approved-with-conditions', conditions: 'Two members of staff in every live lesson; no recordings of pupils without parental consent.', reviewAfter: YEAR },
    { ago: YEAR + 30, outcome: 'approved-with-conditions', conditions: 'Two members of staff in every live lesson; no recordings of pupils without parental consent.', notes: 'Checked the meeting settings and this year’s use; one uninvited join attempt, stopped by the lobby.', risk: 'low', reviewAfter: YEAR },
    { ago: 20, outcome: 'approved', notes: 'Settings unchanged; used on two snow days and for a visiting author. Conditions now part of the staff guidance.', risk: 'low', reviewAfter: YEAR },
  ],
}

const COMMON: DemoApproval[] = [
  {
    kind: 'social-media',
    title: 'School Facebook page',
    purpose: 'News, reminders and celebrations for parents and carers; increasing parental engagement.',
    address: 'https://www.facebook.com/therosewoodschool/',
    risks: 'Images of pupils without consent; comments from the public; account taken over; staff posting from personal accounts.',
    mitigations: 'Only pupils with photo consent and no names; comments off; two-step sign-in with a school email; posts read by a second colleague first; account details known to senior leaders.',
    risk: 'medium',
    askedBy: 'manager',
    askedAgo: 3 * YEAR,
    account: 'Facebook',
    decisions: [
      { ago: 3 * YEAR - 5, outcome: 'approved-with-conditions', conditions: 'Comments stay off; every post read by a second member of staff.', reviewAfter: YEAR },
      { ago: 2 * YEAR - 10, outcome: 'approved-with-conditions', conditions: 'Comments stay off; every post read by a second member of staff.', notes: 'No complaints; photo consent checked for every post this year.', reviewAfter: YEAR },
      { ago: YEAR - 20, outcome: 'approved-with-conditions', conditions: 'Comments stay off; every post read by a second member of staff.', notes: 'Account holders confirmed; two-step sign-in checked.', reviewAfter: YEAR },
    ],
  },
  {
    kind: 'social-media',
    title: 'School X (Twitter) account',
    purpose: 'Match results, trips and news for the wider community.',
    address: 'https://twitter.com/therosewoodsch',
    risks: 'Replies from the public; pupils identified from photographs; the account used when a member of staff leaves.',
    mitigations: 'Replies limited to followed accounts; no pupil names; password changed when an account holder leaves.',
    risk: 'medium',
    askedBy: 'head',
    askedAgo: 2 * YEAR + 60,
    account: 'Twitter / X',
    // Reviewed a year ago and not since: its review date has passed.
    decisions: [
      { ago: 2 * YEAR + 55, outcome: 'approved', reviewAfter: YEAR },
      { ago: YEAR + 45, outcome: 'approved', notes: 'Little used this year; kept for sports news.', reviewAfter: YEAR },
    ],
  },
  {
    kind: 'new-app',
    title: 'An AI homework helper chatbot (free version)',
    purpose: 'A teacher asked to let pupils use it for help with writing at home.',
    personalData: 'Whatever pupils type, kept by the provider and used to train its models; sign-up by email.',
    address: 'https://chat.openai.com',
    risks: 'Terms of use are for 13 and over (18 without parental consent); pupils’ writing and personal details kept abroad; unsuitable answers.',
    mitigations: 'None that would bring it within its terms of use for our pupils.',
    risk: 'high',
    askedBy: 'dsl',
    askedAgo: 150,
    decisions: [{ ago: 140, outcome: 'refused', reason: 'Not for pupils under its age limit, and it keeps what they type. Teachers may demonstrate a tool from their school account instead.' }],
  },
  {
    kind: 'staff-device',
    title: 'A teacher’s own phone on the forest school site',
    purpose: 'To call the office or emergency services from the woodland site, where the school radio does not reach.',
    risks: 'Photographs of pupils on a personal phone; pupils’ contact details on it.',
    mitigations: 'Calls only; no photographs (the school camera is used); the phone stays in the teacher’s pocket; no pupil numbers stored.',
    risk: 'low',
    askedBy: 'manager',
    askedAgo: 80,
    decisions: [{ ago: 78, outcome: 'approved-with-conditions', conditions: 'Calls in an emergency only; no photographs or messages; until the radio repeater is fitted.', reviewAfter: 200 }],
  },
]

const BY_PHASE: Readonly<Record<SchoolPhase, DemoApproval[]>> = {
  primary: [
    {
      kind: 'new-app',
      title: 'Tapestry online learning journal',
      purpose: 'Reception staff record observations and share them with parents.',
      personalData: 'Pupils’ names, dates of birth, photographs and observations; parents’ names and email addresses.',
      address: 'https://tapestry.info',
      risks: 'Photographs of pupils shared beyond the family; staff uploading from personal phones; a parent seeing another child’s journal.',
      mitigations: 'School iPads only; parents agree not to share; two-step sign-in for staff; group photos not posted to individual journals.',
      risk: 'medium',
      askedBy: 'manager',
      askedAgo: YEAR + 70,
      decisions: [
        { ago: YEAR + 60, outcome: 'approved-with-conditions', conditions: 'School iPads only; no group photographs in individual journals.', reviewAfter: YEAR },
        { ago: 50, outcome: 'approved-with-conditions', conditions: 'School iPads only; no group photographs in individual journals.', notes: 'Data processing terms reread; no incidents; parents’ agreement added to the Reception welcome pack.', risk: 'low', reviewAfter: YEAR },
      ],
    },
    {
      kind: 'new-app',
      title: 'Purple Mash',
      purpose: 'Computing and cross-curricular activities from Year 1 to Year 6.',
      personalData: 'Pupils’ names, class and work; pupils sign in with school-made usernames.',
      address: 'https://www.purplemash.com',
      risks: 'Pupils sharing their work publicly; weak passwords.',
      mitigations: 'Sharing to class only; picture passwords in Key Stage 1; teachers approve blog posts.',
      risk: 'low',
      askedBy: 'ict',
      askedAgo: 220,
      decisions: [{ ago: 215, outcome: 'approved', reviewAfter: YEAR }],
    },
    {
      kind: 'new-app',
      title: 'Canva for Education',
      purpose: 'Upper Key Stage 2 posters and presentations.',
      personalData: 'Pupils’ names and school email addresses; their designs.',
      address: 'https://www.canva.com/education/',
      risks: 'Pupils finding unsuitable images in the library; sharing designs publicly.',
      mitigations: 'Education account with the school’s filtering; sharing within the class only.',
      risk: 'low',
      askedBy: 'ict',
      askedAgo: 6,
      decisions: [],
    },
  ],
  secondary: [
    {
      kind: 'new-app',
      title: 'Sparx Maths homework',
      purpose: 'Personalised maths homework for Years 7 to 11.',
      personalData: 'Pupils’ names, class, attainment and homework answers, from the school’s MIS.',
      address: 'https://sparxmaths.com',
      risks: 'Attainment data leaving the school; pupils sharing logins.',
      mitigations: 'Data processing agreement signed; single sign-on with school accounts; only class and attainment fields shared.',
      risk: 'low',
      askedBy: 'manager',
      askedAgo: YEAR + 100,
      decisions: [
        { ago: YEAR + 90, outcome: 'approved', reviewAfter: YEAR },
        { ago: 40, outcome: 'approved', notes: 'Data fields shared rechecked with the data protection officer.', reviewAfter: YEAR },
      ],
    },
    {
      kind: 'pupil-phone',
      title: 'Year 10 geography fieldwork: phones to photograph river sites',
      purpose: 'Pupils photograph and geotag measurement sites on the river study for their GCSE fieldwork.',
      risks: 'Photographs of other people; phones used for other things; pupils’ locations shared.',
      mitigations: 'Phones out only at each site and put away after; no people in photographs; location sharing off; photos uploaded to the school drive then deleted.',
      risk: 'low',
      askedBy: 'dsl',
      askedAgo: 60,
      decisions: [{ ago: 55, outcome: 'approved-with-conditions', conditions: 'On the fieldwork day only; teacher checks phones are put away between sites.', reviewAfter: 120 }],
    },
    {
      kind: 'social-media',
      title: 'School Instagram account for the sixth form',
      purpose: 'Sixth form open evening and university news for prospective students.',
      address: 'https://www.instagram.com/therosewoodsixthform/',
      risks: 'Younger pupils following and messaging; images of pupils without consent; direct messages from adults.',
      mitigations: 'Direct messages off; sixth formers only in images, with consent; comments filtered; two account holders.',
      risk: 'medium',
      askedBy: 'manager',
      askedAgo: 9,
      // Run by the staff who already run the school's Facebook page.
      account: 'Facebook',
      decisions: [],
    },
  ],
}

const WORKDAY_BACK: Readonly<Record<number, number>> = { 0: 2, 6: 1 }
/** The school day on or before a number of days ago (weekends move to the Friday). */
function schoolDay(today: string, ago: number): string {
  const day = addDays(today, -ago)
  return addDays(day, -(WORKDAY_BACK[new Date(`${day}T12:00:00Z`).getUTCDay()] ?? 0))
}

export async function seedApprovalsDemo(store: RegisterStore, scale: DemoScale, options: { now?: number } = {}): Promise<string[]> {
  const { db, session } = store.requireOpen()
  if (await db('approvals').first()) return ['Approvals are already there, left as they were.']
  const now = options.now ?? Date.now()
  const today = ukDay(now)
  const at = new Date(now).toISOString()
  const users = await db('users').select('id', 'display_name', 'role').orderBy('id')
  const userFor = (role: Asker) => users.find((u) => u.role === role) ?? { id: session.userId, display_name: session.displayName }
  const head = userFor('head')
  const plan = [TEAMS, ...COMMON, ...BY_PHASE[PHASE_OF[scale]]]
  // The channels' account holders are the staff the permission register says hold the account now.
  const holders = (await whereInForce(permissionsQuery(db), today).where('p.kind', 'credential-holder').select('p.person_id as holder', 'p.system_name as account')) as { holder: number; account: string }[]
  let decisions = 0
  await store.change({ action: 'approvals.demo', detail: `${plan.length} approvals` }, async (trx) => {
    for (const a of plan) {
      const asker = userFor(a.askedBy)
      const [id] = await trx('approvals').insert({
        kind: a.kind,
        title: a.title,
        purpose: a.purpose,
        personal_data: a.personalData ?? null,
        address: a.address ?? null,
        risks: a.risks,
        mitigations: a.mitigations,
        risk_level: a.risk,
        requested_on: schoolDay(today, a.askedAgo),
        requested_by: asker.id,
        requested_by_name: asker.display_name,
        created_at: at,
      })
      const names = [...new Set(holders.filter((h) => h.account === a.account).map((h) => h.holder))]
      if (names.length > 0) await trx('approval_account_holders').insert(names.map((person_id) => ({ approval_id: id!, person_id })))
      for (const [i, d] of a.decisions.entries()) {
        const decidedOn = schoolDay(today, d.ago)
        await trx('approval_decisions').insert({
          approval_id: id!,
          is_review: i === 0 ? 0 : 1,
          outcome: d.outcome,
          conditions: d.conditions ?? null,
          reason: d.reason ?? null,
          notes: d.notes ?? null,
          risk_level: d.risk ?? a.risk,
          decided_on: decidedOn,
          review_on: d.reviewAfter ? addDays(decidedOn, d.reviewAfter) : null,
          decided_by: head.id,
          decided_by_name: head.display_name,
          recorded_at: at,
        })
        decisions++
      }
    }
  })
  return [`${plan.length} approvals with their risk assessments, ${decisions} decisions and reviews by the headteacher.`]
}

export const demoApprovals: DemoSeeder = { name: 'Approvals and risk assessments', seed: (ctx) => seedApprovalsDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }
