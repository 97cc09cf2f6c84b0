import type { Knex } from 'knex'
import type { Migration } from '../../db/migrations/index'

/** The training register: who did which course when, their certificates, and who is new or a DSL. New tables only. */
export const trainingTables: Migration = {
  name: '0020-training',
  async up(knex: Knex) {
    await knex.schema.createTable('training_records', (t) => {
      t.increments('id')
      // A person's training goes with them only if the directory ever deletes them (it does not delete staff).
      t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE')
      t.text('course').notNullable()
      t.text('completed_on').notNullable()
      t.text('provider').notNullable()
      // A JSON array of requirement names ("induction", "refresher"...): one session can count for several.
      t.text('counts_for').notNullable()
      t.text('source').notNullable().checkIn(['manual', 'import', 'demo'])
      t.text('recorded_at').notNullable()
      t.text('recorded_by_name').notNullable()
      // The same course on the same day twice for one person is the same training: an import run twice adds nothing.
      t.unique(['person_id', 'course', 'completed_on'])
      t.index(['completed_on'])
    })
    await knex.schema.createTable('training_certificates', (t) => {
      t.integer('record_id').primary().references('training_records.id').onDelete('CASCADE')
      t.text('file_name').notNullable()
      t.text('media_type').notNullable()
      t.integer('size').notNullable()
      t.text('sha256').notNullable()
      t.binary('content').notNullable()
      t.text('attached_at').notNullable()
      t.text('attached_by_name').notNullable()
    })
    await knex.schema.createTable('training_people', (t) => {
      t.integer('person_id').primary().references('people.id').onDelete('CASCADE')
      t.text('started_on')
      t.text('designation').checkIn(['dsl', 'deputy'])
      t.text('updated_at').notNullable()
    })
  },
}
