import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { TermTrend } from '@shared/domain/annual-review'
import type { BarChart } from '@shared/charts/bar-chart-option'
import { SCHOOL_TZ } from '@shared/dates/uk-time'

/** How many things to list before the "Show all" button: the first screen should stay short. */
export const ATTENTION_SHOWN = 8

/** "Good morning" by the school's clock, not the computer's. */
export function greeting(now: Date, name: string): string {
  const hour = new TZDate(now.getTime(), SCHOOL_TZ).getHours()
  const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'
  const first = name.trim().split(/\s+/)[0]
  return first ? `Good ${part}, ${first}` : `Good ${part}`
}

/** "Tuesday 24 November 2026" from YYYY-MM-DD. */
export function longDay(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number)
  if (!y || !m || !d) return ymd
  return format(new Date(y, m - 1, d), 'EEEE d MMMM yyyy')
}

export const countOf = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** The trend in one sentence, so the chart is never the only way to read it. */
export function trendWords(trend: TermTrend): string {
  if (trend.total === 0 && trend.previousTotal === 0) return 'No incidents have been recorded this term, nor in the same months last year.'
  return `${countOf(trend.total, 'incident')} so far this term, ${trend.previousTotal.toLocaleString('en-GB')} in the same months last year.`
}

/** This term against the same term a year before, month by month. */
export function trendChart(trend: TermTrend): BarChart {
  return {
    categories: trend.months.map((m) => m.label),
    series: [
      { name: trend.term, counts: trend.months.map((m) => m.count) },
      { name: trend.previousTerm, counts: trend.months.map((m) => m.previous) },
    ],
  }
}
