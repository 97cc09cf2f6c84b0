import { format } from 'date-fns'
import { type AnnualFigures, type FigureCell } from '@shared/domain/annual-review'
import { academicYearContaining, academicYearOf, type AcademicYear } from '@shared/dates/school-year'
import { ukToday } from '@shared/dates/uk-time'

/** How many academic years before the current one the picker offers. */
export const YEARS_BACK = 10

export interface YearChoice extends AcademicYear {
  /** What the picker shows: "2025–26 (last school year)". */
  title: string
}

/** The current academic year and the ten before it, newest first. */
export function yearChoices(today: string = ukToday()): YearChoice[] {
  const current = academicYearContaining(today).startYear
  return Array.from({ length: YEARS_BACK + 1 }, (_, i) => {
    const year = academicYearOf(current - i)
    const note = i === 0 ? ' (this school year, so far)' : i === 1 ? ' (last school year)' : ''
    return { ...year, title: `${year.label}${note}` }
  })
}

/** The pack is printed in the autumn for the year just ended, so that is the year to start on. */
export function defaultStartYear(today: string = ukToday()): number {
  return academicYearContaining(today).startYear - 1
}

export function currentStartYear(today: string = ukToday()): number {
  return academicYearContaining(today).startYear
}

const n = (v: number) => v.toLocaleString('en-GB')

/** A whole-number percentage, or a dash when there is nothing to take it of. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—'
}

/** A figure from a record kind's section: a count, "12 of 40 (30%)", or its text. */
export function figureText(cell: FigureCell): string {
  if (typeof cell === 'string') return cell
  if ('count' in cell) return cell.count.toLocaleString('en-GB')
  return `${cell.part.toLocaleString('en-GB')} of ${cell.whole.toLocaleString('en-GB')} (${percent(cell.part, cell.whole)})`
}

/**
 * This year's count against last year's, in words a governor reads without doing sums:
 * "Up 3 from 9 in 2024–25 (+33%)", "Down 2 from 5 in 2024–25 (−40%)", "The same as in 2024–25 (4)".
 */
export function changeWords(now: number, before: number, previousLabel: string): string {
  if (now === before) return `The same as in ${previousLabel} (${n(before)})`
  const diff = now - before
  const share = before > 0 ? ` (${diff > 0 ? '+' : '−'}${Math.round((100 * Math.abs(diff)) / before)}%)` : ''
  return `${diff > 0 ? 'Up' : 'Down'} ${n(Math.abs(diff))} from ${before > 0 ? n(before) : 'none'} in ${previousLabel}${share}`
}

/** "24 November 2026" from YYYY-MM-DD. */
export function longDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number]
  return format(new Date(y, m - 1, d), 'd MMMM yyyy')
}

/** Where a section's figures come from, and when they were counted: none is typed in by anyone. */
export function countedFrom(records: string, figures: Pick<AnnualFigures, 'drawnOn'>): string {
  return `Counted from ${records} on ${longDay(figures.drawnOn)}.`
}

/** AUP coverage over every group: agreed to the version in force, out of everyone counted. */
export function aupCoverage(figures: Pick<AnnualFigures, 'aup'>): { agreed: number; people: number } {
  return figures.aup.groups.reduce((sum, g) => ({ agreed: sum.agreed + g.agreed, people: sum.people + g.people }), { agreed: 0, people: 0 })
}

export { plural } from '@shared/domain/plural'
