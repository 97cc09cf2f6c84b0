import { createHash } from 'node:crypto'
import type { RegisterCheck } from '../health/register-checks'

/**
 * Every stored policy document still has the bytes it was uploaded with: its SHA-256, taken at
 * upload, is checked one document at a time (a school keeps a few hundred at most).
 */
export const policyDocumentsCheck: RegisterCheck = {
  name: 'Policy documents',
  async run(core) {
    const { db } = core.store.requireOpen()
    const ids = (await db('policy_documents').orderBy('id').pluck('id')) as number[]
    const broken: string[] = []
    for (const id of ids) {
      const row = (await db('policy_documents as d').join('policies as p', 'p.id', 'd.policy_id').where('d.id', id).first('d.content', 'd.sha256', 'd.bytes', 'd.version_label', 'p.title')) as {
        content: Buffer
        sha256: string
        bytes: number
        version_label: string
        title: string
      }
      if (row.content.length !== row.bytes || createHash('sha256').update(row.content).digest('hex') !== row.sha256) broken.push(`${row.title} (${row.version_label})`)
    }
    if (broken.length > 0) return { ok: false, detail: `${broken.length} policy document(s) no longer match what was uploaded: ${broken.slice(0, 5).join('; ')}. Upload them again, or restore the latest backup.` }
    return { ok: true, detail: `All ${ids.length} stored policy document(s) are as they were uploaded.` }
  },
}
