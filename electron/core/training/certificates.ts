import { createHash } from 'node:crypto'
import { describeType, isOpenableType } from '../../../shared/domain/evidence-files'
import { AppError, conflict, notFound } from '../api/app-error'
import type { ExportFolder } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'
import { fileKindOf } from '../files/file-kind'
import { outsideFileName } from '../files/safe-name'
import { saveChosenFile } from '../files/save-chosen-file'
import { saveNewFile } from '../files/save-new-file'

// A certificate is kept inside the register (SQLCipher encrypts it with everything else), with
// the checks the incident log's evidence files have: its type from its content, never its name,
// and a copy opened only if it is a picture, a PDF document or plain text. It is not sealed with
// a role key as incident evidence is: a course certificate is not safeguarding content, and the
// head, business manager and DSL who read the training record may all open it.

export const MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024

/** Keeps (or replaces) the certificate of one training record. Only a PDF document or a picture is taken. */
export async function attachCertificate(ctx: FeatureContext, input: { recordId: number; fileName: string; bytes: Buffer }): Promise<null> {
  const { db, session } = ctx.store.requireOpen()
  const record = await db('training_records').where({ id: input.recordId }).first('id')
  if (!record) throw notFound('That training record is not in the register. Refresh the person’s training and try again.')
  if (input.bytes.length === 0) throw new AppError('validation', 'That file is empty. Choose the certificate again.', 'fileBase64')
  if (input.bytes.length > MAX_CERTIFICATE_BYTES) throw new AppError('validation', 'That file is larger than 10 MB. Scan the certificate at a lower resolution, or save it as a PDF, and attach that.', 'fileBase64')
  const kind = await fileKindOf(input.bytes)
  if (!isOpenableType(kind.mediaType) || kind.mediaType === 'text/plain') {
    throw new AppError('validation', `“${input.fileName}” is really ${describeType(kind.mediaType)}. Attach the certificate as a PDF document or a picture (a photo or scan).`, 'fileBase64')
  }
  const fileName = outsideFileName(input.fileName, kind.extension, 'certificate')
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const row = { record_id: input.recordId, file_name: fileName, media_type: kind.mediaType, size: input.bytes.length, sha256, content: input.bytes, attached_at: new Date(ctx.now()).toISOString(), attached_by_name: session.displayName }
  return ctx.store.change({ action: 'training.certificate', target: `training-record:${input.recordId}`, detail: `${fileName}, ${input.bytes.length} bytes` }, async (trx) => {
    await trx('training_certificates').insert(row).onConflict('record_id').merge()
    return null
  })
}

/** Saves a copy of a certificate as the file chosen, or into the export folder and opens it. */
export async function copyCertificate(ctx: FeatureContext, folder: ExportFolder, input: { recordId: number; open: boolean; file?: string | undefined; replace: boolean }): Promise<{ file: string }> {
  const { db } = ctx.store.requireOpen()
  const row = await db('training_certificates').where({ record_id: input.recordId }).first()
  if (!row) throw notFound('No certificate is kept with that training record.')
  // Checked again by content: what was recorded when it was kept is not trusted.
  const kind = await fileKindOf(row.content)
  const name = outsideFileName(row.file_name, kind.extension, 'certificate')
  if (input.open && !isOpenableType(kind.mediaType)) throw conflict(`“${name}” is not a picture or a PDF document, so the register will not open it. Save a copy instead.`)
  const file = input.file && !input.open ? saveChosenFile({ file: input.file, replace: input.replace }, row.content, kind.extension, 'A copy keeps the type of the certificate') : saveNewFile(folder.exportDir, name, row.content)
  await ctx.store.audit({ action: 'training.certificateCopy', target: `training-record:${input.recordId}`, detail: input.open ? 'saved and opened' : 'saved' })
  if (input.open) {
    if (!folder.openFile) throw conflict(`A copy was saved to ${file}. Open it from there.`)
    await folder.openFile(file)
  }
  return { file }
}
