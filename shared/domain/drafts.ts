/**
 * The forms whose typing is kept as a draft while someone writes (one draft per user, form and
 * record). Forms marked `sealed` hold safeguarding content: their drafts are encrypted with the
 * writer's safeguarding (or, for the ICT manager, ICT) role key, like the incident log itself.
 */
export const DRAFT_FORMS = {
  'incident.record': { sealed: true },
  'incident.amend': { sealed: true },
  'visit.signIn': { sealed: false },
  'policy.review': { sealed: false },
  'check.record': { sealed: false },
  'annualReview.commentary': { sealed: false },
  'filtering.record': { sealed: false },
  'permission.grant': { sealed: false },
} as const satisfies Record<string, { sealed: boolean }>

export type DraftForm = keyof typeof DRAFT_FORMS
export const DRAFT_FORM_NAMES = Object.keys(DRAFT_FORMS) as [DraftForm, ...DraftForm[]]

/** The most a draft may hold (its fields as JSON): more than the largest form allows. */
export const MAX_DRAFT_CHARS = 200_000

export interface Draft {
  /** The form's fields as the renderer wrote them (JSON). */
  content: string
  /** When it was last saved (ISO). */
  savedAt: string
}
