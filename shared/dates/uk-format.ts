// Dates and times as a UK school office writes them: day before month, UK time, a dash for none.
import { format, isValid, parse } from 'date-fns'
import { TZDate } from '@date-fns/tz'
import { SCHOOL_TZ } from './uk-time'

type When = string | Date | null | undefined

/** The instant in UK time, or null for nothing or something that is not a date. */
function inUkTime(at: When): TZDate | null {
  if (at === null || at === undefined || at === '') return null
  const d = new TZDate(typeof at === 'string' ? Date.parse(at) : at.getTime(), SCHOOL_TZ)
  return Number.isNaN(d.getTime()) ? null : d
}

const shown = (at: When, pattern: string) => {
  const d = inUkTime(at)
  return d ? format(d, pattern) : '—'
}

/** 24/11/2026 (a dash when there is no date). */
export const ukDate = (at: When): string => shown(at, 'dd/MM/yyyy')
/** 24/11/2026 14:05 */
export const ukDateTime = (at: When): string => shown(at, 'dd/MM/yyyy HH:mm')
/** 14:05 */
export const ukTime = (at: When): string => shown(at, 'HH:mm')
/** 24 November 2026 */
export const ukLongDate = (at: When): string => shown(at, 'd MMMM yyyy')
/** 24 November 2026 14:05 */
export const ukLongDateTime = (at: When): string => shown(at, 'd MMMM yyyy HH:mm')

/** A YYYY-MM-DD day shown as dd/mm/yyyy (the day as written, no time zone involved). */
export function isoDateToUk(day: string): string {
  const d = parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1))
  return isValid(d) ? format(d, 'dd/MM/yyyy') : day
}

/** A YYYY-MM-DD day in words: 24 November 2026. */
export const ukLongDay = (day: string): string => ukLongDate(`${day}T12:00:00Z`)

/** A period given as YYYY-MM-DD dates, both days included, in words. */
export function periodLabel(from: string, to: string): string {
  if (from === to) return ukLongDay(from)
  return `${ukLongDay(from)} to ${ukLongDay(to)}`
}

/** The UTC instants bounding whole UK days from `from` to `to` inclusive. */
export function periodBounds(from: string, to: string): { start: string; end: string } {
  // Built from parts so the midnights are London's (23:00 UTC the day before, in summer).
  const midnight = (ymd: string, addDays = 0) => {
    const [y, m, d] = ymd.split('-').map(Number) as [number, number, number]
    return new Date(new TZDate(y, m - 1, d + addDays, SCHOOL_TZ).getTime()).toISOString()
  }
  return { start: midnight(from), end: midnight(to, 1) }
}
