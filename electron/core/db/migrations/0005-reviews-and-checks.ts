import type { Knex } from 'knex'
import { CHECK_RESULTS, CHECK_RHYTHMS, CHECK_ROLES, DEFAULT_CHECK_TEMPLATES, FILTER_CHANGES, FILTER_TARGETS, POLICY_DOCUMENT_KINDS } from '../../../../shared/domain/reviews-and-checks'
import type { Migration } from './index'

const never = (table: string, when: 'UPDATE' | 'DELETE', why: string) =>
  `CREATE TRIGGER ${table}_no_${when.toLowerCase()} BEFORE ${when} ON ${table} BEGIN SELECT RAISE(ABORT, '${why}'); END`

/**
 * Policies and their reviews, recurring check templates and the checks recorded against them,
 * and the filtering change log. New tables only; the default checks the policies name are
 * added here so every school starts with them.
 */
export const reviewsAndChecks: Migration = {
  name: '0005-reviews-and-checks',
  async up(knex: Knex) {
    await knex.schema.createTable('policies', (t) => {
      t.increments('id')
      t.text('title').notNullable()
      t.text('owner').notNullable()
      t.text('version_label')
      t.text('written_on')
      t.text('ratified_on')
      t.text('ratified_by')
      t.integer('review_interval_months').notNullable()
      t.text('next_review_on').notNullable()
      t.text('created_at').notNullable()
      t.integer('created_by').notNullable().references('users.id')
      t.text('updated_at').notNullable()
    })
    await knex.raw('CREATE UNIQUE INDEX policies_title ON policies (title COLLATE NOCASE)')
    await knex.raw('CREATE INDEX policies_next_review ON policies (next_review_on)')
    await knex.raw(never('policies', 'DELETE', 'policies stay in the calendar with their history'))

    // The document itself lives here, inside the encrypted database: no loose copy on the disk.
    await knex.schema.createTable('policy_documents', (t) => {
      t.increments('id')
      t.integer('policy_id').notNullable().references('policies.id')
      t.text('version_label').notNullable()
      t.text('file_name').notNullable()
      t.text('kind').notNullable().checkIn([...POLICY_DOCUMENT_KINDS])
      t.integer('bytes').notNullable()
      t.text('sha256').notNullable()
      t.binary('content').notNullable()
      t.text('uploaded_at').notNullable()
      t.integer('uploaded_by').notNullable().references('users.id')
      t.text('uploaded_by_name').notNullable()
    })
    await knex.raw('CREATE INDEX policy_documents_policy ON policy_documents (policy_id, id)')
    await knex.raw(never('policy_documents', 'UPDATE', 'a policy document is never changed: upload a new version'))
    await knex.raw(never('policy_documents', 'DELETE', 'policy documents are kept as the versions of the policy'))

    await knex.schema.createTable('policy_reviews', (t) => {
      t.increments('id')
      t.integer('policy_id').notNullable().references('policies.id')
      t.text('reviewed_on').notNullable()
      t.text('reviewed_by').notNullable()
      t.text('changes').notNullable()
      t.text('new_version')
      t.text('next_review_on').notNullable()
      // The incident log's table (migration 0004): a serious incident may bring a review forward.
      t.integer('incident_id').references('incidents.id')
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
      t.text('ratified_on')
      t.text('ratified_at')
      t.integer('ratified_by').references('users.id')
      t.text('ratified_by_name')
    })
    await knex.raw('CREATE INDEX policy_reviews_policy ON policy_reviews (policy_id, reviewed_on)')
    await knex.raw('CREATE INDEX policy_reviews_incident ON policy_reviews (incident_id) WHERE incident_id IS NOT NULL')
    await knex.raw(never('policy_reviews', 'DELETE', 'policy reviews are never removed'))
    // A review is written once; the only later change is its ratification, once.
    await knex.raw(
      `CREATE TRIGGER policy_reviews_ratify_once BEFORE UPDATE ON policy_reviews
       WHEN OLD.ratified_at IS NOT NULL OR NEW.ratified_at IS NULL
         OR NEW.policy_id IS NOT OLD.policy_id OR NEW.reviewed_on IS NOT OLD.reviewed_on OR NEW.reviewed_by IS NOT OLD.reviewed_by
         OR NEW.changes IS NOT OLD.changes OR NEW.new_version IS NOT OLD.new_version OR NEW.next_review_on IS NOT OLD.next_review_on
         OR NEW.incident_id IS NOT OLD.incident_id OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
       BEGIN SELECT RAISE(ABORT, 'a review is only ever ratified, once'); END`,
    )

    await knex.schema.createTable('check_templates', (t) => {
      t.increments('id')
      t.text('name').notNullable()
      t.text('description').notNullable().defaultTo('')
      t.text('responsible_role').notNullable().checkIn([...CHECK_ROLES])
      t.text('retired_on')
      t.text('created_at').notNullable()
      t.text('updated_at').notNullable()
    })
    await knex.raw('CREATE UNIQUE INDEX check_templates_name ON check_templates (name COLLATE NOCASE)')

    // A rhythm counts from its day until the next one's: changing it never rewrites what was expected before.
    await knex.schema.createTable('check_rhythms', (t) => {
      t.integer('template_id').notNullable().references('check_templates.id').onDelete('CASCADE')
      t.text('from_on').notNullable()
      t.text('rhythm').notNullable().checkIn([...CHECK_RHYTHMS])
      t.integer('every_years')
      t.primary(['template_id', 'from_on'])
    })

    await knex.schema.createTable('check_occurrences', (t) => {
      t.increments('id')
      t.integer('template_id').notNullable().references('check_templates.id')
      t.text('done_on').notNullable()
      t.text('done_by').notNullable()
      t.text('devices').notNullable().defaultTo('')
      t.text('areas').notNullable().defaultTo('')
      t.text('user_groups').notNullable().defaultTo('')
      t.text('result').notNullable().checkIn([...CHECK_RESULTS])
      t.text('action').notNullable().defaultTo('')
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
    })
    await knex.raw('CREATE INDEX check_occurrences_template ON check_occurrences (template_id, done_on)')
    await knex.raw('CREATE INDEX check_occurrences_done ON check_occurrences (done_on)')
    await knex.raw(never('check_occurrences', 'UPDATE', 'a recorded check is never changed'))
    await knex.raw(never('check_occurrences', 'DELETE', 'a recorded check is never removed'))

    // A missed check stays missed: a note explains it, and is the only thing added.
    await knex.schema.createTable('check_missed_notes', (t) => {
      t.integer('template_id').notNullable().references('check_templates.id')
      t.text('period_start').notNullable()
      t.text('note').notNullable()
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
      t.primary(['template_id', 'period_start'])
    })
    await knex.raw(never('check_missed_notes', 'UPDATE', 'a note on a missed check is never changed'))
    await knex.raw(never('check_missed_notes', 'DELETE', 'a note on a missed check is never removed'))

    // Section 9.4.4: every change to the filtering policy is logged. Append-only: a correction is a new entry.
    await knex.schema.createTable('filtering_changes', (t) => {
      t.increments('id')
      t.text('changed_on').notNullable()
      t.text('change').notNullable().checkIn([...FILTER_CHANGES])
      t.text('target_kind').notNullable().checkIn([...FILTER_TARGETS])
      t.text('target').notNullable()
      t.text('reason').notNullable()
      t.text('requested_by').notNullable()
      t.text('approved_by').notNullable()
      t.integer('corrects_id').references('filtering_changes.id')
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
    })
    await knex.raw('CREATE INDEX filtering_changes_changed ON filtering_changes (changed_on, id)')
    await knex.raw('CREATE UNIQUE INDEX filtering_changes_corrects ON filtering_changes (corrects_id) WHERE corrects_id IS NOT NULL')
    await knex.raw(never('filtering_changes', 'UPDATE', 'the filtering change log is never edited: add a correction'))
    await knex.raw(never('filtering_changes', 'DELETE', 'the filtering change log is never edited: add a correction'))

    const at = new Date().toISOString()
    const today = at.slice(0, 10)
    for (const d of DEFAULT_CHECK_TEMPLATES) {
      const [id] = (await knex('check_templates').insert({ name: d.name, description: d.description, responsible_role: d.role, created_at: at, updated_at: at })) as number[]
      await knex('check_rhythms').insert({ template_id: Number(id), from_on: today, rhythm: d.rhythm, every_years: d.everyYears })
    }
  },
}
