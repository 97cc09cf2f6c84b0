import { TERMS, type CheckRhythm } from '../../../shared/domain/reviews-and-checks'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { addDays } from '../../../shared/dates/uk-time'
import { schoolYearLabel } from '../../../shared/dates/school-year'

/**
 * The periods a recurring check is expected in, worked out from its rhythm. Days are UK calendar
 * days (YYYY-MM-DD) handled as UTC dates, so no clock change can move one.
 * - weekly: Monday to Sunday;
 * - monthly: calendar months;
 * - termly: the three fixed terms of TERMS (autumn Sep–Dec, spring Jan–Mar, summer Apr–Aug);
 * - yearly: school years, 1 September to 31 August;
 * - every N years: blocks of N school years, counted from the school year the rhythm started in.
 */

export interface Period {
  start: string
  end: string
  label: string
}

export interface RhythmSpan {
  from: string
  rhythm: CheckRhythm
  everyYears: number | null
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const toTime = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10)
const ymd = (y: number, m: number, d: number) => toDay(Date.UTC(y, m - 1, d))


/** The same day n months on; the 31st becomes the month's last day (31 January + 1 month = 28/29 February). */



/** dd/mm/yyyy */
export const dayToUk = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`


/** The period of a rhythm that contains a day. `anchorYear` counts blocks of several school years. */
export function periodOf(rhythm: CheckRhythm, everyYears: number | null, day: string, anchorYear = schoolYearOf(day)): Period {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7))
  switch (rhythm) {
    case 'weekly': {
      const weekday = (new Date(toTime(day)).getUTCDay() + 6) % 7 // Monday 0
      const start = addDays(day, -weekday)
      return { start, end: addDays(start, 6), label: `Week beginning ${dayToUk(start)}` }
    }
    case 'monthly':
      return { start: ymd(y, m, 1), end: ymd(y, m + 1, 0), label: `${MONTHS[m - 1]} ${y}` }
    case 'termly': {
      const term = TERMS.find((t) => m >= t.startMonth && m <= t.endMonth)!
      const school = schoolYearOf(day)
      return { start: ymd(y, term.startMonth, 1), end: ymd(y, term.endMonth + 1, 0), label: `${term.name} term ${schoolYearLabel(school)}` }
    }
    case 'yearly': {
      const school = schoolYearOf(day)
      return { start: ymd(school, 9, 1), end: ymd(school + 1, 8, 31), label: `School year ${schoolYearLabel(school)}` }
    }
    case 'years': {
      const n = everyYears ?? 2
      const school = schoolYearOf(day)
      const first = anchorYear + Math.floor((school - anchorYear) / n) * n
      return { start: ymd(first, 9, 1), end: ymd(first + n, 8, 31), label: `School years ${schoolYearLabel(first, n)}` }
    }
  }
}

/**
 * Every period expected between two days (both included), oldest first: the spans of each rhythm
 * in turn, from the period holding its start to the one holding the day before the next rhythm
 * starts. A check retired on a day is not expected in the period it was retired in, nor after.
 */
export function expectedPeriods(spans: readonly RhythmSpan[], retiredOn: string | null, from: string, to: string): Period[] {
  const ordered = [...spans].sort((a, b) => a.from.localeCompare(b.from))
  const out: Period[] = []
  ordered.forEach((span, i) => {
    const next = ordered[i + 1]?.from
    const anchor = schoolYearOf(span.from)
    let p = periodOf(span.rhythm, span.everyYears, span.from, anchor)
    while (p.start <= to && (!next || p.start < next)) {
      const cut = retiredOn !== null && p.end >= retiredOn
      if (cut) break
      if (p.end >= from) out.push(p)
      p = periodOf(span.rhythm, span.everyYears, addDays(p.end, 1), anchor)
    }
  })
  return out
}
