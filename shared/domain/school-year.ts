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
