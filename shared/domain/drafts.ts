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
  // The incident page's own forms: what they hold is part of the safeguarding record.
  'incident.close': { sealed: true },
  'incident.step': { sealed: true },
  'incident.referral': { sealed: true },
  'incident.evidence': { sealed: true },
  'incident.category': { sealed: false },
  'person.edit': { sealed: false },
  'user.edit': { sealed: false },
  'policy.edit': { sealed: false },
  'checkTemplate.edit': { sealed: false },
  'agreement.publish': { sealed: false },
  'agreement.paper': { sealed: false },
  'agreement.paperBatch': { sealed: false },
  'visitor.edit': { sealed: false },
  'permission.revoke': { sealed: false },
  'permission.scan': { sealed: false },
  'school.profile': { sealed: false },
  'reception.settings': { sealed: false },
} as const satisfies Record<string, { sealed: boolean }>

export type DraftForm = keyof typeof DRAFT_FORMS
export const DRAFT_FORM_NAMES = Object.keys(DRAFT_FORMS) as [DraftForm, ...DraftForm[]]

/**
 * A field name a draft may never hold, at any depth: a password (or the recovery key) typed into a
 * form stays in the form and is never written anywhere until the form itself is saved.
 */
export const SECRET_FIELD = /pass(word|phrase)|recovery/i

/** The most a draft may hold (its fields as JSON): more than the largest form allows. */
export const MAX_DRAFT_CHARS = 200_000

export interface Draft {
  /** The form's fields as the renderer wrote them (JSON). */
  content: string
  /** When it was last saved (ISO). */
  savedAt: string
}
