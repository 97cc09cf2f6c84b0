import type { AgreementMethod, AupAudience, AupFormat } from '../../../shared/domain/aup'
import type { TableOf } from '../db/table-types'

/** One acceptable use agreement (or its withdrawal, or a correction superseding an earlier one). */
export interface AgreementRow {
  id: number
  person_id: number
  version_id: number
  state: 'agreed' | 'withdrawn'
  agreed_on: string | null
  method: AgreementMethod | null
  signature_png: Buffer | null
  typed_signature: string | null
  paper_received_on: string | null
  parent_name: string | null
  parent_agreed_on: string | null
  witnessed_by: number
  witnessed_by_name: string
  recorded_at: string
  supersedes_id: number | null
  correction_reason: string | null
}

/** One published version of an acceptable use agreement. */
export interface AupVersionRow {
  id: number
  title: string
  version_label: string
  effective_from: string
  format: AupFormat
  body: string
  created_at: string
  created_by: number
  created_by_name: string
}

/** An audience a version of the agreement is for. */
export interface AupVersionAudienceRow {
  version_id: number
  audience: AupAudience
}

/** A renewal run: agreements of an audience from before `from_date` no longer count. */
export interface AupRenewalRow {
  id: number
  audience: AupAudience
  from_date: string
  created_at: string
  created_by: number
}

declare module 'knex/types/tables' {
  interface Tables {
    agreements: TableOf<AgreementRow, 'id'>
    aup_versions: TableOf<AupVersionRow, 'id'>
    aup_version_audiences: AupVersionAudienceRow
    aup_renewals: TableOf<AupRenewalRow, 'id'>
  }
}
