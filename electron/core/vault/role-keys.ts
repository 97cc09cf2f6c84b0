import { randomBytes } from 'node:crypto'
import type { Role } from '../../../shared/domain/roles'
import { decryptText, encryptText, fieldAad, FieldUnreadableError } from './field-cipher'
import { KEY_BYTES } from './key-wrap'

/**
 * The keys that open what only some roles may read (docs/vault-format.md, "Role keys"), each
 * held in the slots of the roles that need it — never in the database:
 * - `safeguarding`: the incident log's entries in every category but the ICT manager's;
 * - `ict`: the entries in the categories marked for the ICT manager (filtering and security);
 * - `reports`: the school's report-signing certificate and its private key.
 */
export const ROLE_KEY_NAMES = ['safeguarding', 'ict', 'reports'] as const
export type RoleKeyName = (typeof ROLE_KEY_NAMES)[number]

/** Which role holds which key. A changed `role` column grants nothing: keys are in slots. */
export const KEYS_OF_ROLE: Readonly<Record<Role, readonly RoleKeyName[]>> = {
  manager: ['safeguarding', 'ict', 'reports'],
  head: ['safeguarding', 'ict', 'reports'],
  dsl: ['safeguarding', 'ict'],
  ict: ['ict'],
  office: [],
}

/** The role keys a session (or a slot) holds. */
export type RoleKeys = Map<RoleKeyName, Buffer>

export function isRoleKeyName(name: string): name is RoleKeyName {
  return (ROLE_KEY_NAMES as readonly string[]).includes(name)
}

export function newRoleKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

/** The keys of `held` that a role needs. */
export function keysForRole(held: RoleKeys, role: Role): RoleKeys {
  return new Map(KEYS_OF_ROLE[role].flatMap((name) => (held.has(name) ? [[name, held.get(name)!] as const] : [])))
}

// The database keeps, for each role key, a value only that key opens: a key from a slot is used
// only if it opens it, so a key sealed to someone by a stranger is never used to encrypt.
const CHECK_TEXT = 'online-safety-register/role-key-check'

export function roleKeyCheck(name: RoleKeyName, key: Buffer): string {
  return encryptText(key, fieldAad('role_keys', name, 'check_value'), `${CHECK_TEXT}/${name}`)
}

export function passesCheck(name: RoleKeyName, key: Buffer, check: string): boolean {
  try {
    return decryptText(key, fieldAad('role_keys', name, 'check_value'), check) === `${CHECK_TEXT}/${name}`
  } catch (err) {
    if (err instanceof FieldUnreadableError) return false
    throw err
  }
}

export function forgetKeys(keys: RoleKeys): void {
  for (const key of keys.values()) key.fill(0)
  keys.clear()
}
