import { DEFAULT_PERMISSION_SETTINGS, type PermissionSettings } from '../../../shared/domain/permissions'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'

/** The scan rule has its own settings row, apart from the app's (each feature owns its settings). */
const KEY = 'permissions'

export async function readScanSettings(db: Db): Promise<PermissionSettings> {
  const row = await db('settings').where({ key: KEY }).first()
  return { ...DEFAULT_PERMISSION_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<PermissionSettings>) : {}) }
}

export async function updateScanSettings(ctx: FeatureContext, next: PermissionSettings): Promise<PermissionSettings> {
  const current = await readScanSettings(ctx.store.requireOpen().db)
  if (current.scanIntervalDays === next.scanIntervalDays) return current
  await ctx.store.change({ action: 'permission.settings', detail: `scan rule ${current.scanIntervalDays} → ${next.scanIntervalDays} days` }, (trx) =>
    trx('settings').insert({ key: KEY, value: JSON.stringify(next) }).onConflict('key').merge(),
  )
  return next
}
