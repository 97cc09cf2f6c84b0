import type { YearGroup } from '../../../shared/domain/people'
import type { DemoScale } from './demo'

/**
 * The two demo schools: the small one a one-form-entry primary, the large one a secondary with a
 * sixth form. Every seeder writes what fits its school's phase (rooms, year groups, who visits).
 */
export type SchoolPhase = 'primary' | 'secondary'

export const PHASE_OF: Readonly<Record<DemoScale, SchoolPhase>> = { small: 'primary', large: 'secondary' }

/** Year groups as numbers, Reception as 0: the first and last a pupil of the phase is in. */
export const PHASE_YEARS: Readonly<Record<SchoolPhase, { first: number; last: number }>> = {
  primary: { first: 0, last: 6 },
  secondary: { first: 7, last: 13 },
}

export const yearNumber = (year: YearGroup | string): number => (year === 'R' ? 0 : Number(year))
export const yearGroupOf = (n: number): YearGroup => (n === 0 ? 'R' : String(n)) as YearGroup
/** "Reception", "Year 4", as a record describes a pupil. */
export const yearLabel = (n: number): string => (n === 0 ? 'Reception' : `Year ${n}`)

/** The school year (by its first calendar year) a UK day falls in: 1 September to 31 August. */
export function schoolYearOfDay(day: string): number {
  return Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)
}

/** A class named for the year group ("4B", "RB", "10C"): the same letter in another year. */
export function classInYear(regClass: string | null, year: number): string | null {
  if (!regClass) return null
  return regClass.replace(/^(R|\d+)/, year === 0 ? 'R' : String(year))
}

/** A weekday in term: not August, not the Christmas fortnight. */
export function isSchoolDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay()
  const md = day.slice(5)
  return weekday !== 0 && weekday !== 6 && !md.startsWith('08-') && md < '12-21' && md > '01-03'
}
