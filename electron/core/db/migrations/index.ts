import type { Knex } from 'knex'
import { initial } from './0001-initial'
import { reports } from './0002-reports'
import { people } from './0003-people'
import { incidents } from './0004-incidents'
import { reviewsAndChecks } from './0005-reviews-and-checks'
import { permissions } from './0006-permissions'
import { annualReview } from './0007-annual-review'
import { auditSearch } from './0008-audit-search'
import { chainedKeysAndRoles } from './0009-chained-keys-and-roles'
import { keySlots } from './0010-key-slots'
import { roleKeys } from './0011-role-keys'
import { drafts } from './0012-drafts'
import { typedSignatures } from './0013-typed-signatures'
import { recordHolds } from './0014-record-holds'
import { filteringChecks } from './0015-filtering-checks'
import { reportNumbers } from './0016-report-numbers'
import { recordsBegan } from './0017-records-began'
import { consentTables } from '../../consent/migrations/0018-consent'
import { searchesTables } from '../../searches/migrations/0019-searches'
import { trainingTables } from '../../training/migrations/0020-training'
import { approvalsTables } from '../../approvals/migrations/0021-approvals'
import { fmGovernanceTables } from '../../fm-governance/migrations/0022-fm-governance'
import { governorOversightTables } from '../../governor-oversight/migrations/0023-governor-oversight'
import { incidentDetails } from '../../incidents/migrations/0024-incident-details'

export interface Migration {
  /** Also its place in the order: never rename or reorder a shipped migration. */
  name: string
  up(knex: Knex): Promise<void>
  /**
   * Set `{ transaction: false }` for a migration that alters a parent table: knex rebuilds the
   * table and, inside a transaction, ON DELETE CASCADE would empty its children (docs/stack-notes.md).
   */
  config?: { transaction: boolean }
}

/** Every migration, in order. The schema version is the number applied (PRAGMA user_version). */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  reports,
  people,
  incidents,
  reviewsAndChecks,
  permissions,
  annualReview,
  auditSearch,
  chainedKeysAndRoles,
  keySlots,
  roleKeys,
  drafts,
  typedSignatures,
  recordHolds,
  filteringChecks,
  reportNumbers,
  recordsBegan,
  consentTables,
  searchesTables,
  trainingTables,
  approvalsTables,
  fmGovernanceTables,
  governorOversightTables,
  incidentDetails,
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** knex's migration source, from this list rather than a folder scan (bundlers break scans). */
export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: () => Promise.resolve([...MIGRATIONS]),
  getMigrationName: (m) => m.name,
  getMigration: (m) =>
    Promise.resolve({ up: m.up, down: () => Promise.reject(new Error('Migrations are never undone: restore a backup instead.')), config: m.config }),
}
