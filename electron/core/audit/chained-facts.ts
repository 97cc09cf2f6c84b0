import type { Knex } from 'knex'
import { ROLES, type Role } from '../../../shared/domain/roles'
import type { AuditEvent } from './audit-trail'

/**
 * Facts the rest of the register relies on are entered in the audit chain when they come to be,
 * so that changing them in the database also means rewriting the chain (which the anchors in
 * backups and signed reports then show): each user's signing public key, and each user's role.
 */

export const SIGNING_KEY_ACTION = 'signing-key.create'
/** A user's role as the register held it when the chain began to vouch for roles (the upgrade). */
export const ROLE_ACTION = 'user.role'

const KEY_DETAIL = /^user (\d+); Ed25519 public key ([A-Za-z0-9+/]{43}=); signs incident records after no\. (\d+)$/

/**
 * The audit entry for a new signing key. `after` is the number of the incident log's last
 * record when the key was entered: the key can have signed only records after it.
 */
export function signingKeyEvent(key: { id: number; userId: number; publicKey: string; after: number }): Pick<AuditEvent, 'action' | 'target' | 'detail'> {
  return {
    action: SIGNING_KEY_ACTION,
    target: `signing-key:${key.id}`,
    detail: `user ${key.userId}; Ed25519 public key ${key.publicKey}; signs incident records after no. ${key.after}`,
  }
}

export interface ChainedKey {
  userId: number
  publicKey: string
  /** The key signs only incident records numbered above this. */
  after: number
}

/** The signing keys the audit trail knows, by their row in `signing_keys` (the first entry for a row counts). */
export async function chainedSigningKeys(db: Knex | Knex.Transaction): Promise<Map<number, ChainedKey>> {
  const rows = await db('audit_log').where({ action: SIGNING_KEY_ACTION }).orderBy('id').select('target', 'detail')
  const keys = new Map<number, ChainedKey>()
  for (const row of rows) {
    const id = /^signing-key:(\d+)$/.exec(row.target ?? '')
    const detail = KEY_DETAIL.exec(row.detail ?? '')
    if (!id || !detail || keys.has(Number(id[1]))) continue
    keys.set(Number(id[1]), { userId: Number(detail[1]), publicKey: detail[2]!, after: Number(detail[3]) })
  }
  return keys
}

/** The number of the incident log's last record (0 when empty). */
export async function incidentLogHead(db: Knex | Knex.Transaction): Promise<number> {
  const [row] = (await db('incident_records').max({ id: 'id' })) as { id: number | null }[]
  return Number(row?.id ?? 0)
}

const ROLE_DETAIL = new RegExp(`^role (${ROLES.join('|')})(?: → (${ROLES.join('|')}))?`)

/**
 * Users whose role in the register is not the one the audit trail last gave them (a role set
 * in the database, outside the app, leaves no entry). Empty when every role agrees.
 */
export async function roleDisagreements(db: Knex | Knex.Transaction): Promise<{ userId: number; username: string; role: Role; chained: Role | null }[]> {
  const entries = (await db('audit_log').whereIn('action', ['user.create', 'user.update', ROLE_ACTION]).whereNotNull('target').orderBy('id').select('target', 'detail')) as {
    target: string
    detail: string | null
  }[]
  const chained = new Map<number, Role>()
  for (const entry of entries) {
    const user = /^user:(\d+)$/.exec(entry.target)
    const role = ROLE_DETAIL.exec(entry.detail ?? '')
    if (user && role) chained.set(Number(user[1]), (role[2] ?? role[1]) as Role)
  }
  const users = await db('users').select('id', 'username', 'role')
  return users.filter((u) => chained.get(u.id) !== u.role).map((u) => ({ userId: u.id, username: u.username, role: u.role, chained: chained.get(u.id) ?? null }))
}
