import { format } from 'date-fns'
import { TZDate } from '@date-fns/tz'

/** UK conventions throughout: Europe/London time, day before month. */
export const SCHOOL_TZ = 'Europe/London'

const inLondon = (iso: string | Date) => new TZDate(typeof iso === 'string' ? Date.parse(iso) : iso.getTime(), SCHOOL_TZ)

/** 24/11/2026 */
export const ukDate = (iso: string | Date) => format(inLondon(iso), 'dd/MM/yyyy')
/** 24/11/2026 14:05 */
export const ukDateTime = (iso: string | Date) => format(inLondon(iso), 'dd/MM/yyyy HH:mm')
/** 24 November 2026 */
export const ukLongDate = (iso: string | Date) => format(inLondon(iso), 'd MMMM yyyy')
/** 24 November 2026 14:05 */
export const ukLongDateTime = (iso: string | Date) => format(inLondon(iso), 'd MMMM yyyy HH:mm')

/** A period given as YYYY-MM-DD dates, both days included, in words. */
export function periodLabel(from: string, to: string): string {
  if (from === to) return ukLongDate(`${from}T12:00:00Z`)
  return `${ukLongDate(`${from}T12:00:00Z`)} to ${ukLongDate(`${to}T12:00:00Z`)}`
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
