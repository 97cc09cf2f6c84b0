import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import type { AnchorCheck, ChainVerification } from '../../../shared/domain/audit'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { AppError } from '../api/app-error'
import { looksLikeBackup, readBackupHeader } from '../backup/backup-file'
import type { Backups } from '../backup/backups'
import type { Db } from '../db/database'
import { requireWholePath } from '../files/local-path'
import type { Reports } from '../reports/reports'
import { readSchool } from '../school/school'
import { anchorTime, compareWithAnchor } from './anchors'
import { verifyAudit } from './audit-trail'
import { roleDisagreements } from './chained-facts'

/** A signed report bigger than this is not one of ours (the largest, ten years of incidents, is far smaller). */
const MAX_REPORT_BYTES = 512 * 1024 * 1024

const TELL = 'Keep this computer as it is and tell the headteacher and your IT support.'

/**
 * The whole check of the audit trail: its chain from the first entry to the last, the users'
 * roles against the ones the trail gave them, and the register against every anchor it can
 * find — each backup in the backup folder and, when given, one more backup or signed report
 * (kept on a USB stick, sent to governors). The anchors are what a key holder cannot reach:
 * the chain alone only shows tampering by someone without the key.
 */
export async function verifyRegisterAudit(deps: { db: Db; backups: Backups; reports: Reports }, against?: string): Promise<ChainVerification> {
  const { db } = deps
  const chain = await verifyAudit(db)
  const roles = await checkRoles(db)
  const anchors = await checkAnchors(deps, against)
  const failedAnchors = anchors.filter((a) => !a.ok)
  const ok = chain.ok && roles.ok && failedAnchors.length === 0
  let message: string
  if (!chain.ok) message = chain.message
  else if (failedAnchors.length > 0) {
    const others = failedAnchors.length - 1
    message = `${failedAnchors[0]!.message}${others > 0 ? ` ${others === 1 ? 'One other copy disagrees' : `${others} other copies disagree`} too.` : ''} ${TELL}`
  } else if (!roles.ok) message = roles.message
  else {
    const newest = anchors.find((a) => a.given) ?? anchors[0]
    message = newest ? `${chain.message.replace(/\.$/, '')}, and the register still holds everything ${newest.source} knew.` : chain.message
  }
  return { ok, checked: chain.checked, brokenAt: chain.brokenAt, message, chainMessage: chain.message, roles, anchors }
}

async function checkRoles(db: Db): Promise<{ ok: boolean; message: string }> {
  const wrong = await roleDisagreements(db)
  if (wrong.length === 0) return { ok: true, message: 'Every user’s role is the one the audit trail gave them.' }
  const named = wrong.map(
    (w) =>
      `${w.username} has the role “${ROLE_LABELS[w.role]}” in the register, but the audit trail ${w.chained ? `last gave them “${ROLE_LABELS[w.chained]}”` : 'never gave them a role'}`,
  )
  return { ok: false, message: `${named.join('; ')}: a role was changed outside the app. ${TELL}` }
}

async function checkAnchors(deps: { db: Db; backups: Backups; reports: Reports }, against?: string): Promise<AnchorCheck[]> {
  const { db, backups } = deps
  const { schoolId } = await readSchool(db)
  const out: AnchorCheck[] = []
  for (const b of backups.folderAnchors()) {
    const source = `the backup of ${anchorTime(b.createdAt)}`
    if (b.schoolId !== schoolId) {
      out.push({ source, file: b.file, given: false, ok: false, message: `${b.file} in the backup folder belongs to another school’s register: move it out of the backup folder.` })
      continue
    }
    out.push({ source, file: b.file, given: false, ...(await compareWithAnchor(db, b.anchor, source)) })
  }
  if (against !== undefined) out.unshift(await checkAgainst(deps, schoolId, against))
  return out
}

/** The register against one backup file or signed report that someone kept. */
async function checkAgainst(deps: { db: Db; reports: Reports }, schoolId: string, file: string): Promise<AnchorCheck> {
  requireWholePath(file, 'against')
  const refused = (source: string, message: string): AnchorCheck => ({ source, file, given: true, ok: false, message })
  let start: Buffer
  try {
    if (!statSync(file).isFile()) throw new AppError('validation', 'That is a folder, not a file. Choose the backup or signed report inside it.', 'against')
    start = readStart(file)
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('not-found', 'That file could not be found or opened. Check the path (and that the USB stick is plugged in).', 'against')
  }
  if (looksLikeBackup(start)) {
    const header = readBackupHeader(file)
    const source = `the backup of ${anchorTime(header.createdAt)}`
    if (header.schoolId !== schoolId) return refused(source, 'That backup belongs to another school’s register, so it cannot vouch for this one.')
    if (!header.anchor) return refused(source, 'That backup was made by an earlier version of the app and records nothing to compare with: use a newer backup or a signed report.')
    return { source, file, given: true, ...(await compareWithAnchor(deps.db, header.anchor, source)) }
  }
  if (statSync(file).size > MAX_REPORT_BYTES) return refused('that file', 'That file is neither a backup nor a signed report from this register.')
  const read = await deps.reports.anchorOf(readFileSync(file))
  if ('refused' in read) return refused('that file', read.refused)
  const source = read.title ? `the report “${read.title}” issued ${anchorTime(read.producedAt)}` : `the signed report issued ${anchorTime(read.producedAt)}`
  return { source, file, given: true, ...(await compareWithAnchor(deps.db, read.anchor, source)) }
}

function readStart(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}
