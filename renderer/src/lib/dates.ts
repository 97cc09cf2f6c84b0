import { format, isValid, parse } from 'date-fns'
import { TZDate } from '@date-fns/tz'

/** The school's clock, whatever the computer's own time zone says. */
export const SCHOOL_TIME_ZONE = 'Europe/London'

function inSchoolTime(iso: string): TZDate | null {
  const d = new TZDate(iso, SCHOOL_TIME_ZONE)
  return Number.isNaN(d.getTime()) ? null : d
}

/** dd/mm/yyyy HH:mm in UK time, or a dash when there is nothing to show. */
export function ukDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = inSchoolTime(iso)
  return d ? format(d, 'dd/MM/yyyy HH:mm') : '—'
}

/** dd/mm/yyyy in UK time. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = inSchoolTime(iso)
  return d ? format(d, 'dd/MM/yyyy') : '—'
}

const UK_DATE_FORMATS = ['dd/MM/yyyy', 'd/M/yyyy', 'dd-MM-yyyy', 'd-M-yyyy', 'dd.MM.yyyy', 'd.M.yyyy']

/**
 * Reads a date typed the UK way (31/08/2025, 1/9/2025) and gives it as YYYY-MM-DD, or null
 * when it is not a real date. Two-digit years are refused: 01/09/25 is too easy to misread.
 */
export function parseUkDate(text: string): string | null {
  const t = text.trim()
  if (!/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(t)) return null
  for (const pattern of UK_DATE_FORMATS) {
    const d = parse(t, pattern, new Date(2000, 0, 1))
    if (isValid(d)) return format(d, 'yyyy-MM-dd')
  }
  return null
}

/** YYYY-MM-DD shown as dd/mm/yyyy. */
export function isoDateToUk(iso: string): string {
  const d = parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1))
  return isValid(d) ? format(d, 'dd/MM/yyyy') : iso
}

/** HH:mm in UK time: when a visitor arrived today. */
export function ukTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = inSchoolTime(iso)
  return d ? format(d, 'HH:mm') : '—'
}

/** Today's date in the school's time zone, as YYYY-MM-DD. */
export function ukToday(now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), SCHOOL_TIME_ZONE), 'yyyy-MM-dd')
}
