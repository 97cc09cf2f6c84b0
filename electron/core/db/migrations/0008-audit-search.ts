import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Searching the audit trail by words reads three short columns of every entry: at a million
 * entries the whole table no longer fits the page cache, and each search decrypted every page
 * again (about a second). This index holds just those columns (about 40 MB at a million entries),
 * so a search scans it instead (docs/benchmarks.md).
 */
export const auditSearch: Migration = {
  name: '0008-audit-search',
  async up(knex: Knex) {
    await knex.raw('CREATE INDEX audit_log_search ON audit_log (action, username, target)')
  },
}
