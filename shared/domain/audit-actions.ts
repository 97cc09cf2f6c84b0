import { KINDS } from '../api/contract'

/**
 * The audit trail's action codes in words, for the screen and the printed trail alike: each record
 * kind gives the words for the actions it writes (`auditWords` in its contract). A code missing
 * shows as it is; tests/unit/audit-words.test.ts fails on any the core writes without words.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = Object.assign({}, ...KINDS.map((k) => k.auditWords))

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}
