import type { ApprovalStatus } from '@shared/features/approvals/contract'
import { ukDate } from '@shared/dates/uk-format'

/** Colours of the status chips: what needs someone's attention stands out. */
export const STATUS_COLOURS: Readonly<Record<ApprovalStatus, string>> = {
  awaiting: 'info',
  approved: 'success',
  'review-due': 'warning',
  lapsed: 'error',
  refused: 'grey-darken-1',
}

/** 16/06/2027, for a YYYY-MM-DD day. */
export const dayText = (day: string | null): string => (day ? ukDate(`${day}T12:00:00Z`) : '')
