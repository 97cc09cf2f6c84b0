import { format } from 'date-fns'
import { TZDate } from '@date-fns/tz'
import { SCHOOL_TIME_ZONE } from '@/lib/dates'

/** The academic year (1 September – 31 August) that contains `today`, as YYYY-MM-DD dates. */
export function academicYear(today: Date = new Date(), yearsBack = 0): { from: string; to: string; label: string } {
  const d = new TZDate(today.getTime(), SCHOOL_TIME_ZONE)
  const startYear = (d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1) - yearsBack
  return { from: `${startYear}-09-01`, to: `${startYear + 1}-08-31`, label: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}` }
}

/** The calendar month before the one containing `today`. */
export function lastMonth(today: Date = new Date()): { from: string; to: string; label: string } {
  const d = new TZDate(today.getTime(), SCHOOL_TIME_ZONE)
  const first = new Date(d.getFullYear(), d.getMonth() - 1, 1)
  const last = new Date(d.getFullYear(), d.getMonth(), 0)
  return { from: format(first, 'yyyy-MM-dd'), to: format(last, 'yyyy-MM-dd'), label: format(first, 'MMMM yyyy') }
}
