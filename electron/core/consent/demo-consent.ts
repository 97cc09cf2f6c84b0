import type { ConsentPurpose } from '../../../shared/features/consent/consent'
import { CONSENT_PURPOSES, OWN_CONSENT_FROM } from '../../../shared/features/consent/consent'
import { addDays, ukDay, ukInstant } from '../../../shared/dates/uk-time'
import { insertChunks } from '../db/bulk-insert'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import { isSchoolDay, schoolYearOfDay } from '../demo/phase'
import { random } from '../demo/random'
import type { PersonRow } from '../people/services'
import type { RegisterStore } from '../store/register-store'
import type { ConsentAnswerRow } from './tables'

const PARENT_FORENAMES = ['Sarah', 'James', 'Emma', 'Daniel', 'Rachel', 'Mark', 'Claire', 'Paul', 'Nadia', 'Tomasz', 'Aisha', 'Gareth', 'Priya', 'Lisa', 'Rhys', 'Joanne', 'Kwame', 'Helen']

/** How often a returned form says yes to each use: families are warier of the press and social media. */
const YES_SHARE: Readonly<Record<ConsentPurpose, number>> = { website: 0.9, newsletter: 0.95, 'social-media': 0.78, press: 0.7, recording: 0.88 }
const WITHDRAW_REASONS = ['Parent phoned the office', 'Parent emailed after a post on the school’s page', 'Family circumstances: do not publish', 'Parent wrote in']

type NewAnswer = Omit<ConsentAnswerRow, 'id'>

/** The first school days of September from `start`, up to today: when the forms come back. */
function returnDays(startYear: number, today: string): string[] {
  const days: string[] = []
  for (let d = `${startYear}-09-02`; d <= `${startYear}-09-30` && d <= today; d = addDays(d, 1)) if (isSchoolDay(d)) days.push(d)
  return days
}

/**
 * A school's consent forms: last year's round (now lapsed, kept as history) and this year's, most
 * families answering in the first weeks of September with a yes for most uses, some refusing the
 * press or social media, older secondary pupils answering for themselves, and a few withdrawals.
 */
export async function seedConsentDemo(store: RegisterStore, scale: DemoScale, now: number): Promise<string[]> {
  const { db, session } = store.requireOpen()
  if (await db('consent_answers').first()) return ['Consent answers are already there, left as they were.']
  const today = ukDay(now)
  const thisYear = schoolYearOfDay(today)
  // Pupils on roll, and those who left after last year's forms went home (last summer's leavers).
  const everyone = (await db('people')
    .where({ kind: 'pupil' })
    .where((w) => void w.whereNull('archived_at').orWhere('left_on', '>', `${thisYear - 1}-09-01`))
    .orderBy('id')) as PersonRow[]
  const pupils = everyone.filter((p) => p.archived_at === null)
  if (pupils.length === 0) return ['No demo pupils: add the demo people first.']
  const rnd = random(scale === 'small' ? 18 : 1818)
  const recordedAt = (day: string) => new Date(Math.min(now, ukInstant(day, '15:30') + 86_400_000)).toISOString()
  const rows: NewAnswer[] = []
  let withdrawals = 0

  const lastForm = { version: `September ${thisYear - 1}`, in_force_from: `${thisYear - 1}-09-01`, recorded_at: new Date(ukInstant(`${thisYear - 1}-08-28`, '10:00')).toISOString(), recorded_by: session.userId }
  const thisForm = { version: `September ${thisYear}`, in_force_from: `${thisYear}-09-01`, recorded_at: new Date(Math.min(now, ukInstant(`${thisYear}-08-28`, '10:00'))).toISOString(), recorded_by: session.userId }

  const round = (startYear: number, formId: number, returnShare: number) => {
    const days = returnDays(startYear, today)
    if (days.length === 0) return
    for (const p of startYear < thisYear ? everyone : pupils) {
      // Last year's round only for pupils who were here then: not this year's Reception or Year 7.
      if (startYear < thisYear && p.archived_at === null && (p.year_group === 'R' || p.year_group === '7')) continue
      if (!rnd.chance(returnShare)) continue
      const day = rnd.pick(days.slice(0, Math.max(1, Math.ceil(days.length * 0.8))))
      const own = p.year_group !== null && OWN_CONSENT_FROM.includes(p.year_group) && Number(p.year_group) >= 11 && rnd.chance(0.35)
      const name = own ? `${p.preferred_forename ?? p.forename} ${p.preferred_surname ?? p.surname}` : `${rnd.pick(PARENT_FORENAMES)} ${p.surname}`
      const wary = rnd.chance(0.06)
      for (const purpose of CONSENT_PURPOSES) {
        const yes = !wary && rnd.chance(YES_SHARE[purpose])
        const base = { person_id: p.id, purpose, given_by: own ? ('pupil' as const) : ('parent' as const), given_by_name: name, method: rnd.chance(0.85) ? ('paper' as const) : ('screen' as const), form_id: formId, recorded_by: session.userId }
        rows.push({ ...base, answer: yes ? 'yes' : 'no', given_on: day, note: null, recorded_at: recordedAt(day) })
        // A few families change their minds later in the term.
        if (yes && startYear === thisYear && (purpose === 'social-media' || purpose === 'press') && rnd.chance(0.015)) {
          const later = addDays(day, rnd.int(10, 60))
          if (later <= today) {
            rows.push({ ...base, answer: 'withdrawn', given_on: later, method: 'screen', note: rnd.pick(WITHDRAW_REASONS), recorded_at: recordedAt(later) })
            withdrawals++
          }
        }
      }
    }
  }

  await store.change({ action: 'consent.demo', detail: `${scale} demo consent answers` }, async (trx) => {
    const [lastId] = await trx('consent_forms').insert(lastForm)
    const [thisId] = await trx('consent_forms').insert(thisForm)
    round(thisYear - 1, lastId!, 0.9)
    round(thisYear, thisId!, 0.86)
    await insertChunks(trx, 'consent_answers', rows)
  })
  const families = new Set(rows.filter((r) => r.form_id !== null && r.given_on >= `${thisYear}-09-01`).map((r) => r.person_id)).size
  return [`${rows.length.toLocaleString('en-GB')} consent answers: ${families} of ${pupils.length} pupils’ forms back this school year, ${withdrawals} withdrawals, last year’s round kept as history.`]
}

export const demoConsent: DemoSeeder = { name: 'Photo consent', seed: (ctx) => seedConsentDemo(ctx.store, ctx.scale, ctx.store.now()) }
