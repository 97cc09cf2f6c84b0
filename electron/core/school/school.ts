import type { AppSettings, SchoolProfile } from '../../../shared/domain/school'
import { DEFAULT_SETTINGS } from '../../../shared/domain/school'
import type { Db } from '../db/database'
import type { RegisterStore } from '../store/register-store'
import { invalid } from '../api/app-error'
import { EARLIEST_INCIDENT_DAY } from '../../../shared/domain/incidents'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'

export async function readSchool(db: Db): Promise<SchoolProfile & { schoolId: string }> {
  const row = await db('school').where({ id: 1 }).first()
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
  const row = await db('settings').where({ key: 'app' }).first()
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

const MAX_LOGO_BYTES = 300 * 1024
const IMAGE_KINDS = [
  { mime: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
]

/** The logo as a data URL, for the report header and the settings preview; null when none is set. */
export async function readLogo(db: Db): Promise<string | null> {
  const row = await db('settings').where({ key: 'logo' }).first()
  if (!row) return null
  const { mime, base64 } = JSON.parse(row.value) as { mime: string; base64: string }
  return `data:${mime};base64,${base64}`
}

/** Sets the logo (a PNG or JPEG, checked by its first bytes, not its name) or removes it. */
export async function setLogo(store: RegisterStore, imageBase64: string | null): Promise<{ dataUrl: string | null }> {
  if (imageBase64 === null) {
    await store.change({ action: 'school.setLogo', detail: 'removed' }, (trx) => trx('settings').where({ key: 'logo' }).delete())
    return { dataUrl: null }
  }
  const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(imageBase64) ? Buffer.from(imageBase64, 'base64') : Buffer.alloc(0)
  const kind = IMAGE_KINDS.find((k) => bytes.subarray(0, k.magic.length).equals(k.magic))
  if (!kind) throw invalid('imageBase64', 'That file is not a PNG or JPEG image. Choose the logo as a .png or .jpg file.')
  if (bytes.length > MAX_LOGO_BYTES) throw invalid('imageBase64', 'That image is too large: use a PNG or JPEG of at most 300 KB.')
  const value = JSON.stringify({ mime: kind.mime, base64: bytes.toString('base64') })
  await store.change({ action: 'school.setLogo', detail: `${kind.mime}, ${bytes.length} bytes` }, (trx) =>
    trx('settings').insert({ key: 'logo', value }).onConflict('key').merge(),
  )
  return { dataUrl: `data:${kind.mime};base64,${bytes.toString('base64')}` }
}

/** The day the school's records began: no incident is dated before it without a reason. */
export async function readRecordsBegan(db: Db): Promise<string> {
  const row = await db('school').where({ id: 1 }).first('records_began_on', 'created_at')
  if (!row) throw new Error('school row missing')
  return row.records_began_on ?? row.created_at.slice(0, 10)
}

/** Refuses a day the records cannot have begun on (set-up and Settings use the same rule). */
export function checkRecordsBegan(on: string, now: number, field: string): void {
  if (!isRealDay(on)) throw invalid(field, 'That date does not exist. Check the day and month.')
  if (on > ukDay(now)) throw invalid(field, 'The records cannot begin after today. Give the day of the school’s first record, or an earlier one.')
  if (on < EARLIEST_INCIDENT_DAY) throw invalid(field, 'That date is before 1990, earlier than any record this register can hold. Check the year.')
}

const ukDayOf = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** Moves the day the records began (the business manager, audited with the days before and after). */
export async function setRecordsBegan(store: RegisterStore, on: string): Promise<{ on: string }> {
  checkRecordsBegan(on, store.now(), 'on')
  const before = await readRecordsBegan(store.requireOpen().db)
  if (before === on) return { on }
  await store.change({ action: 'school.recordsBegan', target: 'school', detail: `${ukDayOf(before)} → ${ukDayOf(on)}` }, (trx) =>
    trx('school').where({ id: 1 }).update({ records_began_on: on, updated_at: new Date(store.now()).toISOString() }),
  )
  return { on }
}
