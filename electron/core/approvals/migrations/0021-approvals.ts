import type { Knex } from 'knex'
import { APPROVAL_KINDS, OUTCOMES, RISK_LEVELS } from '../../../../shared/features/approvals/contract'
import type { Migration } from '../../db/migrations/index'

/** Approvals and risk assessments: the requests, the headteacher's decisions and reviews, and social media account holders. New tables only. */
export const approvalsTables: Migration = {
  name: '0021-approvals',
  async up(knex: Knex) {
    await knex.schema.createTable('approvals', (t) => {
      t.increments('id')
      t.text('kind').notNullable().checkIn([...APPROVAL_KINDS])
      t.text('title').notNullable()
      t.text('purpose').notNullable()
      t.text('personal_data')
      t.text('address')
      t.text('risks').notNullable()
      t.text('mitigations').notNullable()
      t.text('risk_level').notNullable().checkIn([...RISK_LEVELS])
      t.text('requested_on').notNullable()
      t.integer('requested_by').notNullable().references('users.id')
      t.text('requested_by_name').notNullable()
      t.text('created_at').notNullable()
    })
    await knex.schema.createTable('approval_decisions', (t) => {
      t.increments('id')
      t.integer('approval_id').notNullable().references('approvals.id').onDelete('CASCADE')
      t.integer('is_review').notNullable()
      t.text('outcome').notNullable().checkIn([...OUTCOMES])
      t.text('conditions')
      t.text('reason')
      t.text('notes')
      t.text('risk_level').notNullable().checkIn([...RISK_LEVELS])
      t.text('decided_on').notNullable()
      t.text('review_on')
      t.integer('decided_by').notNullable().references('users.id')
      t.text('decided_by_name').notNullable()
      t.text('recorded_at').notNullable()
    })
    await knex.schema.createTable('approval_account_holders', (t) => {
      t.integer('approval_id').notNullable().references('approvals.id').onDelete('CASCADE')
      t.integer('person_id').notNullable().references('people.id')
      t.primary(['approval_id', 'person_id'])
    })
    await knex.raw('CREATE INDEX approval_decisions_approval ON approval_decisions (approval_id, id)')
    await knex.raw('CREATE INDEX approval_account_holders_person ON approval_account_holders (person_id)')
    // A decision is recorded once: a change of mind is a review, a new row kept with the old.
    await knex.raw("CREATE TRIGGER approvals_fixed BEFORE UPDATE ON approvals BEGIN SELECT RAISE(ABORT, 'an approval request is never changed'); END")
    await knex.raw("CREATE TRIGGER approval_decisions_fixed BEFORE UPDATE ON approval_decisions BEGIN SELECT RAISE(ABORT, 'a decision is never changed: record a review'); END")
  },
}
