import type { Knex } from 'knex'
import type { Migration } from '../../db/migrations/index'

/** Filtering and monitoring governance: the named responsibilities, the yearly reviews and their actions, the monitoring alerts. */
export const fmGovernanceTables: Migration = {
  name: '0022-fm-governance',
  async up(knex: Knex) {
    await knex.schema.createTable('fm_roles', (t) => {
      t.text('role').primary()
      // A person leaving the directory must not take the record of who held the role with them: the name is kept too.
      t.integer('person_id').references('people.id').onDelete('SET NULL')
      t.text('name').notNullable()
      t.text('responsibilities').notNullable()
      t.text('updated_on').notNullable()
      t.text('updated_by_name').notNullable()
    })
    await knex.schema.createTable('fm_reviews', (t) => {
      t.increments('id')
      t.text('reviewed_on').notNullable()
      t.text('reviewed_by').notNullable()
      t.text('risk_profile').notNullable()
      t.text('filtering').notNullable()
      t.integer('iwf_list').notNullable()
      t.integer('counter_terrorism_list').notNullable()
      t.text('lists_note').notNullable()
      t.text('guest_network').notNullable()
      t.text('personal_devices').notNullable()
      t.text('over_blocking').notNullable()
      t.text('monitoring_strategy').notNullable()
      t.text('alert_handling').notNullable()
      t.text('next_review_on').notNullable()
      t.text('recorded_at').notNullable()
      t.text('recorded_by_name').notNullable()
      t.index(['reviewed_on'])
    })
    await knex.schema.createTable('fm_review_actions', (t) => {
      t.increments('id')
      t.integer('review_id').notNullable().references('fm_reviews.id').onDelete('CASCADE')
      t.text('action').notNullable()
      t.text('owner').notNullable()
      t.text('due_on').notNullable()
      t.text('done_on')
      t.text('done_note')
      t.index(['review_id'])
    })
    await knex.schema.createTable('fm_alerts', (t) => {
      t.increments('id')
      t.text('alerted_on').notNullable()
      t.text('source').notNullable()
      t.text('what').notNullable()
      t.text('device_or_user').notNullable()
      t.text('state').notNullable()
      t.integer('incident_id').references('incidents.id')
      t.text('closed_reason')
      t.text('triaged_on')
      t.text('triaged_by_name')
      t.text('recorded_at').notNullable()
      t.text('recorded_by_name').notNullable()
      t.index(['alerted_on'])
      t.index(['state'])
    })
  },
}
