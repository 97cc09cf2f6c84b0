import type { Role } from '../../../shared/domain/roles'
import type { CategoryQuestion, IncidentCategory, ProcedureStep } from '../../../shared/domain/incidents'
import { AppError, notFound } from '../api/app-error'
import type { Knex } from 'knex'
import type { Db } from '../db/database'
import type { IncidentCategoryRow } from './tables'

export function toCategory(row: IncidentCategoryRow, used: number): IncidentCategory {
  return {
    id: row.id,
    name: row.name,
    steps: JSON.parse(row.steps) as ProcedureStep[],
    noFiles: !!row.no_files,
    ict: !!row.ict,
    retiredAt: row.retired_at,
    used,
    asks: JSON.parse(row.asks) as CategoryQuestion[],
    origin: row.origin,
  }
}

/**
 * The ICT manager records and reads filtering and security incidents only (the categories
 * marked for them); the business manager, headteacher and DSL see the whole log.
 */
export function mayUseCategory(role: Role, category: Pick<IncidentCategoryRow, 'ict'>): boolean {
  return role !== 'ict' || !!category.ict
}

export async function categoryRow(db: Db | Knex.Transaction, id: number, field = 'categoryId'): Promise<IncidentCategoryRow> {
  const row = await db('incident_categories').where({ id }).first()
  if (!row) throw new AppError('validation', 'That category does not exist any more. Please choose another.', field)
  return row
}

/** A category the signed-in user may record in, and that is still in use for new records. */
export async function categoryForRecording(db: Db | Knex.Transaction, role: Role, id: number, currentId: number | null): Promise<IncidentCategoryRow> {
  const row = await categoryRow(db, id)
  if (!mayUseCategory(role, row)) {
    throw new AppError('forbidden', 'ICT staff record filtering and security incidents only. Ask the DSL or the business manager to record this one.')
  }
  if (row.retired_at && row.id !== currentId) {
    if (row.origin) {
      throw new AppError('validation', `The category “${row.name}” is switched off in this register. Choose another, or ask the business manager to switch it on under Incident categories.`, 'categoryId')
    }
    throw new AppError('validation', `The category “${row.name}” has been retired. Please choose a current one.`, 'categoryId')
  }
  return row
}

/** An incident the signed-in user may see; one they may not see is "not found", as if absent. */
export async function visibleIncident(db: Db | Knex.Transaction, role: Role, id: number): Promise<{ id: number; reference: string; category_id: number; ict: number }> {
  const row = (await db('incidents as i')
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .where('i.id', id)
    .first('i.id', 'i.reference', 'i.category_id', 'c.ict')) as { id: number; reference: string; category_id: number; ict: number } | undefined
  if (!row || !mayUseCategory(role, row)) throw notFound('That incident is not in the log (or not one you can see). Check the reference and try again.')
  return row
}

/** An incident by its reference (INC-2026-0042), if the signed-in user may see it: for another record linked to it. */
export async function visibleIncidentByReference(db: Db | Knex.Transaction, role: Role, reference: string): Promise<{ id: number; reference: string }> {
  const row = await db('incidents').where({ reference }).first('id')
  if (!row) throw notFound(`There is no incident ${reference} in the log. Check the reference and try again.`)
  const { id } = await visibleIncident(db, role, row.id)
  return { id, reference }
}

/** The references of incidents by id, for records that link to them. */
export async function incidentReferences(db: Db | Knex.Transaction, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db('incidents').whereIn('id', [...new Set(ids)]).select('id', 'reference')
  return new Map(rows.map((r) => [r.id, r.reference]))
}
