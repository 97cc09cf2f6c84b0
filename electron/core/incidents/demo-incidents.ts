import type { IncidentDevice, IncidentPart, ProcedureStep, ReferralAgency } from '../../../shared/domain/incidents'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import { random, type Random } from '../demo/random'
import type { RegisterStore } from '../store/register-store'
import { ukDay, ukInstant, ukTimeOfDay } from '../people/uk-time'
import { addReferralWithin, amendWithin, recordWithin, stepWithin, type BatchContext, type EntryInput } from './incidents'
import { currentVersion, foldRecords, incidentRecords, refreshIncident } from './incident-state'

/** Demonstration incidents, in the app's own words. Invented: no real event is described. */
const STORIES: Record<string, { place: string[]; description: string[]; action: string[]; words: string[]; device: IncidentDevice; onSite: number }> = {
  'Youth-produced': {
    place: ['Year 10 form room', 'Changing rooms corridor', 'At home (reported at school)'],
    description: [
      'A pupil told their tutor that a picture of them was being passed around a group chat after they were pressured into sending it.',
      'Friends reported that a pupil had been asked by an older pupil, over social media, to send a revealing picture.',
    ],
    action: ['Tutor did not view or copy anything and went straight to the DSL. Phone handed in and locked in the safe.', 'DSL spoke with the pupil with a trusted adult present.'],
    words: ['I only sent it to one person and now everyone has it.', 'He kept asking and asking.'],
    device: 'personal',
    onSite: 0.4,
  },
  'Online child sexual abuse': {
    place: ['Library', 'At home (reported at school)'],
    description: ['A pupil disclosed that an adult they met in an online game had asked to meet and offered gifts.', 'A pupil said someone online was asking them to carry packages for money.'],
    action: ['DSL informed immediately; pupil supported by the pastoral lead.', 'Parents called in; the account details were written down, not screenshotted.'],
    words: ['He said he was fifteen too.', 'They said it was easy money.'],
    device: 'personal',
    onSite: 0.2,
  },
  'Indecent images': {
    place: ['ICT suite 1', 'Staff workroom'],
    description: ['A pupil was shown an indecent image of a child on another pupil’s phone during break.', 'A teacher was sent a link which appeared to lead to indecent images of children.'],
    action: ['Device kept switched off and locked away; nobody viewed it further. Web address passed to the DSL.'],
    words: [],
    device: 'personal',
    onSite: 0.9,
  },
  Radicalisation: {
    place: ['Humanities classroom', 'Library'],
    description: ['A pupil repeatedly searched for extremist videos and shared one in a class chat.', 'Comments supporting a banned group were posted on a pupil’s public profile.'],
    action: ['DSL informed; searches reviewed with the ICT manager.'],
    words: ['It’s just what I believe.'],
    device: 'school',
    onSite: 0.7,
  },
  Cyberbullying: {
    place: ['Year 8 form room', 'Canteen', 'At home (reported at school)', 'Year 9 group chat'],
    description: [
      'A pupil was left out of a class group chat and then mocked about it in a new chat set up by classmates.',
      'Edited photos of a pupil were posted with unkind captions on a social media account.',
      'A pupil received repeated messages telling them nobody liked them.',
    ],
    action: ['Messages described by the pupil; form tutor and head of year informed.', 'Parents of the pupils involved contacted; the account was reported to the platform.'],
    words: ['They keep making new chats without me.', 'I don’t want to come in tomorrow.'],
    device: 'personal',
    onSite: 0.3,
  },
  'Online hate': {
    place: ['Year 11 common room', 'School social media page'],
    description: ['Racist comments were posted under a video on the school’s social media page.', 'A pupil shared a homophobic meme about a classmate.'],
    action: ['Comments hidden and reported; the pupils involved were identified and spoken to.'],
    words: [],
    device: 'personal',
    onSite: 0.5,
  },
  'Filtering breach': {
    place: ['ICT suite 2', 'Library PCs', 'Year 7 laptops trolley'],
    description: ['A gambling website was reachable on the library computers.', 'Pupils found a proxy site that got past the web filter.', 'A violent video site loaded on a classroom laptop.'],
    action: ['Site blocked by the ICT manager the same day and the provider informed.', 'Filter logs checked for other users reaching the site.'],
    words: [],
    device: 'school',
    onSite: 1,
  },
  'Staff misuse': {
    place: ['Staff workroom', 'Classroom'],
    description: ['A member of staff used a personal phone to photograph pupils’ work including pupils’ faces.', 'A member of staff shared a pupil’s personal details in a public online post.'],
    action: ['Headteacher informed the same day.'],
    words: [],
    device: 'personal',
    onSite: 0.8,
  },
  'Data or security breach': {
    place: ['School office', 'Off site (staff home)'],
    description: ['An email with a class list was sent to the wrong parent.', 'A staff laptop was left unlocked on a train.', 'A phishing email led a member of staff to type their password into a fake page.'],
    action: ['Recipient asked to delete the email; data protection officer told.', 'Password reset and sign-ins checked.'],
    words: [],
    device: 'school',
    onSite: 0.6,
  },
  Other: {
    place: ['Playground', 'At home (reported at school)'],
    description: ['A parent reported that their child had been contacted by a stranger through a gaming headset.', 'A pupil was worried about a viral online “challenge”.'],
    action: ['Advice given to the pupil and parent about blocking and reporting.'],
    words: ['I was scared to tell anyone.'],
    device: 'personal',
    onSite: 0.3,
  },
}

