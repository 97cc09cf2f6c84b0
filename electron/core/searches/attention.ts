import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { Role } from '../../../shared/domain/roles'
import { ITEM_KIND_LABELS } from '../../../shared/features/searches/contract'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import type { FeatureContext } from '../feature-kit/feature-context'
import { namedPeople } from './named-people'

/** A phone kept longer than a week is overdue to go back (or to the police): its due day sorts the longest held first. */
export const HELD_OVERDUE_DAYS = 7

const SAFEGUARDING: readonly Role[] = ['manager', 'head', 'dsl']

/**
 * Every item still held, the longest held first, until it is handed back or passed to the police;
 * a device found in an exam whose board has not been told (held or handed back); a search made without consent, or for a
 * prohibited item, whose parents have not been told (the DfE's guidance asks that they always are).
 * Only for the roles holding the safeguarding key (reception has no dashboard: its Items to collect
 * screen lists what waits at the office).
 */
export async function searchesAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (!SAFEGUARDING.includes(role)) return []
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const held = await db('confiscations').whereNull('returned_on').whereNull('police_on').orderBy([{ column: 'taken_on' }, { column: 'id' }]).select('id', 'kind', 'description', 'pupil_id', 'taken_on', 'held_where')
  const person = await namedPeople(db, held.map((h) => h.pupil_id))
  const to = '/searches'
  const items: AttentionItem[] = []
  for (const h of held) {
    const dueBy = addDays(h.taken_on, HELD_OVERDUE_DAYS)
    items.push({
      kind: 'searches',
      status: dueBy < today ? 'overdue' : 'due',
      title: `${ITEM_KIND_LABELS[h.kind]} held: ${person(h.pupil_id).name}`,
      detail: `${h.description}, held since ${isoDateToUk(h.taken_on)} (${h.held_where}). Hand it back, or pass it to the police.`,
      dueBy,
      to,
    })
  }
  // Whether or not the device has gone back: the board is told of what was found, not of what is kept.
  const untoldBoards = await db('confiscations').where({ reason: 'exam' }).whereNull('exam_board_told_on').orderBy([{ column: 'taken_on' }, { column: 'id' }]).select('pupil_id', 'taken_on', 'description')
  const examPupil = await namedPeople(db, untoldBoards.map((e) => e.pupil_id))
  for (const e of untoldBoards) {
    items.push({ kind: 'searches', status: 'overdue', title: `Tell the exam board: ${examPupil(e.pupil_id).name}`, detail: `${e.description} was found in an exam on ${isoDateToUk(e.taken_on)}: the policy says the exam board is told.`, dueBy: null, to })
  }
  {
    const untold = await db('searches').whereNull('parents_informed_on').where((w) => void w.where({ power: 'statutory-power' }).orWhere({ reason: 'prohibited-item' })).orderBy('searched_on').select('reference', 'searched_on')
    for (const s of untold) {
      items.push({ kind: 'searches', status: 'overdue', title: `Tell the parents of search ${s.reference}`, detail: `The search on ${isoDateToUk(s.searched_on)} was for a prohibited item or without consent: parents should be told.`, dueBy: null, to })
    }
  }
  return items
}
