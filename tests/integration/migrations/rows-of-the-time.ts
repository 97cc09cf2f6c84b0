// Rows written the way the app wrote them when each table was new: the columns it filled, the
// audit entries it chained beside them. Each writer uses only the columns its table had when
// it was made, so it works on every later schema too (later columns take their defaults).
import { randomBytes } from 'node:crypto'
import { appendAudit } from '../../../electron/core/audit/audit-trail'
import type { Db } from '../../../electron/core/db/database'
import type { Role } from '../../../shared/domain/roles'
import type { ReportType } from '../../../shared/domain/reports'
import type { YearGroup } from '../../../shared/domain/people'

/** The clock of these rows: fixed, never the computer's. */
export const AT = '2026-03-02T09:15:00.000Z'

export async function writeSchool(db: Db): Promise<void> {
  await db('school').insert({
    id: 1,
    school_id: 'b7f3c2de-5a44-4c1e-9d0f-2f7a1e6c9b10',
    name: 'Ysgol Gymraeg Llanfair',
    address: '1 Heol yr Ysgol, Llanfair',
    urn: '123456',
    dsl_name: 'Siân Ŵyn',
    deputy_dsl_names: JSON.stringify(['Łukasz Nowak']),
    online_safety_governor: 'Ярослава Коваль',
    created_at: AT,
    updated_at: AT,
  })
  await db('settings').insert({ key: 'reception', value: JSON.stringify({ visitorRetentionYears: 6 }) })
}

/** A user and the audit entry the app chained when it made them ("role <role>"). Returns the id. */
export async function writeUser(db: Db, username: string, role: Role, displayName: string, by: number | null = null): Promise<number> {
  const [id] = (await db('users').insert({ username, display_name: displayName, role, must_change_password: by ? 1 : 0, created_at: AT, created_by: by })) as number[]
  await appendAudit(db, { userId: by ?? id!, username: by ? 'bmanager' : username, action: 'user.create', target: `user:${id}`, detail: `role ${role}`, at: AT })
  return id!
}

/** The school, its business manager, DSL and ICT manager, as set-up and the users screen made them. */
export async function writeStaffAccounts(db: Db): Promise<{ manager: number; dsl: number; ict: number }> {
  await writeSchool(db)
  const manager = await writeUser(db, 'bmanager', 'manager', 'Bethan Manager')
  const dsl = await writeUser(db, 'swyn', 'dsl', 'Siân Ŵyn', manager)
  const ict = await writeUser(db, 'tict', 'ict', 'Tomos ICT', manager)
  return { manager, dsl, ict }
}

export async function writeReport(db: Db, producedBy: number, producedAt: string, type: ReportType = 'incident-log'): Promise<number> {
  const [id] = (await db('reports').insert({
    type,
    title: 'Online safety incident log',
    parameters: JSON.stringify({ from: '2025-09-01', to: '2026-03-01' }),
    period_from: '2025-09-01',
    period_to: '2026-03-01',
    produced_by: producedBy,
    produced_by_name: 'Bethan Manager',
    produced_at: producedAt,
    page_count: 3,
    sha256: randomBytes(32).toString('hex'),
    content_sha256: randomBytes(32).toString('hex'),
    certificate_fingerprint: 'AB:CD:EF',
    file_name: `incident-log-${producedAt.slice(0, 10)}.pdf`,
  })) as number[]
  return id!
}

type Person = { kind: 'pupil'; forename: string; surname: string; yearGroup: YearGroup; regClass: string; misId: string } | { kind: 'visitor' | 'staff'; forename: string; surname: string }

export async function writePerson(db: Db, p: Person, createdBy: number): Promise<number> {
  const common = { kind: p.kind, forename: p.forename, surname: p.surname, created_at: AT, updated_at: AT, created_by: createdBy }
  const row =
    p.kind === 'pupil'
      ? { ...common, year_group: p.yearGroup, reg_class: p.regClass, mis_id: p.misId, date_of_birth: '2015-05-04', source: 'import' as const }
      : p.kind === 'visitor'
        ? { ...common, organisation: 'Llanfair Library', dbs_status: 'not-checked' as const, source: 'reception' as const }
        : { ...common, job_title: 'Teacher', staff_group: 'teaching' as const, dbs_status: 'checked' as const, dbs_checked_on: '2024-09-01', source: 'manual' as const }
  const [id] = (await db('people').insert(row)) as number[]
  for (const token of new Set([p.forename, p.surname].map((s) => s.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')))) {
    await db('person_search').insert({ token, person_id: id })
  }
  return id!
}

/** An agreement version, an on-screen agreement to it and a visit that names the agreement. */
export async function writeVisitWithAgreement(db: Db, visitor: number, host: number, by: number): Promise<{ agreement: number; visit: number }> {
  const [version] = (await db('aup_versions').insert({
    title: 'Visitors’ acceptable use agreement',
    version_label: '2025',
    effective_from: '2025-09-01',
    format: 'text',
    body: 'I will use the school’s Wi-Fi only for my visit.',
    created_at: AT,
    created_by: by,
    created_by_name: 'Bethan Manager',
  })) as number[]
  await db('aup_version_audiences').insert({ version_id: version!, audience: 'visitors' })
  const [agreement] = (await db('agreements').insert({
    person_id: visitor,
    version_id: version!,
    state: 'agreed',
    agreed_on: '2026-03-02',
    method: 'on-screen',
    signature_png: Buffer.from('89504e470d0a1a0a', 'hex'),
    witnessed_by: by,
    witnessed_by_name: 'Bethan Manager',
    recorded_at: AT,
  })) as number[]
  const [visit] = (await db('visits').insert({
    person_id: visitor,
    purpose: 'Reading volunteer',
    host_person_id: host,
    host_name: 'Rhys Jones',
    uses_ict: 1,
    agreement_id: agreement,
    signed_in_at: AT,
    signed_in_by: by,
  })) as number[]
  return { agreement: agreement!, visit: visit! }
}

/** An Ed25519 public key as signing_keys holds it (base64, 32 bytes). */
export const publicKey = () => randomBytes(32).toString('base64')

/**
 * An incident in plain text, with its first record, the people involved and a step. Before
 * migration 0011 the people are rows of `incident_people`; from it, the incident's `people`
 * (JSON, as it stands until a key holder's first sign-in encrypts it). Returns the ids.
 */
export async function writeIncident(
  db: Db,
  o: { reference: string; recorder: number; keyId: number; people: { personId: number; part: string }[]; prevHash?: string },
): Promise<{ incident: number; record: number }> {
  const category = (await db('incident_categories').orderBy('id').first('id')) as { id: number }
  const [incident] = (await db('incidents').insert({
    reference: o.reference,
    category_id: category.id,
    status: 'open',
    occurred_on: '2026-02-27',
    occurred_time: '13:20',
    recorded_at: AT,
    changed_at: AT,
    version: 1,
    place: 'ICT suite',
    on_site: 1,
    device: 'school',
    description_start: 'A pupil showed a classmate an image on a school laptop',
    search_text: 'a pupil showed a classmate an image on a school laptop ict suite',
    steps_pending: 2,
    waiting_for_dsl: 1,
    created_by: o.recorder,
    recorded_by_name: 'Siân Ŵyn',
  })) as number[]
  const [record] = (await db('incident_records').insert({
    incident_id: incident!,
    kind: 'version',
    body: JSON.stringify({ version: 1, place: 'ICT suite', description: 'A pupil showed a classmate an image on a school laptop' }),
    at: AT,
    user_id: o.recorder,
    signer_name: 'Siân Ŵyn',
    key_id: o.keyId,
    prev_hash: o.prevHash ?? '',
    hash: randomBytes(32).toString('hex'),
    signature: randomBytes(64).toString('base64'),
  })) as number[]
  if (await db.schema.hasTable('incident_people')) {
    for (const p of o.people) await db('incident_people').insert({ incident_id: incident, person_id: p.personId, part: p.part })
  } else {
    await db('incidents').where({ id: incident }).update({ people: JSON.stringify(o.people) })
  }
  await db('incident_steps').insert({ incident_id: incident, step: 'dsl-informed', state: 'pending', record_id: null })
  return { incident: incident!, record: record! }
}
