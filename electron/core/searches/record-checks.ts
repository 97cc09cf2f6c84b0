import type { Knex } from 'knex'
import { isRealDay } from '../../../shared/dates/uk-time'
import { invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { visibleIncident } from '../incidents/services'

type Db = Knex | Knex.Transaction

/** A day the register accepts for something that has happened: real, not in the future. */
export function checkPastDay(day: string, field: string, today: string, what: string): void {
  if (!isRealDay(day)) throw invalid(field, 'That date does not exist. Check the day and month.')
  if (day > today) throw invalid(field, `${what} cannot be after today. Check the date.`)
}

/** The incident a record is linked to, if the signed-in role may see it. */
export async function linkedIncident(db: Db, ctx: FeatureContext, incidentId: number | null): Promise<{ id: number; reference: string } | null> {
  if (incidentId === null) return null
  const { session } = ctx.store.requireOpen()
  try {
    const row = await visibleIncident(db, session.role, incidentId)
    return { id: row.id, reference: row.reference }
  } catch {
    throw invalid('incidentId', 'That incident is not in the log. Choose it again from the list.')
  }
}