const NOT_NEEDED: Partial<Record<ProcedureStep, string>> = {
  police: 'No crime suspected after advice from the education safeguarding team.',
  'social-work': 'Below the threshold for a referral; support in school is enough.',
  'parents-informed': 'Pupil is 17 and asked that parents are not told; DSL agreed after assessing risk.',
  sanctions: 'The pupil was the one harmed; no sanction appropriate.',
  'provider-contacted': 'The content was removed by the pupil straight away.',
  lado: 'The concern does not meet the harm threshold for a LADO referral.',
}

const REFERRAL_FOR: Partial<Record<ProcedureStep, ReferralAgency>> = {
  police: 'Police',
  'social-work': 'Children’s social work service',
  lado: 'LADO',
  iwf: 'Internet Watch Foundation',
  ceop: 'CEOP',
  prevent: 'Prevent (Channel)',
}

const PARTS: IncidentPart[] = ['affected', 'alleged', 'witness', 'reporter']

function storyFor(categoryName: string) {
  const key = Object.keys(STORIES).find((k) => categoryName.startsWith(k))
  return STORIES[key ?? 'Other']!
}

function hhmm(rnd: Random): string {
  return `${String(rnd.int(8, 16)).padStart(2, '0')}:${String(rnd.pick([0, 5, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`
}

/**
 * Demonstration incidents with checklists, referrals, amendments and evidence, recorded as if
 * through the years (each record carries the time it would have been made), signed by the person
 * running the seed, in one transaction with one audit entry. Skipped when the log has entries.
 */
