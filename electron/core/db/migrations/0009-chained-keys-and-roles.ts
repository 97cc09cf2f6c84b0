import type { Knex } from 'knex'
import { appendAudit } from '../../audit/audit-trail'
import { chainedSigningKeys, incidentLogHead, ROLE_ACTION, roleDisagreements, signingKeyEvent } from '../../audit/chained-facts'
import type { Migration } from './index'

/**
 * From this version the audit chain vouches for each user's signing key and role: a key is
 * entered when it is made, a role when it is given (audit/chained-facts.ts), and verify fails a
 * record signed with a key the chain does not know, or a role it did not give. A register made
 * before has keys and roles the chain never recorded: they are entered now, as they stand, with
 * no user and the time of the trail's last entry (a migration has no clock of its own). What was
 * signed before the upgrade is taken as it was; from here on, anything changed outside the app
 * shows. A new register has an empty trail here: set-up enters its own.
 */
export const chainedKeysAndRoles: Migration = {
  name: '0009-chained-keys-and-roles',
  async up(knex: Knex) {
    const last = (await knex('audit_log').orderBy('id', 'desc').first('at')) as { at: string } | undefined
    if (!last) return
    const at = last.at
    const entered = await chainedSigningKeys(knex)
    const head = await incidentLogHead(knex)
    const keys = (await knex('signing_keys').orderBy('id').select('id', 'user_id', 'public_key')) as { id: number; user_id: number; public_key: string }[]
    for (const key of keys) {
      if (entered.has(key.id)) continue
      const [first] = (await knex('incident_records').where({ key_id: key.id }).min({ id: 'id' })) as { id: number | null }[]
      const after = first?.id ? first.id - 1 : head
      await appendAudit(knex, { userId: null, username: null, at, ...signingKeyEvent({ id: key.id, userId: key.user_id, publicKey: key.public_key, after }) })
    }
    for (const user of await roleDisagreements(knex)) {
      await appendAudit(knex, { userId: null, username: null, at, action: ROLE_ACTION, target: `user:${user.userId}`, detail: `role ${user.role}, as the register held it at the upgrade` })
    }
  },
}
