import type { AuditResult } from '../../../shared/domain/audit'
import type { TableOf } from '../db/table-types'

/** One entry of the hash-chained, append-only audit trail. */
export interface AuditLogRow {
  id: number
  at: string
  user_id: number | null
  username: string | null
  action: string
  target: string | null
  result: AuditResult
  detail: string | null
  prev_hash: string
  hash: string
}

declare module 'knex/types/tables' {
  interface Tables {
    audit_log: TableOf<AuditLogRow, 'id'>
  }
}
