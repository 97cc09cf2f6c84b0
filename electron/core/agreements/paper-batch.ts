import type { z } from 'zod'
import type { paperBatch } from '../../../shared/api/people-fields'
import { aupGroupLabel, PARENT_AUDIENCES, audienceOf, type PaperBatchResult } from '../../../shared/domain/aup'
import { AppError, invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow } from '../people/services'
import { insertAgreement, prepareAgreement } from './agreements'
import { membersOf } from './agreement-groups'
import type { PersonRow } from '../people/services'

/**
 * The signed sheets of a class or staff group that came back, recorded in one call: every row is
 * checked before anything is written, so one wrong row saves nothing, and each person's agreement
 * is its own audited action in the one transaction.
 */
export async function recordPaperBatch(ctx: FeatureContext, input: z.output<typeof paperBatch>): Promise<PaperBatchResult> {
  const { db } = ctx.store.requireOpen()
  const label = aupGroupLabel(input.group)
  const members = new Map((await membersOf(db, input.group)).map((p) => [p.id, p]))
  const seen = new Set<number>()
  const prepared: { person: PersonRow; row: Awaited<ReturnType<typeof prepareAgreement>> }[] = []
  for (const [i, entry] of input.entries.entries()) {
    const at = `entries.${i}.`
    const person = members.get(entry.personId)
    if (!person) {
      const other = await db('people').where({ id: entry.personId }).first()
      throw invalid(
        `${at}personId`,
        other
          ? `${displayNameOfRow(other)} is not in ${label}, so their agreement cannot be recorded with this group. Record it with their own group.`
          : 'One of the people ticked is no longer in the register. Refresh the list and tick again.',
      )
    }
    const name = displayNameOfRow(person)
    if (seen.has(person.id)) throw invalid(`${at}personId`, `${name} is in the list twice. Refresh the list and tick again.`)
    seen.add(person.id)
    const audience = audienceOf({ kind: person.kind, yearGroup: person.year_group })
    const withParent = audience !== null && (PARENT_AUDIENCES as readonly string[]).includes(audience)
    try {
      const row = await prepareAgreement(
        db,
        ctx,
        person,
        {
          versionId: input.versionId,
          agreedOn: entry.agreedOn,
          method: 'paper',
          paperReceivedOn: input.paperReceivedOn,
          // On the sheet the pupil and the parent or carer sign on the same day.
          ...(withParent ? { parentName: entry.parentName, parentAgreedOn: entry.agreedOn } : { parentName: entry.parentName }),
        },
        at,
      )
      prepared.push({ person, row })
    } catch (err) {
      // The whole class is on one screen: say whose row it is.
      if (err instanceof AppError && err.kind === 'validation' && !err.message.includes(name)) throw new AppError(err.kind, `${name}: ${err.message}`, err.field)
      throw err
    }
  }
  const events = prepared.map(({ person, row }) => ({ action: 'agreement.record', target: null as string | null, detail: `person:${person.id}, aup:${row.version_id}, paper, one of ${prepared.length} recorded together` }))
  const agreements = await ctx.store.changeEach(events, async (trx) => {
    const ids: { personId: number; agreementId: number }[] = []
    for (const [i, { person, row }] of prepared.entries()) {
      const agreementId = await insertAgreement(trx, row)
      events[i]!.target = `agreement:${agreementId}`
      ids.push({ personId: person.id, agreementId })
    }
    return ids
  })
  return { recorded: agreements.length, agreements }
}
