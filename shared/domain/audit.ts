export type AuditResult = 'ok' | 'refused' | 'failed'

/** One line of the audit trail: who did what, when, and how it ended. Never record content. */
export interface AuditEntry {
  id: number
  /** ISO 8601, UTC. */
  at: string
  username: string | null
  action: string
  target: string | null
  result: AuditResult
  detail: string | null
  /** The user's name as the register holds it now (null when the entry has no user, or the user is gone). */
  displayName: string | null
  /** What each `kind:id` in the target and the detail points at, in words, read with the entry (audit-references.ts). */
  references: Record<string, string>
}

export interface AuditPage {
  rows: AuditEntry[]
  total: number
}

export interface ChainVerification {
  /** The chain holds, the users' roles are the ones it gave them, and every anchor agrees. */
  ok: boolean
  checked: number
  /** The id of the first entry that does not match the chain, when one does not. */
  brokenAt: number | null
  /** Everything found, for the screen: the first problem, or that all holds. */
  message: string
  /** The chain alone: intact, or where it breaks. */
  chainMessage: string
  /** Each user's role is the one the trail last gave them. */
  roles: { ok: boolean; message: string }
  /** The register compared with each backup in the backup folder (newest first) and the file given to check against. */
  anchors: AnchorCheck[]
}

/**
 * One comparison with an anchor: what a backup or a signed report recorded of the register when
 * it was made (how long the audit trail and the incident log were, and the hash of their last
 * entries), which nobody who later holds the key can change in the copies kept elsewhere.
 */
export interface AnchorCheck {
  /** "the backup of 3 March 2027 14:05", "the report “Users and roles” issued 3 March 2027 14:05". */
  source: string
  /** The file it came from. */
  file: string
  /** Given with "check against", not found in the backup folder. */
  given: boolean
  ok: boolean
  message: string
}

/**
 * Sorting the trail by who, action or record orders every entry the filters leave (there is no
 * index for it): at most this many, a couple of months of a large school, so a page comes in a
 * moment rather than after seconds over a million entries.
 */
export const AUDIT_SORTABLE_ENTRIES = 20_000
