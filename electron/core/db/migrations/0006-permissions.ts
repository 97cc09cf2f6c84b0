import type { Knex } from 'knex'
import { PERMISSION_KINDS, SCAN_RESULTS } from '../../../../shared/domain/permissions'
import type { Migration } from './index'

/** The columns a revocation fills, once; nothing else of a permission ever changes. */
const FIXED_COLUMNS = [
  'person_id',
  'kind',
  'device_make',
  'device_serial',
  'serial_key',
  'system_name',
  'account_name',
  'authorised_by',
  'starts_on',
  'ends_on',
  'conditions',
  'created_at',
  'created_by',
  'created_by_name',
]

/** The password and portable-media permission register, and the scans of permitted devices. New tables only. */
export const permissions: Migration = {
  name: '0006-permissions',
  async up(knex: Knex) {
    await knex.schema.createTable('permissions', (t) => {
      t.increments('id')
      t.integer('person_id').notNullable().references('people.id')
      t.text('kind').notNullable().checkIn([...PERMISSION_KINDS])
      t.text('device_make')
      t.text('device_serial')
      // The serial as looked up: upper case, no spaces or dashes.
      t.text('serial_key')
      t.text('system_name')
      t.text('account_name')
      t.text('authorised_by').notNullable()
      t.text('starts_on').notNullable()
      t.text('ends_on')
      t.text('conditions')
      t.text('created_at').notNullable()
      t.integer('created_by').notNullable().references('users.id')
      t.text('created_by_name').notNullable()
      t.text('revoked_at')
      // The UK day of revoked_at: what "in force on a date" compares with.
      t.text('revoked_on')
      t.integer('revoked_by').references('users.id')
      t.text('revoked_by_name')
      t.text('revoke_reason')
    })
    await knex.raw("CREATE INDEX permissions_serial ON permissions (serial_key) WHERE kind = 'portable-media'")
    await knex.raw('CREATE INDEX permissions_person ON permissions (person_id, starts_on)')
    await knex.raw('CREATE INDEX permissions_starts ON permissions (starts_on, id)')
    await knex.raw('CREATE INDEX permissions_ends ON permissions (ends_on) WHERE revoked_at IS NULL')
    await knex.raw('CREATE INDEX permissions_system ON permissions (system_name COLLATE NOCASE, account_name COLLATE NOCASE) WHERE system_name IS NOT NULL')
    // A permission is never removed, and only a revocation is ever added to it (once).
    await knex.raw("CREATE TRIGGER permissions_no_delete BEFORE DELETE ON permissions BEGIN SELECT RAISE(ABORT, 'permissions are revoked, never deleted'); END")
    await knex.raw(
      `CREATE TRIGGER permissions_revoke_only BEFORE UPDATE ON permissions WHEN OLD.revoked_at IS NOT NULL OR ${FIXED_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
       BEGIN SELECT RAISE(ABORT, 'a permission is never changed: revoke it and grant a new one'); END`,
    )

    await knex.schema.createTable('device_scans', (t) => {
      t.increments('id')
      t.integer('permission_id').notNullable().references('permissions.id')
      t.text('scanned_on').notNullable()
      t.text('scanned_by').notNullable()
      t.text('tool').notNullable()
      t.text('result').notNullable().checkIn([...SCAN_RESULTS])
      t.text('notes')
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
    })
    // The latest scan of a device is found through this index, for every device on every list.
    await knex.raw('CREATE INDEX device_scans_latest ON device_scans (permission_id, scanned_on, id)')
    await knex.raw("CREATE TRIGGER device_scans_no_update BEFORE UPDATE ON device_scans BEGIN SELECT RAISE(ABORT, 'scans are never changed'); END")
    await knex.raw("CREATE TRIGGER device_scans_no_delete BEFORE DELETE ON device_scans BEGIN SELECT RAISE(ABORT, 'scans are never removed'); END")
  },
}
