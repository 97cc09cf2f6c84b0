import type { CalendarItem } from '@shared/domain/calendar'

export interface GridDay {
  /** YYYY-MM-DD */
  date: string
  day: number
  inMonth: boolean
  isToday: boolean
  items: CalendarItem[]
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const toDay = (t: number) => new Date(t).toISOString().slice(0, 10)

export const monthTitle = (year: number, month: number) => `${MONTH_NAMES[month - 1]} ${year}`

/** The first and last day shown for a month: whole UK weeks, Monday to Sunday. */
export function gridRange(year: number, month: number): { from: string; to: string } {
  const first = Date.UTC(year, month - 1, 1)
  const last = Date.UTC(year, month, 0)
  const lead = (new Date(first).getUTCDay() + 6) % 7
  const trail = 6 - ((new Date(last).getUTCDay() + 6) % 7)
  return { from: toDay(first - lead * 86_400_000), to: toDay(last + trail * 86_400_000) }
}

/** The weeks of a month view, each day with its items (overdue first, as the core sorts them). */
export function monthWeeks(year: number, month: number, items: readonly CalendarItem[], today: string): GridDay[][] {
  const { from, to } = gridRange(year, month)
  const byDate = new Map<string, CalendarItem[]>()
  for (const item of items) byDate.set(item.date, [...(byDate.get(item.date) ?? []), item])
  const weeks: GridDay[][] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); toDay(t) <= to; t += 7 * 86_400_000) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = toDay(t + i * 86_400_000)
        return { date, day: Number(date.slice(8, 10)), inMonth: Number(date.slice(5, 7)) === month, isToday: date === today, items: byDate.get(date) ?? [] }
      }),
    )
  }
  return weeks
}

/** The month before or after. */
export function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}
