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
}

export interface AuditPage {
  rows: AuditEntry[]
  total: number
}

export interface ChainVerification {
  ok: boolean
  checked: number
  /** The id of the first entry that does not match the chain, when one does not. */
  brokenAt: number | null
  message: string
}
