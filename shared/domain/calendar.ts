/**
 * The calendar shows what falls due across the register: each record kind that has due dates
 * gives its items (a kind's `calendar` sources in its core descriptor), each linking to its page.
 */
export type CalendarStatus = 'overdue' | 'due' | 'upcoming' | 'done' | 'missed'

export interface CalendarItem {
  /** Which kind of item: "policy-review", "check"... */
  kind: string
  /** The word before its title in the calendar: "Review", "Check". */
  what: string
  /** Unique among the items of one answer: "policy-review:4", "check:2:2026-06-15". */
  key: string
  /** Its page in the window: "/policies/4". */
  to: string
  /** The day it shows on: a review's date; the first day of a check's period. */
  date: string
  /** When it is due by: the review date; the last day of the check's period. */
  dueBy: string
  title: string
  /** "Review of the Online safety policy"; "Web filter check, week of 06/01/2025". */
  detail: string
  status: CalendarStatus
  /** Who does it, in words: a role or a policy's owner. */
  responsible: string
}

export interface CalendarDashboard {
  today: string
  overdue: CalendarItem[]
  /** Due in the next DUE_SOON_DAYS days, soonest first. */
  dueSoon: CalendarItem[]
}
