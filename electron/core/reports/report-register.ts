import { createHash } from 'node:crypto'
import type { IssuedReport, PdfVerification, ReportType } from '../../../shared/domain/reports'
import type { RegisterStore } from '../store/register-store'
import { checkPdfSignature } from './signing/verify-signature'
import type { Anchor } from '../audit/anchors'
import { anchorInPdf } from './pdf/pdf-anchor'
import { RegisterNumbers, registerNumberLabel } from './register-numbers'
import { ukLongDate } from '../../../shared/dates/uk-format'
import type { ReportRow } from './tables'

/** An issued report as the register enters it (the audit entry says who and what). */
export interface RegisterEntry {
  number: string
  type: ReportType
  title: string
  /** What was asked for (period, anonymised, password or not): never the password itself. */
  parameters: { from: string | null; to: string | null; anonymised: boolean; passwordProtected: boolean }
  periodFrom: string | null
  periodTo: string | null
  producedBy: number
  producedByName: string
  producedAt: string
  pageCount: number
  sha256: string
  /** The hash of the rows the report holds, whatever the layout. */
  contentSha256: string
  certificateFingerprint: string
  fileName: string
  anonymised: boolean
  passwordProtected: boolean
  /** The audit entry's action, target and detail. */
  audit: { action: string; target: string; detail: string }
}

/** The report register's columns it can be sorted by (issued is the order they were entered). */
const REGISTER_SORT = { producedAt: 'id', title: 'title COLLATE NOCASE', producedBy: 'produced_by_name COLLATE NOCASE', pageCount: 'page_count' } as const

/** Every report has its number: 0016 numbered those issued before numbers, and each since is numbered as it is entered. */
const numberOf = (r: ReportRow): string => r.number!

const toIssued = (r: ReportRow): IssuedReport => ({
  id: r.id,
  number: numberOf(r),
  type: r.type,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  producedAt: r.produced_at,
  producedBy: r.produced_by_name,
  pageCount: r.page_count,
  sha256: r.sha256,
  fileName: r.file_name,
  anonymised: !!r.anonymised,
  passwordProtected: !!r.password_protected,
  signed: r.certificate_fingerprint !== '',
})

/**
 * The register of issued reports: their numbers, one entry for each report that left the app
 * (with the SHA-256 of the signed file), and the check of a copy someone hands back.
 */
export class ReportRegister {
  /** Numbers held by reports still being laid out. */
  readonly numbers = new RegisterNumbers()

  constructor(private readonly store: RegisterStore) {}

  /** Enters a finished report, with its audit entry, in one transaction. */
  async enter(entry: RegisterEntry): Promise<IssuedReport> {
    const id = await this.store.change(entry.audit, async (trx) => {
      const [newId] = await trx('reports').insert({
        number: entry.number,
        type: entry.type,
        title: entry.title,
        parameters: JSON.stringify(entry.parameters),
        period_from: entry.periodFrom,
        period_to: entry.periodTo,
        produced_by: entry.producedBy,
        produced_by_name: entry.producedByName,
        produced_at: entry.producedAt,
        page_count: entry.pageCount,
        sha256: entry.sha256,
        content_sha256: entry.contentSha256,
        certificate_fingerprint: entry.certificateFingerprint,
        file_name: entry.fileName,
        anonymised: entry.anonymised ? 1 : 0,
        password_protected: entry.passwordProtected ? 1 : 0,
      })
      return Number(newId)
    })
    const row = (await this.store.requireOpen().db('reports').where({ id }).first())!
    return toIssued(row)
  }

  async list(query: { sort?: { key: keyof typeof REGISTER_SORT; order: 'asc' | 'desc' } | undefined; offset: number; limit: number }): Promise<{ rows: IssuedReport[]; total: number }> {
    const { db } = this.store.requireOpen()
    const [{ n }] = (await db('reports').count({ n: '*' })) as [{ n: number }]
    const ordered = db('reports').select('*')
    // A chosen column, then the register's own order (newest first).
    if (query.sort) ordered.orderByRaw(`${REGISTER_SORT[query.sort.key]} ${query.sort.order === 'desc' ? 'DESC' : 'ASC'}`)
    const rows = await ordered.orderBy('id', 'desc').offset(query.offset).limit(query.limit)
    return { rows: rows.map(toIssued), total: Number(n) }
  }

