import type { Knex } from 'knex'
import { AGREEMENT_METHODS, AUP_AUDIENCES, AUP_FORMATS } from '../../../../shared/domain/aup'
import { DBS_STATUSES, PERSON_KINDS, STAFF_GROUPS, YEAR_GROUPS } from '../../../../shared/domain/people'
import type { Migration } from './index'

/** People, acceptable use agreements and their versions, and visits at reception. New tables only. */
export const people: Migration = {
  name: '0003-people',
  async up(knex: Knex) {
    await knex.schema.createTable('people', (t) => {
      t.increments('id')
      t.text('kind').notNullable().checkIn([...PERSON_KINDS])
      t.text('forename').notNullable()
      t.text('surname').notNullable()
      t.text('preferred_forename')
      t.text('preferred_surname')
      t.text('date_of_birth') // pupils only
      t.text('year_group').checkIn([...YEAR_GROUPS])
      t.text('reg_class')
      t.text('mis_id')
      t.text('upn')
      t.text('username')
      t.text('job_title')
      t.text('staff_group').checkIn([...STAFF_GROUPS])
      t.text('organisation')
      t.text('dbs_status').checkIn([...DBS_STATUSES])
      t.text('dbs_checked_by')
      t.text('dbs_checked_on')
      t.text('left_on')
      t.text('archived_at')
      t.integer('archived_by').references('users.id')
      t.integer('safeguarding_hold').notNullable().defaultTo(0)
      t.text('hold_reason')
      t.integer('hold_set_by').references('users.id')
      t.text('hold_set_at')
      t.text('source').notNullable().checkIn(['manual', 'import', 'reception', 'demo'])
      t.text('created_at').notNullable()
      t.integer('created_by').references('users.id')
      t.text('updated_at').notNullable()
    })
    // An admission number is unique among pupils, a staff code among staff: the two may overlap.
    await knex.raw('CREATE UNIQUE INDEX people_mis_id ON people (kind, mis_id) WHERE mis_id IS NOT NULL')
    await knex.raw('CREATE UNIQUE INDEX people_username ON people (username COLLATE NOCASE) WHERE username IS NOT NULL')
    await knex.raw('CREATE INDEX people_kind ON people (kind, archived_at)')
    await knex.raw("CREATE INDEX people_pupil_groups ON people (year_group, reg_class) WHERE kind = 'pupil'")
    // Leavers are archived, never deleted; only retention removes visitors' records.
    await knex.raw(
      "CREATE TRIGGER people_keep_records BEFORE DELETE ON people WHEN OLD.kind <> 'visitor' BEGIN SELECT RAISE(ABORT, 'people are archived, not deleted'); END",
    )

    // The search key: one row per normalised name part (lower case, no accents), so "sio"
    // finds Siôn and "obr" finds O'Brien through an index range, not a scan.
    await knex.raw(
      'CREATE TABLE person_search (token TEXT NOT NULL, person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE, PRIMARY KEY (token, person_id)) WITHOUT ROWID',
    )
    await knex.raw('CREATE INDEX person_search_person ON person_search (person_id)')

    await knex.schema.createTable('aup_versions', (t) => {
      t.increments('id')
      t.text('title').notNullable()
      t.text('version_label').notNullable()
      t.text('effective_from').notNullable()
      t.text('format').notNullable().checkIn([...AUP_FORMATS])
      t.text('body').notNullable()
      t.text('created_at').notNullable()
      t.integer('created_by').notNullable().references('users.id')
      t.text('created_by_name').notNullable()
    })
    // People agreed to these exact words: a version is never changed or removed, only followed by a newer one.
    await knex.raw("CREATE TRIGGER aup_versions_no_update BEFORE UPDATE ON aup_versions BEGIN SELECT RAISE(ABORT, 'agreement texts are never changed'); END")
    await knex.raw("CREATE TRIGGER aup_versions_no_delete BEFORE DELETE ON aup_versions BEGIN SELECT RAISE(ABORT, 'agreement texts are never removed'); END")

    await knex.schema.createTable('aup_version_audiences', (t) => {
      t.integer('version_id').notNullable().references('aup_versions.id')
      t.text('audience').notNullable().checkIn([...AUP_AUDIENCES])
      t.primary(['audience', 'version_id'])
    })
    await knex.raw('CREATE INDEX aup_version_audiences_version ON aup_version_audiences (version_id)')

    // A renewal run is one dated event per audience; who is due follows from it, nobody is marked.
    await knex.schema.createTable('aup_renewals', (t) => {
      t.increments('id')
      t.text('audience').notNullable().checkIn([...AUP_AUDIENCES])
      t.text('from_date').notNullable()
      t.text('created_at').notNullable()
      t.integer('created_by').notNullable().references('users.id')
    })
    await knex.raw('CREATE INDEX aup_renewals_audience ON aup_renewals (audience, from_date)')

    await knex.schema.createTable('agreements', (t) => {
      t.increments('id')
      t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE')
      t.integer('version_id').notNullable().references('aup_versions.id')
      t.text('state').notNullable().checkIn(['agreed', 'withdrawn'])
      t.text('agreed_on')
      t.text('method').checkIn([...AGREEMENT_METHODS])
      t.binary('signature_png')
      t.text('paper_received_on')
      t.text('parent_name')
      t.text('parent_agreed_on')
      t.integer('witnessed_by').notNullable().references('users.id')
      t.text('witnessed_by_name').notNullable()
      t.text('recorded_at').notNullable()
      // A correction points at what it corrects; the old row stays as it was.
      t.integer('supersedes_id').references('agreements.id').onDelete('CASCADE')
      t.text('correction_reason')
    })
    await knex.raw('CREATE INDEX agreements_person ON agreements (person_id)')
    await knex.raw('CREATE INDEX agreements_version ON agreements (version_id)')
    await knex.raw('CREATE UNIQUE INDEX agreements_supersedes ON agreements (supersedes_id) WHERE supersedes_id IS NOT NULL')
    await knex.raw("CREATE TRIGGER agreements_no_update BEFORE UPDATE ON agreements BEGIN SELECT RAISE(ABORT, 'agreements are never edited: record a correction'); END")

    await knex.schema.createTable('visits', (t) => {
      t.increments('id')
      t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE')
      t.text('purpose').notNullable()
      t.integer('host_person_id').references('people.id').onDelete('SET NULL')
      t.text('host_name').notNullable()
      t.text('car_registration')
      t.integer('uses_ict').notNullable().defaultTo(0)
      t.integer('agreement_id').references('agreements.id').onDelete('SET NULL')
      t.text('signed_in_at').notNullable()
      t.integer('signed_in_by').references('users.id')
      t.text('signed_out_at')
      t.integer('signed_out_by').references('users.id')
      t.text('signed_out_how').checkIn(['desk', 'auto'])
    })
    await knex.raw('CREATE INDEX visits_person ON visits (person_id, signed_in_at)')
    await knex.raw('CREATE INDEX visits_signed_in ON visits (signed_in_at)')
    await knex.raw('CREATE INDEX visits_on_site ON visits (signed_in_at) WHERE signed_out_at IS NULL')
    // Without these, removing a visitor would scan every visit for each foreign key.
    await knex.raw('CREATE INDEX visits_host ON visits (host_person_id)')
    await knex.raw('CREATE INDEX visits_agreement ON visits (agreement_id)')
  },
}
