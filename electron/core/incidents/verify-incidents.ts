import { createHash } from 'node:crypto'
import type { IncidentChainProblem, IncidentChainReport } from '../../../shared/domain/incidents'
import type { Db } from '../db/database'
import { recordProblem, signingKeys, type IncidentRecordRow } from './incident-chain'
import { cacheRowOf, foldRecords, type IncidentCacheRow, type VersionBody, type EvidenceBody } from './incident-state'

const BATCH = 2000

/** What a record is, in words, for naming it in a problem: "version 2", "checklist step police". */
function itemOf(row: IncidentRecordRow): { reference: string; item: string } {
  try {
    const body = JSON.parse(row.body) as Partial<VersionBody & EvidenceBody & { step: string; agency: string }>
    const reference = body.reference ?? `incident ${row.incident_id}`
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
    // A body that is no longer JSON was changed by hand: name the record by its incident.
  }
  return { reference: `incident ${row.incident_id}`, item: `record ${row.id}` }
}

const COMPARED: (keyof IncidentCacheRow)[] = ['reference', 'category_id', 'status', 'occurred_on', 'occurred_time', 'version', 'place', 'on_site', 'device', 'description_start', 'search_text', 'imported']

/**
 * Checks the whole incident log: every record's link to the one before, its hash and its
 * signature; that the log's current rows say what the signed records say; and that each
 * evidence file is the file that was signed. Names each entry with a problem.
 */
export async function verifyIncidents(db: Db): Promise<IncidentChainReport> {
  const keys = await signingKeys(db)
  const problems: IncidentChainProblem[] = []
  const byIncident = new Map<number, IncidentRecordRow[]>()
  let previous = ''
  let checked = 0
  for (let after = 0; ; ) {
    const rows = (await db('incident_records').where('id', '>', after).orderBy('id').limit(BATCH)) as IncidentRecordRow[]
    if (!rows.length) break
    for (const row of rows) {
      const problem = recordProblem(row, previous, keys)
      if (problem) problems.push({ ...itemOf(row), problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` })
      previous = row.hash
      checked++
      const list = byIncident.get(row.incident_id) ?? []
      list.push(row)
      byIncident.set(row.incident_id, list)
    }
    after = rows.at(-1)!.id
  }

  // An incident whose records fail is named once, for the record: its current row is then
  // compared no further (it was written from the record as it was signed).
  const failed = new Set(problems.map((p) => p.reference))
  const incidents = (await db('incidents').select('*')) as (IncidentCacheRow & { id: number })[]
  for (const incident of incidents) {
    if (failed.has(incident.reference)) continue
    const records = byIncident.get(incident.id)
    if (!records?.some((r) => r.kind === 'version')) {
      problems.push({ reference: incident.reference, item: 'the entry', problem: 'The log lists this entry but its signed record is missing.' })
      continue
    }
    let expected: IncidentCacheRow
    try {
      expected = cacheRowOf(foldRecords(records))
    } catch {
      continue // its records were reported above: their bodies are no longer readable
    }
    const differs = COMPARED.filter((k) => String(expected[k] ?? '') !== String(incident[k] ?? ''))
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
    if (!listed.has(incidentId)) problems.push({ ...itemOf(rows[0]!), item: 'the entry', problem: 'This entry has signed records but is missing from the log.' })
  }

  const files = (await db('incident_files as f').join('incident_records as r', 'r.id', 'f.record_id').select('f.id', 'f.sha256', 'f.content', 'r.body', 'r.incident_id', 'r.id as record_id', 'r.kind')) as {
    id: number
    sha256: string
    content: Buffer
    body: string
    record_id: number
  }[]
  for (const file of files) {
    const actual = createHash('sha256').update(file.content).digest('hex')
    let signed: string | undefined
    try {
      signed = (JSON.parse(file.body) as EvidenceBody).sha256
    } catch {
      signed = undefined
    }
    if (actual !== signed || actual !== file.sha256) {
      const row = { ...(file as unknown as IncidentRecordRow), id: file.record_id, kind: 'evidence' as const }
      problems.push({ ...itemOf(row), problem: 'This evidence file is not the file that was signed: it was changed or replaced.' })
    }
  }
  return { ok: problems.length === 0, checked, problems }
}
