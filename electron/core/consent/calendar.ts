import type { CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { plural } from '../../../shared/domain/plural'
import { schoolYearLabel, schoolYearOf } from '../../../shared/dates/school-year'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import type { CalendarSource } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'
import { formsDueBackBy, seesConsent } from './attention'
import { registerSetUpOn } from './on-roll'

/** The day a school year's forms go home: answers lapse with the school year, so they are asked for again. */
const sentOn = (startYear: number): string => `${startYear}-09-01`

async function answersBetween(ctx: FeatureContext, from: string, to: string): Promise<number> {
  const [row] = (await ctx.store.requireOpen().db('consent_answers').whereBetween('given_on', [from, to]).count({ n: '*' })) as { n: number }[]
  return Number(row?.n ?? 0)
}

/**
 * A school year's renewal: upcoming before 1 September, due until the forms are due back, done
 * once answers for that year were recorded, overdue after the due day with none, and missed once
 * that school year is over.
 */
async function renewalItem(ctx: FeatureContext, startYear: number, today: string): Promise<CalendarItem> {
  const date = sentOn(startYear)
  const dueBy = formsDueBackBy(startYear)
  const answered = today >= date ? await answersBetween(ctx, date, `${startYear + 1}-08-31`) : 0
  const status: CalendarStatus = today < date ? 'upcoming' : answered > 0 ? 'done' : today <= dueBy ? 'due' : schoolYearOf(today) === startYear ? 'overdue' : 'missed'
  const detail =
    status === 'done'
      ? `Forms came back: ${plural(answered, 'answer')} recorded for ${schoolYearLabel(startYear)}.`
      : status === 'upcoming'
        ? `Send the consent forms home at the start of the school year: answers from ${schoolYearLabel(startYear - 1)} lapse on ${isoDateToUk(`${startYear}-08-31`)}. Due back by ${isoDateToUk(dueBy)}.`
        : `Send the consent forms home: answers from ${schoolYearLabel(startYear - 1)} have lapsed. Due back by ${isoDateToUk(dueBy)}.`
  return {
    kind: 'consent-renewal',
    what: 'Renewal',
    key: `consent-renewal:${startYear}`,
    to: '/consent',
    date,
    dueBy,
    title: `Photo consent forms for ${schoolYearLabel(startYear)}`,
    detail,
    status,
    responsible: ROLE_LABELS.manager,
  }
}

/**
 * A renewal whose forms were due back before the register was set up is not the register's to
 * chase: it shows only if answers for that year were typed up (done).
 */
async function shown(ctx: FeatureContext, item: CalendarItem): Promise<boolean> {
  if (item.status === 'done') return true
  const setUpOn = await registerSetUpOn(ctx.store.requireOpen().db)
  return setUpOn === null || item.dueBy >= setUpOn
}

/** The yearly renewal of photo consent, from 1 September. Only for the roles that read consent. */
export const consentCalendar: CalendarSource = {
  async between(ctx, role, from, to, today) {
    if (!seesConsent(role)) return []
    const items: CalendarItem[] = []
    for (let y = schoolYearOf(from); y <= schoolYearOf(to) + 1; y++) {
      if (sentOn(y) < from || sentOn(y) > to) continue
      const item = await renewalItem(ctx, y, today)
      if (await shown(ctx, item)) items.push(item)
    }
    return items
  },
  async dueNow(ctx, role, today, horizon) {
    if (!seesConsent(role)) return { overdue: [], dueSoon: [] }
    const current = await renewalItem(ctx, schoolYearOf(today), today)
    const next = await renewalItem(ctx, schoolYearOf(today) + 1, today)
    const currentShown = await shown(ctx, current)
    return {
      overdue: currentShown && current.status === 'overdue' ? [current] : [],
      // The next year's forms show as due soon once 1 September is within the horizon.
      dueSoon: [...(currentShown && current.status === 'due' ? [current] : []), ...(next.date <= horizon ? [{ ...next, status: 'due' as const }] : [])],
    }
  },
}