export async function seedIncidentsDemo(store: RegisterStore, scale: DemoScale, options: { now?: number; years?: number; perYear?: number } = {}): Promise<string[]> {
  const { db } = store.requireOpen()
  if (await db('incidents').first('id')) return ['The incident log already has entries, left as they were.']
  const rnd = random(scale === 'small' ? 11 : 2027)
  const now = options.now ?? Date.now()
  const years = options.years ?? (scale === 'large' ? 10 : 1)
  const perYear = options.perYear ?? (scale === 'large' ? 300 : 14)
  const pupils = (await db('people').where({ kind: 'pupil' }).whereNull('archived_at').limit(3000).pluck('id')) as number[]
  const staff = (await db('people').where({ kind: 'staff' }).limit(300).pluck('id')) as number[]
  const categories = (await db('incident_categories').whereNull('retired_at').select('id', 'name', 'steps', 'no_files')) as { id: number; name: string; steps: string; no_files: number }[]
  if (!pupils.length) return ['No pupils in the directory, so no demo incidents were added.']

  // Most incidents are bullying, filtering and data; the gravest are rare.
  const weights = categories.map((c) => (/Cyberbullying|Filtering|Data/.test(c.name) ? 6 : /Other|hate|Staff/.test(c.name) ? 3 : 1))
  const pickCategory = () => {
    let r = rnd.next() * weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < categories.length; i++) if ((r -= weights[i]!) < 0) return categories[i]!
    return categories.at(-1)!
  }
  const total = years * perYear
  const span = years * 365 * 86_400_000
  // School hours on random days, oldest first so the chain runs in time order.
  const times = Array.from({ length: total }, () => ukInstant(ukDay(now - 2 * 86_400_000 - rnd.next() * span), hhmm(rnd))).sort((a, b) => a - b)

  let clock = 0
  const ctx: BatchContext = { store, now: () => clock, changedIncidents: new Set() }
  let amended = 0
  let referrals = 0
  await store.change({ action: 'incident.demo', target: 'incidents', detail: `${total} entries` }, async (trx) => {
    for (const occurred of times) {
      const category = pickCategory()
      const story = storyFor(category.name)
      const steps = JSON.parse(category.steps) as ProcedureStep[]
      clock = occurred
      const occurredOn = ukDay(occurred)
      const people: EntryInput['people'] = [{ personId: rnd.pick(pupils), part: 'affected' }]
      if (rnd.chance(0.6)) people.push({ personId: rnd.pick(pupils), part: rnd.pick(PARTS.slice(1)) })
      if (/Staff/.test(category.name) && staff.length) people.push({ personId: rnd.pick(staff), part: 'alleged' })
      const unique = people.filter((p, i) => people.findIndex((q) => q.personId === p.personId) === i)
      const entry: EntryInput = {
        occurredOn,
        occurredTime: rnd.chance(0.8) ? ukTimeOfDay(occurred) : null,
        place: rnd.pick(story.place),
        onSite: rnd.chance(story.onSite),
        device: story.device,
        categoryId: category.id,
        description: rnd.pick(story.description),
        actionTaken: rnd.pick(story.action),
        childsWords: story.words.length && rnd.chance(0.5) ? rnd.pick(story.words) : null,
        people: unique,
        status: 'open',
        outcome: null,
      }
      // Recorded the same day mostly; now and then the next day (a backdated entry).
      clock = Math.min(now - 86_400_000, occurred + (rnd.chance(0.85) ? rnd.int(10, 240) : rnd.int(1_000, 3_000)) * 60_000)
      const id = await recordWithin(ctx, trx, entry)
      const recent = now - occurred < 21 * 86_400_000
      for (const step of steps) {
        if (recent && rnd.chance(0.5)) continue
        clock += rnd.int(10, 90) * 60_000
        if (clock >= now) break
        const notNeeded = NOT_NEEDED[step]
        if (notNeeded && rnd.chance(0.45)) {
          await stepWithin(ctx, trx, { incidentId: id, step, state: 'not-needed', note: notNeeded })
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
      const laterDay = (days: number) => ukInstant(ukDay(clock + days * 86_400_000), hhmm(rnd))
      if (rnd.chance(0.25) && laterDay(1) < now) {
        clock = laterDay(1)
        const current = currentVersion(foldRecords(await incidentRecords(trx, store, id))).body.entry
        await amendWithin(ctx, trx, id, { ...current, actionTaken: `${current.actionTaken} Follow-up meeting held with the pupil and family.` }, 'Added the follow-up meeting.')
        amended++
      }
      const closing = laterDay(rnd.int(2, 20))
      if (!recent && closing < now) {
        clock = closing
        const current = currentVersion(foldRecords(await incidentRecords(trx, store, id))).body.entry
        await amendWithin(ctx, trx, id, { ...current, status: 'closed', outcome: 'Actions complete; pupil reports feeling safe. Reviewed at the pastoral meeting.' }, 'Closed after the review.')
      }
      for (const changedId of ctx.changedIncidents) await refreshIncident(trx, store, changedId)
      ctx.changedIncidents.clear()
    }
  })
  return [`${total} incidents over ${years === 1 ? 'the last year' : `${years} years`}, ${amended} amended, ${referrals} referrals, with their checklists.`]
}

export const demoIncidents: DemoSeeder = { name: 'Incident log', seed: (ctx) => seedIncidentsDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }
