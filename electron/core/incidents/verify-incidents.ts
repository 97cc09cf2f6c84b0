import { createHash } from 'node:crypto'
import type { IncidentChainProblem, IncidentChainReport } from '../../../shared/domain/incidents'
import type { Db } from '../db/database'
import { AppError } from '../api/app-error'
import type { RegisterStore } from '../store/register-store'
import { FieldUnreadableError } from '../vault/field-cipher'
import { recordProblem, signingKeys } from './incident-chain'
import { dataKeyFrom, indexKeyFrom, openField, openFile } from './incident-keys'
import { cacheRowOf, ENCRYPTED_CACHE_COLUMNS, INDEX_KEY_COLUMNS, foldRecords, type IncidentCacheRow, type VersionBody, type EvidenceBody } from './incident-state'
import type { IncidentRecordRow } from './tables'

const BATCH = 2000

/** What a record is, in words, for naming it in a problem: "version 2", "checklist step police". */
function itemOf(row: IncidentRecordRow, known?: string): { reference: string; item: string } {
  try {
    const body = JSON.parse(row.body) as Partial<VersionBody & EvidenceBody & { step: string; agency: string }>
    const reference = body.reference ?? known ?? `incident ${row.incident_id}`
    switch (row.kind) {
      case 'version':
        return { reference, item: `version ${body.version ?? '?'}` }
      case 'step':
        return { reference, item: `checklist step “${body.step ?? '?'}”` }
      case 'referral':
        return { reference, item: `referral to ${body.agency ?? '?'}` }
      case 'evidence':
        return { reference, item: `evidence file ${body.fileName ?? '?'}` }
    }
  } catch {
    // A body that is no longer JSON (or could not be opened): name the record by its incident.
  }
  return { reference: known ?? `incident ${row.incident_id}`, item: `${row.kind === 'version' ? 'a version' : `a ${row.kind === 'step' ? 'checklist step' : row.kind === 'referral' ? 'referral' : 'evidence file'}`} (record ${row.id})` }
}

const COMPARED: (keyof IncidentCacheRow)[] = ['reference', 'category_id', 'status', 'occurred_on', 'occurred_time', 'version', 'place', 'on_site', 'device', 'description_start', 'search_text', 'imported', 'came_to_light']

/** The report, and how many records could not be opened because the user does not hold their role key. */
export type IncidentVerification = IncidentChainReport & { unopened: number }

/**
 * Checks the whole incident log: every record's link to the one before, its hash and its
 * signature; that the log's current rows say what the signed records say; and that each
 * evidence file is the file that was signed. Names each entry with a problem.
 *
 * The hashes cover what was written, so a record's contents are checked by opening it with its
 * incident's data key: one that does not open was changed (or replaced) outside the app. A user
 * who does not hold an entry's role key can still check its links and signatures, not its words.
 */
export async function verifyIncidents(db: Db, store: RegisterStore): Promise<IncidentVerification> {
  const keys = await signingKeys(db)
  const problems: IncidentChainProblem[] = []
  const byIncident = new Map<number, IncidentRecordRow[]>()
  const incidents = (await db('incidents').select('*')) as (IncidentCacheRow & { id: number; data_key: string | null; people: string })[]
  const referenceOf = new Map(incidents.map((i) => [i.id, i.reference]))
  const dataKeys = new Map<number, Buffer | null>()
  for (const incident of incidents) {
    let key: Buffer | null = null
    try {
      key = dataKeyFrom(store, incident)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      if (err.kind === 'internal') problems.push({ reference: incident.reference, item: 'the entry', problem: 'Its key was changed outside the app, so its records cannot be opened.' })
    }
    dataKeys.set(incident.id, key)
  }
  let previous = ''
  let checked = 0
  let unopened = 0
  for (let after = 0; ; ) {
    const rows = await db('incident_records').where('id', '>', after).orderBy('id').limit(BATCH)
    if (!rows.length) break
    for (const stored of rows) {
      const key = dataKeys.get(stored.incident_id)
      let problem: string | null
      let row = stored
      if (!key) {
        // Not opened: the link, the signing key and the signature over the stored hash still hold or not.
        problem = recordProblem(stored, previous, keys, { hashOpened: false })
        if (dataKeys.has(stored.incident_id)) unopened++
      } else {
        try {
          row = { ...stored, body: openField(key, 'incident_records', stored.id, 'body', stored.body) }
          problem = recordProblem(row, previous, keys)
        } catch (err) {
          if (!(err instanceof FieldUnreadableError)) throw err
          problem = stored.prev_hash !== previous ? recordProblem(stored, previous, keys) : 'it was changed after it was signed (its stored text no longer opens)'
        }
      }
      if (problem) problems.push({ ...itemOf(row, referenceOf.get(stored.incident_id)), problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` })
      previous = stored.hash
      checked++
      const list = byIncident.get(stored.incident_id) ?? []
      list.push(row)
      byIncident.set(stored.incident_id, list)
    }
    after = rows.at(-1)!.id
  }

  // An incident whose records fail is named once, for the record: its current row is then
  // compared no further (it was written from the record as it was signed).
  const failed = new Set(problems.map((p) => p.reference))
  for (const incident of incidents) {
    if (failed.has(incident.reference)) continue
    const records = byIncident.get(incident.id)
    if (!records?.some((r) => r.kind === 'version')) {
      problems.push({ reference: incident.reference, item: 'the entry', problem: 'The log lists this entry but its signed record is missing.' })
      continue
    }
    const key = dataKeys.get(incident.id)
    if (!key) continue
    let expected: IncidentCacheRow
    try {
      expected = cacheRowOf(foldRecords(records))
    } catch {
      continue // its records were reported above: their bodies are no longer readable
    }
    const shown: IncidentCacheRow = { ...incident }
    for (const column of ENCRYPTED_CACHE_COLUMNS) {
      try {
        shown[column] = openField((INDEX_KEY_COLUMNS as readonly string[]).includes(column) ? indexKeyFrom(store, incident) : key, 'incidents', incident.id, column, incident[column])
      } catch (err) {
        if (!(err instanceof FieldUnreadableError)) throw err
        shown[column] = '(changed outside the app)'
      }
    }
    const differs = COMPARED.filter((k) => String(expected[k] ?? '') !== String(shown[k] ?? ''))
    if (differs.length) {
      problems.push({
        reference: expected.reference,
        item: 'the log’s copy',
        problem: `What the log shows for this entry (${differs.join(', ')}) differs from its signed record: it was changed outside the app.`,
      })
    }
  }
  const listed = new Set(incidents.map((i) => i.id))
  for (const [incidentId, rows] of byIncident) {
    if (!listed.has(incidentId)) problems.push({ ...itemOf(rows[0]!, referenceOf.get(incidentId)), item: 'the entry', problem: 'This entry has signed records but is missing from the log.' })
  }

  const files = (await db('incident_files as f').join('incident_records as r', 'r.id', 'f.record_id').select('f.id', 'f.sha256', 'f.content', 'r.body', 'r.incident_id', 'r.id as record_id', 'r.kind')) as {
    id: number
    sha256: string
    content: Buffer
    body: string
    incident_id: number
    record_id: number
  }[]
  for (const file of files) {
    const key = dataKeys.get(file.incident_id)
    if (!key) continue
    let actual: string | undefined
    let stored: string | undefined
    let signed: string | undefined
    let body = file.body
    try {
      body = openField(key, 'incident_records', file.record_id, 'body', file.body)
      signed = (JSON.parse(body) as EvidenceBody).sha256
      stored = openField(key, 'incident_files', file.id, 'sha256', file.sha256)
      actual = createHash('sha256').update(openFile(key, file.id, file.content)).digest('hex')
    } catch {
      actual = undefined
    }
    if (!actual || actual !== signed || actual !== stored) {
      const row = { ...(file as unknown as IncidentRecordRow), body, id: file.record_id, kind: 'evidence' as const }
      problems.push({ ...itemOf(row, referenceOf.get(file.incident_id)), problem: 'This evidence file is not the file that was signed: it was changed or replaced.' })
    }
  }
  return { ok: problems.length === 0, checked, problems, unopened }
}
