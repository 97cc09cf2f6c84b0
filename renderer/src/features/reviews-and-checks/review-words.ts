import type { PeriodStatus, ReviewState } from '@shared/domain/reviews-and-checks'
import type { CalendarStatus } from '@shared/domain/calendar'
import { isoDateToUk } from '@shared/dates/uk-format'

/** Colours and words for states, the same on every screen of the feature. */
export const REVIEW_STATE_COLOURS: Readonly<Record<ReviewState, string>> = { overdue: 'error', 'due-soon': 'warning', 'in-date': 'success' }
export const PERIOD_STATUS_COLOURS: Readonly<Record<PeriodStatus, string>> = { done: 'success', missed: 'error', due: 'warning', upcoming: 'default' }
export const CALENDAR_STATUS_LABELS: Readonly<Record<CalendarStatus, string>> = { overdue: 'Overdue', due: 'Due now', upcoming: 'To come', done: 'Done', missed: 'Missed' }
export const CALENDAR_STATUS_COLOURS: Readonly<Record<CalendarStatus, string>> = { overdue: 'error', due: 'warning', upcoming: 'default', done: 'success', missed: 'error' }

/** A YYYY-MM-DD day as dd/mm/yyyy, or a dash. */
export const day = (d: string | null | undefined) => (d ? isoDateToUk(d) : '—')

/** "12 KB", "3.4 MB" */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
