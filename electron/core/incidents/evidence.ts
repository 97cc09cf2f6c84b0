import { createHash } from 'node:crypto'
import { AppError, conflict, notFound } from '../api/app-error'
import type { FeatureContext } from '../people/feature-context'
import { saveNewFile, safeFileName } from '../files/save-new-file'
import { appendRecord } from './incident-chain'
import { visibleIncident, type CategoryRow } from './incident-access'
import { refreshIncident, type EvidenceBody } from './incident-state'
import { readEvidenceFile, storeEvidenceFile } from './evidence-store'

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

/** Where copies of evidence files go when someone saves or opens one. */
export interface EvidenceFolder {
  exportDir: string
  openFile?: ((file: string) => Promise<void>) | undefined
}

/** The file's type from its first bytes (never from its name, which anyone can change). */
export function sniffMediaType(bytes: Buffer): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf'
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip' // also .docx, .xlsx, .odt
  if (bytes.subarray(0, 4096).every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20)) return 'text/plain'
  return 'application/octet-stream'
}

/**
 * Keeps an evidence file (a screenshot of messages, an email) encrypted inside the register,
 * with its SHA-256 in a signed record. Refused for the categories about sexual images of
 * children: the policies forbid making or keeping copies of such images.
 */
export async function attachEvidence(ctx: FeatureContext, input: { incidentId: number; fileName: string; bytes: Buffer; description: string }): Promise<void> {
  const { db, session } = ctx.store.requireOpen()
  const incident = await visibleIncident(db, session.role, input.incidentId)
  const category = (await db('incident_categories').where({ id: incident.category_id }).first()) as CategoryRow
  if (category.no_files) {
    throw conflict(
      `No files can be attached to an entry about “${category.name}”. The policy forbids copying, saving or sending such images — even as evidence. Describe what was seen in words, keep any device secure, and let the police advise.`,
    )
  }
  if (input.bytes.length === 0) throw new AppError('validation', 'That file is empty. Choose the file again.', 'fileBase64')
  if (input.bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('validation', 'That file is larger than 20 MB. Save a smaller copy (for example a screenshot of the part that matters) and attach that.', 'fileBase64')
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const body: EvidenceBody = {
    reference: incident.reference,
    fileName: safeFileName(input.fileName, 'evidence'),
    mediaType: sniffMediaType(input.bytes),
    size: input.bytes.length,
    sha256,
    description: input.description,
  }
  await ctx.store.change({ action: 'incident.attach', target: `incident:${input.incidentId}`, detail: `${body.size} bytes` }, async (trx) => {
    const record = await appendRecord(trx, ctx.store, { incidentId: input.incidentId, kind: 'evidence', body, at: new Date(ctx.now()).toISOString() })
    await storeEvidenceFile(trx, ctx.store, { incidentId: input.incidentId, recordId: record.id, sha256, bytes: input.bytes })
    await refreshIncident(trx, ctx.store, input.incidentId)
  })
}

/** Saves a copy of an evidence file into the chosen folder or the export folder (audited) and opens it when asked. */
export async function saveEvidence(ctx: FeatureContext, folder: EvidenceFolder, input: { fileId: number; open: boolean; folder?: string | undefined }): Promise<{ file: string }> {
  const { db, session } = ctx.store.requireOpen()
  const row = await readEvidenceFile(db, ctx.store, input.fileId, (incidentId) => visibleIncident(db, session.role, incidentId))
  if (!row) throw notFound('That evidence file is not in the register. Reload the incident and try again.')
  await visibleIncident(db, session.role, row.incident_id)
  const body = JSON.parse(row.body) as EvidenceBody
  const file = saveNewFile(input.folder ?? folder.exportDir, body.fileName, row.content)
  await ctx.store.audit({ action: 'incident.evidenceCopy', target: `incident:${row.incident_id}`, detail: input.open ? 'saved and opened' : 'saved' })
  if (input.open) {
    if (!folder.openFile) throw conflict(`A copy was saved to ${file}. Open it from there.`)
    await folder.openFile(file)
  }
  return { file }
}
