import type { SigningCertificate } from '../../../shared/domain/reports'
import { AppError } from '../api/app-error'
import type { Db } from '../db/database'
import { readSchool } from '../school/school'
import type { RegisterStore } from '../store/register-store'
import { saveChosenFile, type ChosenFile } from '../files/save-chosen-file'
import { FieldUnreadableError } from '../vault/field-cipher'
import { certificateDer, generateSchoolCertificate, importCertificate, renewalDue, summarise, type StoredCertificate } from './signing/certificate'
import { openCertificate, sealP12, sealPassphrase } from './signing/certificate-store'
import type { SigningCertificateRow } from './tables'

/** A certificate this close to its end date is flagged on screen. */
export const EXPIRY_WARNING_DAYS = 60

/** The certificate as the register keeps it (its PKCS#12 and passphrase sealed with the reports key). */
export type CertificateRow = SigningCertificateRow

/** The current certificate, opened with the reports key, ready to sign with. */
export type OpenedCertificate = CertificateRow & { opened: { p12: Buffer; passphrase: string } }

const reportsKeyHolders = 'Only the business manager and the headteacher hold the key that keeps the school’s signing certificate. Ask one of them.'

/**
 * The school's signing certificate: made by the app (and renewed after five years) or imported,
 * kept in the register sealed with the reports key, and given to readers as a .cer file.
 */
export class SigningCertificates {
  constructor(
    private readonly store: RegisterStore,
    private readonly now: () => number,
  ) {}

  async ensure(db: Db): Promise<CertificateRow> {
    const current = await this.current(db)
    if (current && !renewalDue({ ...current, notBefore: current.not_before, notAfter: current.not_after }, this.now())) return current
    const school = await readSchool(db)
    const cert = generateSchoolCertificate(school.name, new Date(this.now()))
    // A certificate the app made has signed for its five years: the next one takes over, the old one is kept for the reports it signed.
    if (current) await this.store.change({ action: 'certificate.generate', detail: `renewed after five years; fingerprint ${cert.fingerprint}` }, (trx) => this.save(trx, cert))
    else await this.save(db, cert)
    return (await db('signing_certificates').whereNull('retired_at').orderBy('id', 'desc').first())!
  }

  private async current(db: Db): Promise<CertificateRow | undefined> {
    return await db('signing_certificates').whereNull('retired_at').orderBy('id', 'desc').first()
  }

  /**
   * The certificate and its private key, when the signed-in user holds the reports key (the
   * business manager and the headteacher); otherwise null, and the report is issued unsigned.
   */
  async forSigning(db: Db): Promise<OpenedCertificate | null> {
    const reportsKey = this.store.roleKey('reports')
    if (!reportsKey) return null
    const row = await this.ensure(db)
    try {
      return { ...row, opened: openCertificate(reportsKey, row) }
    } catch (err) {
      if (!(err instanceof FieldUnreadableError)) throw err
      throw new AppError('internal', 'The school’s signing certificate cannot be opened: it was changed outside the app. Nothing was issued. Make a new certificate in Settings, or restore the latest backup.')
    }
  }

  /** The certificate reports are signed with, for readers to trust: DER (a .cer file). Only the holders of the reports key reach it (manager, head). */
  async export(chosen: ChosenFile): Promise<{ file: string }> {
    const row = await this.forSigning(this.store.requireOpen().db)
    if (!row) throw new AppError('forbidden', reportsKeyHolders)
    const file = saveChosenFile(chosen, certificateDer(row.opened.p12, row.opened.passphrase), 'cer', 'The school’s certificate is saved as a .cer file')
    await this.store.audit({ action: 'certificate.export', detail: `fingerprint ${row.fingerprint}` })
    return { file }
  }

  async summary(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const { db } = this.store.requireOpen()
    const row = (await this.current(db)) ?? (this.store.roleKey('reports') ? await this.ensure(db) : undefined)
    if (!row) throw new AppError('not-found', 'The school has no signing certificate yet. The business manager or the headteacher makes one by signing in.')
    const s = summarise({ ...row, notBefore: row.not_before, notAfter: row.not_after }, this.now())
    return { ...s, expiresSoon: s.daysLeft <= EXPIRY_WARNING_DAYS }
  }

  async import(p12: Buffer, passphrase: string): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const cert = importCertificate(p12, passphrase, new Date(this.now()))
    await this.store.change({ action: 'certificate.import', detail: `fingerprint ${cert.fingerprint}` }, (trx) => this.save(trx, cert))
    return this.summary()
  }

  async newSelfSigned(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const { db } = this.store.requireOpen()
    const cert = generateSchoolCertificate((await readSchool(db)).name, new Date(this.now()))
    await this.store.change({ action: 'certificate.generate', detail: `fingerprint ${cert.fingerprint}` }, (trx) => this.save(trx, cert))
    return this.summary()
  }

  private async save(db: Db, cert: StoredCertificate): Promise<void> {
    const reportsKey = this.store.roleKey('reports')
    if (!reportsKey) throw new AppError('forbidden', reportsKeyHolders)
    const at = new Date(this.now()).toISOString()
    await db('signing_certificates').whereNull('retired_at').update({ retired_at: at })
    // Its id is part of what the encryption is bound to, so it is chosen before the row is written.
    const [{ max }] = (await db('signing_certificates').max({ max: 'id' })) as [{ max: number | null }]
    const id = (max ?? 0) + 1
    await db('signing_certificates').insert({
      id,
      source: cert.source,
      p12: sealP12(reportsKey, id, cert.p12),
      passphrase: sealPassphrase(reportsKey, id, cert.passphrase),
      holder: cert.holder,
      organisation: cert.organisation,
      fingerprint: cert.fingerprint,
      not_before: cert.notBefore,
      not_after: cert.notAfter,
      created_at: at,
    })
  }
}
