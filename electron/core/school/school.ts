import type { AppSettings, SchoolProfile } from '../../../shared/domain/school'
import { DEFAULT_SETTINGS } from '../../../shared/domain/school'
import type { Db } from '../db/database'
import type { RegisterStore } from '../store/register-store'

interface SchoolRow {
  school_id: string
  name: string
  address: string
  urn: string
  dsl_name: string
  deputy_dsl_names: string
  online_safety_governor: string
}

export async function readSchool(db: Db): Promise<SchoolProfile & { schoolId: string }> {
  const row = (await db('school').where({ id: 1 }).first()) as SchoolRow | undefined
  if (!row) throw new Error('school row missing')
  return {
    schoolId: row.school_id,
    name: row.name,
    address: row.address,
    urn: row.urn,
    dslName: row.dsl_name,
    deputyDslNames: JSON.parse(row.deputy_dsl_names) as string[],
    onlineSafetyGovernor: row.online_safety_governor,
  }
}

export async function getSchool(store: RegisterStore): Promise<SchoolProfile> {
  const { schoolId: _id, ...profile } = await readSchool(store.requireOpen().db)
  return profile
}

export async function updateSchool(store: RegisterStore, profile: SchoolProfile): Promise<SchoolProfile> {
  await store.change({ action: 'school.update', target: 'school' }, (trx) =>
    trx('school').where({ id: 1 }).update({
      name: profile.name,
      address: profile.address,
      urn: profile.urn,
      dsl_name: profile.dslName,
      deputy_dsl_names: JSON.stringify(profile.deputyDslNames),
      online_safety_governor: profile.onlineSafetyGovernor,
      updated_at: new Date().toISOString(),
    }),
  )
  return getSchool(store)
}

export async function readSettings(db: Db): Promise<AppSettings> {
  const row = (await db('settings').where({ key: 'app' }).first()) as { value: string } | undefined
  return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<AppSettings>) : {}) }
}

export async function updateSettings(store: RegisterStore, settings: AppSettings): Promise<AppSettings> {
  const current = await readSettings(store.requireOpen().db)
  const next = { ...current, ...settings }
  await store.change({ action: 'settings.update', detail: `idle lock ${current.idleLockMinutes} → ${next.idleLockMinutes} min` }, (trx) =>
    trx('settings').insert({ key: 'app', value: JSON.stringify(next) }).onConflict('key').merge(),
  )
  return next
}
