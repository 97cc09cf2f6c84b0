import { ukDay } from './uk-time'

/**
 * Which school year a day, and a period of days, belongs to: one rule for the whole register
 * (the annual review pack, the check log, the checks screen, the dashboard). A school year runs
 * from 1 September to 31 August and is named by the calendar year it starts in.
 */

/** The school year a UK calendar day (YYYY-MM-DD) falls in, by the year it starts: 15 March 2026 → 2025. */
export function schoolYearOf(day: string): number {
  return Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)
}

/**
 * Whether a period of days (a recurring check's week, month or term) counts in a span of days: it
 * counts where its first day falls, and only there. A week from Monday 26 August to Sunday
 * 1 September counts in the school year ending on 31 August, never in both.
 */
export function periodCountsIn(period: { start: string }, from: string, to: string): boolean {
  return from <= period.start && period.start <= to
}

const YEAR_ORDER = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const

/**
 * A pupil's year group in an earlier (or the same) school year, from the year group the directory
 * holds: that is the year group of the school year they left in (`leftOn`), or of today's school
 * year for a pupil still on roll, and a pupil moves up one year group each school year. Null when
 * that would be before Reception or past Year 13 (not at school then, or not in the usual year).
 */
export function yearGroupIn<Y extends (typeof YEAR_ORDER)[number]>(recorded: Y | null, schoolYear: number, asRecordedOn: string): Y | null {
  if (!recorded) return null
  const index = YEAR_ORDER.indexOf(recorded) - (schoolYearOf(asRecordedOn) - schoolYear)
  return index >= 0 && index < YEAR_ORDER.length ? (YEAR_ORDER[index] as Y) : null
}

/** A school year's name, one style everywhere: "2025–26"; over several years, "2020–26". */
export const schoolYearLabel = (startYear: number, years = 1): string => `${startYear}–${String((startYear + years) % 100).padStart(2, '0')}`

/** An academic year: 1 September to 31 August. */
export interface AcademicYear {
  /** The calendar year it starts in: 2025 for 2025–26. */
  startYear: number
  /** YYYY-MM-DD */
  from: string
  /** YYYY-MM-DD */
  to: string
  /** "2025–26" */
  label: string
}

export function academicYearOf(startYear: number): AcademicYear {
  return { startYear, from: `${startYear}-09-01`, to: `${startYear + 1}-08-31`, label: schoolYearLabel(startYear) }
}

/** The academic year a UK calendar day (YYYY-MM-DD) falls in. */
export function academicYearContaining(day: string): AcademicYear {
  return academicYearOf(schoolYearOf(day))
}

/** The academic year containing the UK day of `today`, or `yearsBack` before it. */
export function academicYear(today: Date | number = Date.now(), yearsBack = 0): AcademicYear {
  return academicYearOf(schoolYearOf(ukDay(today)) - yearsBack)
}

/** The calendar month before the one containing the UK day of `today`. */
export function lastMonth(today: Date | number = Date.now()): { from: string; to: string; label: string } {
  const [y, m] = ukDay(today).split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(y, m - 2, 1))
  const last = new Date(Date.UTC(y, m - 1, 0))
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10), label: `${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}` }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
