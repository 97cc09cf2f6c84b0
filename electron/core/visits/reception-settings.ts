import { DEFAULT_RECEPTION_SETTINGS, type ReceptionSettings } from '../../../shared/domain/visits'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'

/** Kept in their own settings row, apart from the app's, so each feature owns its settings. */
const KEY = 'reception'

export async function readReceptionSettings(db: Db): Promise<ReceptionSettings> {
  const row = await db('settings').where({ key: KEY }).first()
  return { ...DEFAULT_RECEPTION_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<ReceptionSettings>) : {}) }
}

export async function updateReceptionSettings(ctx: FeatureContext, next: ReceptionSettings): Promise<ReceptionSettings> {
  const current = await readReceptionSettings(ctx.store.requireOpen().db)
  const changes = [
    current.autoSignOutAt !== next.autoSignOutAt ? `auto sign-out ${current.autoSignOutAt ?? 'off'} → ${next.autoSignOutAt ?? 'off'}` : null,
    current.visitorRetentionYears !== next.visitorRetentionYears ? `visitor retention ${current.visitorRetentionYears} → ${next.visitorRetentionYears} years` : null,
  ].filter(Boolean)
  if (changes.length === 0) return current
  await ctx.store.change({ action: 'reception.settings', detail: changes.join('; ') }, (trx) =>
    trx('settings').insert({ key: KEY, value: JSON.stringify(next) }).onConflict('key').merge(),
  )
  return next
}