  /** Is this copy genuine and unaltered? The signature, its certificate, and the register. */
  async verify(pdf: Buffer): Promise<PdfVerification> {
    const { db } = this.store.requireOpen()
    const check = checkPdfSignature(pdf)
    const sha256 = createHash('sha256').update(pdf).digest('hex')
    const entry = await db('reports').where({ sha256 }).first()
    const known = check.signer ? await db('signing_certificates').where({ fingerprint: check.signer.fingerprint }).first() : undefined
    const base = { signatureIntact: check.intact, coversWholeFile: check.coversWholeFile, signedBy: check.signer, signedByThisSchool: !!known, registerEntry: entry ? toIssued(entry) : null }
    const result = ((): Pick<PdfVerification, 'verdict' | 'message'> => {
      if (check.kind === 'not-a-pdf') return { verdict: 'not-a-pdf', message: 'That file is not a PDF.' }
      if (check.kind === 'not-signed' && entry) {
        return {
          verdict: 'not-signed',
          message: `That PDF carries no digital signature: ${registerNumberLabel(numberOf(entry))}, “${entry.title}”, was issued by ${entry.produced_by_name} on ${ukLongDate(entry.produced_at)}, who does not hold the school’s signing certificate (only the business manager and the headteacher do). This exact file is in the report register, unchanged.`,
        }
      }
      if (check.kind === 'not-signed') return { verdict: 'not-signed', message: 'That PDF carries no digital signature, so the register cannot vouch for it.' }
      if (!check.intact || !check.coversWholeFile) {
        return { verdict: 'altered', message: 'This copy has been changed since it was signed. Do not rely on it: ask for the original, or print the report again from the register.' }
      }
      if (!known) return { verdict: 'unknown-signer', message: `The signature is intact, but it was made with a certificate this school’s register does not know (${check.signer?.holder ?? 'unnamed'}).` }
      if (!entry) return { verdict: 'altered', message: 'The signature is this school’s, but this exact file is not in the report register. Treat it with caution.' }
      return { verdict: 'genuine', message: `Genuine and unaltered: ${registerNumberLabel(numberOf(entry))}, “${entry.title}”, issued by ${entry.produced_by_name} on ${ukLongDate(entry.produced_at)}.` }
    })()
    await this.store.audit({ action: 'report.verify', target: entry ? `report:${entry.id}` : null, detail: result.verdict })
    return { ...result, ...base }
  }

  /**
   * The anchor a signed report carries, read only from a copy the register vouches for: the
   * signature intact over every byte, made with a certificate this school has held (the checks
   * of `verify`). Otherwise the reason, in words.
   */
  async anchorOf(pdf: Buffer): Promise<{ anchor: Anchor; producedAt: string; title: string | null } | { refused: string }> {
    const { db } = this.store.requireOpen()
    const check = checkPdfSignature(pdf)
    if (check.kind === 'not-a-pdf') return { refused: 'That file is neither a backup nor a PDF.' }
    if (check.kind === 'not-signed') return { refused: 'That PDF carries no digital signature, so it cannot vouch for the register.' }
    if (!check.intact || !check.coversWholeFile) return { refused: 'That PDF has been changed since it was signed, so what it says of the register cannot be relied on.' }
    const known = check.signer ? await db('signing_certificates').where({ fingerprint: check.signer.fingerprint }).first('id') : undefined
    if (!known) {
      return {
        refused: `That PDF is signed with a certificate this register does not know (${check.signer?.holder ?? 'unnamed'}): either it is not this school’s report, or the certificate it was signed with has been removed from the register.`,
      }
    }
    const anchor = anchorInPdf(pdf)
    if (!anchor) return { refused: 'That signed report records nothing of the register (it was made by an earlier version of the app), so it cannot be compared.' }
    const sha256 = createHash('sha256').update(pdf).digest('hex')
    const entry = (await db('reports').where({ sha256 }).first('title')) as { title: string } | undefined
    return { anchor, producedAt: anchor.at, title: entry?.title ?? null }
  }
}
