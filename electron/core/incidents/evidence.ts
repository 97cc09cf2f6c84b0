import { createHash } from 'node:crypto'
import { describeType, isOpenableType } from '../../../shared/domain/evidence-files'
import { AppError, conflict, notFound } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { fileKindOf } from '../files/file-kind'
import { outsideFileName } from '../files/safe-name'
import { saveChosenFile } from '../files/save-chosen-file'
import { saveNewFile } from '../files/save-new-file'
import { appendRecord } from './incident-chain'
import { visibleIncident } from './incident-access'
import { refreshIncident, type EvidenceBody } from './incident-state'
import { readEvidenceFile, storeEvidenceFile } from './evidence-store'
import type { ExportFolder } from '../feature-kit/feature'

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

/** Why a file is not opened, and what to do instead, in words for the office. */
function notOpened(name: string, mediaType: string): AppError {
  return conflict(
    `“${name}” is really ${describeType(mediaType)}, not a picture, a PDF document or plain text, so the register will not open it: ` +
      'programs and files it cannot recognise can harm the computer. If someone needs to look at it, use “Save a copy…” and ask IT support to check the copy before anyone opens it.',
  )
}

/**
 * Keeps an evidence file (a screenshot of messages, an email) encrypted inside the register,
 * with its SHA-256 in a signed record. Refused for the categories about sexual images of
 * children: the policies forbid making or keeping copies of such images.
 */
export async function attachEvidence(ctx: FeatureContext, input: { incidentId: number; fileName: string; bytes: Buffer; description: string }): Promise<void> {
  const { db, session } = ctx.store.requireOpen()
  const incident = await visibleIncident(db, session.role, input.incidentId)
  const category = (await db('incident_categories').where({ id: incident.category_id }).first())!
  if (category.no_files) {
    throw conflict(
      `No files can be attached to an entry about “${category.name}”. The policy forbids copying, saving or sending such images — even as evidence. Describe what was seen in words, keep any device secure, and let the police advise.`,
    )
  }
  if (input.bytes.length === 0) throw new AppError('validation', 'That file is empty. Choose the file again.', 'fileBase64')
  if (input.bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('validation', 'That file is larger than 20 MB. Save a smaller copy (for example a screenshot of the part that matters) and attach that.', 'fileBase64')
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  // The name it is kept under says what the content is: "x.bat" that is text becomes "x.txt",
  // "invoice.pdf.lnk" becomes "invoice_pdf.bin"; the name it came with is kept beside it.
  const kind = await fileKindOf(input.bytes)
  const fileName = outsideFileName(input.fileName, kind.extension)
  const body: EvidenceBody = {
    reference: incident.reference,
    fileName,
    ...(fileName === input.fileName ? {} : { originalName: input.fileName }),
    mediaType: kind.mediaType,
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

/**
 * Saves a copy of an evidence file as the file chosen in the Save window, or into the export
 * folder (audited) and, when asked, opens it — only a picture, a PDF document or plain text, by its
 * content, checked again here whatever was recorded when it was kept. The copy's type, and so its
 * extension, comes from its content too.
 */
export async function saveEvidence(ctx: FeatureContext, folder: ExportFolder, input: { fileId: number; open: boolean; file?: string | undefined; replace: boolean }): Promise<{ file: string }> {
  const { db, session } = ctx.store.requireOpen()
  const row = await readEvidenceFile(db, ctx.store, input.fileId, (incidentId) => visibleIncident(db, session.role, incidentId))
  if (!row) throw notFound('That evidence file is not in the register. Reload the incident and try again.')
  await visibleIncident(db, session.role, row.incident_id)
  const body = JSON.parse(row.body) as EvidenceBody
  const kind = await fileKindOf(row.content)
  const name = outsideFileName(body.fileName, kind.extension)
  if (input.open && !isOpenableType(kind.mediaType)) throw notOpened(name, kind.mediaType)
  const file =
    input.file && !input.open
      ? saveChosenFile({ file: input.file, replace: input.replace }, row.content, kind.extension, 'A copy keeps the type of the evidence file')
      : saveNewFile(folder.exportDir, name, row.content)
  await ctx.store.audit({ action: 'incident.evidenceCopy', target: `incident:${row.incident_id}`, detail: input.open ? 'saved and opened' : 'saved' })
  if (input.open) {
    if (!folder.openFile) throw conflict(`A copy was saved to ${file}. Open it from there.`)
    await folder.openFile(file)
  }
  return { file }
}
