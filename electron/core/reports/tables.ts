import type { ReportType } from '../../../shared/domain/reports'
import type { TableOf } from '../db/table-types'

/** A certificate reports are signed with; the PKCS#12 and its passphrase are sealed (signing/certificate-store.ts). */
export interface SigningCertificateRow {
  id: number
  source: 'generated' | 'imported'
  p12: Buffer
  passphrase: string
  holder: string
  organisation: string
  fingerprint: string
  not_before: string
  not_after: string
  created_at: string
  retired_at: string | null
}

/** One signed report the register issued (the PDF itself is not kept). */
export interface ReportRow {
  id: number
  type: ReportType
  title: string
  /** JSON: the choices it was made with (never a password). */
  parameters: string
  period_from: string | null
  period_to: string | null
  produced_by: number
  produced_by_name: string
  produced_at: string
  page_count: number
  sha256: string
  content_sha256: string
  certificate_fingerprint: string
  file_name: string
  anonymised: number
  password_protected: number
  /** The register number printed on it; NULL for reports issued before numbers (db/migrations/0016-report-numbers.ts). */
  number: string | null
}

declare module 'knex/types/tables' {
  interface Tables {
    signing_certificates: TableOf<SigningCertificateRow, 'id'>
    reports: TableOf<ReportRow, 'id' | 'anonymised' | 'password_protected'>
  }
}
