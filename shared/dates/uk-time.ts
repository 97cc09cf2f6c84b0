// The school's clock: UK days and times in Europe/London, whatever the computer's own time zone.
// One module for the core, the command line and the window.
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/** The school's time zone: UK time, BST in summer. */
export const SCHOOL_TZ = 'Europe/London'

/** The UK calendar day (YYYY-MM-DD) at an instant: a visit at 00:30 BST belongs to that day, not the UTC one before. */
export function ukDay(at: number | string | Date): string {
  return format(new TZDate(typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime(), SCHOOL_TZ), 'yyyy-MM-dd')
}

/** Today in the school's time zone, as YYYY-MM-DD. */
export const ukToday = (now: Date | number = Date.now()): string => ukDay(now)

/** The UK wall-clock time (HH:MM) at an instant. */
export function ukTimeOfDay(at: number): string {
  return format(new TZDate(at, SCHOOL_TZ), 'HH:mm')
}

/** The UK hour (0–23) at an instant. */
export function ukHour(at: number): number {
  return new TZDate(at, SCHOOL_TZ).getHours()
}

export function ukYear(at: number): number {
  return Number(ukDay(at).slice(0, 4))
}

/** The instant of a UK wall-clock time on a UK day ("2026-06-01", "18:00" → 17:00 UTC). */
export function ukInstant(day: string, time = '00:00'): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return new TZDate(y, m - 1, d, hh, mm, SCHOOL_TZ).getTime()
}

/** The day a YYYY-MM-DD day is `days` after (or before, when negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The same day n months on (or back), kept to the month's last day: 31 January + 1 month is 28 or 29 February. */
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7)) - 1 + n
  const d = Number(day.slice(8, 10))
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10)
}

/** Whole days from one calendar day to another (negative when b is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

/** The day after a YYYY-MM-DD day. */
export const nextDay = (day: string): string => addDays(day, 1)

/** True for a YYYY-MM-DD string naming a day that exists (no 31 April, 29 February only in leap years). */
export function isRealDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return false
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900
}
