import { rmSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import type { SchoolProfile } from '../../../shared/domain/school'
import { DEFAULT_SETTINGS } from '../../../shared/domain/school'
import { AppError } from '../api/app-error'
import { appendAudit } from '../audit/audit-trail'
import { checkNewPassword } from '../auth/password-policy'
import { openDatabase } from '../db/database'
import { createVault, newDatabaseKey } from '../vault/vault'
import type { UserSlot } from '../vault/vault-format'
import { forgetKeys, newRoleKey, ROLE_KEY_NAMES, type RoleKeys } from '../vault/role-keys'
import { checkRecordsBegan } from '../school/school'
import { newSigningKey, privateKeyObject } from '../signing/signing-key'
import { ukDay } from '../../../shared/dates/uk-time'
import { recordRoleKeys } from './role-key-checks'
import { listSlot } from './slot-listing'
import { holdsRegister, type DataPaths } from './paths'
import { registerSigningKey } from './audit-writer'
import type { KeySlots } from './key-slots'
import type { OpenRegister } from './open-register'

export interface SetUpInput {
  school: SchoolProfile
  manager: { username: string; displayName: string; password: string }
  /** The day the school's records began; the day of set-up when not given. */
  recordsBeganOn?: string | undefined
}

/**
 * Makes a school's register on this computer, once: the database with the school, its settings and
 * the business manager's account, the role keys and the manager's signing key, then the key file
 * with the manager's slot and the recovery slot. The register is left open as the manager, and
 * the recovery key is returned for the screen to show once.
 */
export async function setUpRegister(
  { paths, register, slots, now }: { paths: DataPaths; register: OpenRegister; slots: KeySlots; now: () => number },
  input: SetUpInput,
): Promise<string> {
  if (holdsRegister(paths.dataDir)) {
    throw new AppError('conflict', 'This computer already holds a school’s register. Sign in instead; set-up runs only once.')
  }
  if (input.recordsBeganOn !== undefined) checkRecordsBegan(input.recordsBeganOn, now(), 'recordsBeganOn')
  checkNewPassword(input.manager.password, [input.manager.username, input.manager.displayName, input.school.name], 'manager.password')

  // A previous set-up that stopped half way left a database and no vault: start again.
  rmSync(paths.database, { force: true })
  rmSync(`${paths.database}-wal`, { force: true })
  rmSync(`${paths.database}-shm`, { force: true })
  writeFileSync(paths.setupMarker, new Date(now()).toISOString())

  const key = newDatabaseKey()
  const signingKey = newSigningKey()
  const roleKeys: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, newRoleKey()]))
  const schoolId = randomUUID()
  const at = new Date(now()).toISOString()
  const db = await openDatabase(paths.database, key)
  let userId = 0
  let signingKeyId = 0
  try {
    await db.transaction(async (trx) => {
      await trx('school').insert({
        id: 1,
        school_id: schoolId,
        name: input.school.name,
        address: input.school.address,
        urn: input.school.urn,
        dsl_name: input.school.dslName,
        deputy_dsl_names: JSON.stringify(input.school.deputyDslNames),
        online_safety_governor: input.school.onlineSafetyGovernor,
        // Unless the school says its records go further back (here, or later in Settings).
        records_began_on: input.recordsBeganOn ?? ukDay(now()),
        created_at: at,
        updated_at: at,
      })
      await trx('settings').insert({ key: 'app', value: JSON.stringify(DEFAULT_SETTINGS) })
      const [id] = await trx('users').insert({
        username: input.manager.username,
        display_name: input.manager.displayName,
        role: 'manager',
        must_change_password: 0,
        created_at: at,
        password_changed_at: at,
        last_sign_in_at: at,
      })
      userId = Number(id)
      await recordRoleKeys(trx, roleKeys, at)
      // The schema's standard checks were stamped by the computer's own clock; the register starts on the store's.
      await startDefaultsOn(trx, at)
      await appendAudit(trx, { userId, username: input.manager.username, action: 'setup.create', target: 'school', at })
      await appendAudit(trx, { userId, username: input.manager.username, action: 'user.create', target: `user:${userId}`, detail: 'role manager', at })
      signingKeyId = await registerSigningKey(trx, { id: userId, username: input.manager.username }, signingKey.publicKey, at)
    })
    const { data, recoveryKey } = await createVault({
      schoolId,
      dbKey: key,
      manager: { userId, username: input.manager.username, password: input.manager.password, signingKey },
      roleKeys,
      cost: slots.kdfCost,
    })
    const slot = data.slots.find((s): s is UserSlot => s.kind === 'user')!
    await listSlot(db, userId, slot)
    slots.saveVault(data)
    rmSync(paths.setupMarker, { force: true })
    register.begin({
      db,
      key,
      slotId: slot.id,
      session: { userId, username: input.manager.username, displayName: input.manager.displayName, role: 'manager', mustChangePassword: false },
      signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
      roleKeys,
    })
    return recoveryKey
  } catch (err) {
    await db.destroy()
    key.fill(0)
    forgetKeys(roleKeys)
    throw err
  }
}

/**
 * A new register's standard checks and incident categories start on set-up day as the store's
 * clock sees it (the migration that creates them has no clock of its own), so every due date
 * follows from the same "today" as everything else.
 */
async function startDefaultsOn(trx: Knex.Transaction, at: string): Promise<void> {
  await trx('check_rhythms').update({ from_on: ukDay(at) })
  await trx('check_templates').update({ created_at: at, updated_at: at })
  await trx('incident_categories').update({ created_at: at })
}
