import { keyStageOf, STAFF_GROUP_LABELS, yearGroupLabel, type PersonKind, type PersonSummary, type StaffGroup, type YearGroup } from './people'

/**
 * Acceptable use agreements (Appendices 1 and 2): versioned texts the school enters itself —
 * the app ships no policy wording — and who agreed to which version, when and how.
 */

/** Who an agreement text is for. One text may serve several audiences (Appendix 2 does). */
export const AUP_AUDIENCES = ['pupils-eyfs-ks1', 'pupils-ks2', 'pupils-ks3-5', 'staff', 'governors', 'volunteers', 'contractors', 'visitors'] as const
export type AupAudience = (typeof AUP_AUDIENCES)[number]

export const AUP_AUDIENCE_LABELS: Readonly<Record<AupAudience, string>> = {
  'pupils-eyfs-ks1': 'Pupils in Reception to Year 2 (agreed by a parent or carer)',
  'pupils-ks2': 'Pupils in Years 3 to 6, with their parent or carer',
  'pupils-ks3-5': 'Pupils in Years 7 to 13, with their parent or carer',
  staff: 'Staff',
  governors: 'Governors',
  volunteers: 'Volunteers',
  contractors: 'Contractors',
  visitors: 'Visitors',
}

/** Agreements for these audiences carry a parent or carer's name and the date they agreed. */
export const PARENT_AUDIENCES = ['pupils-eyfs-ks1', 'pupils-ks2', 'pupils-ks3-5'] as const satisfies readonly AupAudience[]

/** The agreement a person is asked for: by year group for pupils, by kind for everyone else. */
export function audienceOf(p: { kind: PersonKind; yearGroup: YearGroup | null }): AupAudience | null {
  switch (p.kind) {
    case 'pupil': {
      if (!p.yearGroup) return null
      const ks = keyStageOf(p.yearGroup)
      if (ks === 'EYFS' || ks === 'KS1') return 'pupils-eyfs-ks1'
      return ks === 'KS2' ? 'pupils-ks2' : 'pupils-ks3-5'
    }
    case 'staff':
      return 'staff'
    case 'governor':
      return 'governors'
    case 'volunteer':
      return 'volunteers'
    case 'contractor':
      return 'contractors'
    case 'visitor':
      return 'visitors'
  }
}

export const AUP_FORMATS = ['text', 'markdown'] as const
export type AupFormat = (typeof AUP_FORMATS)[number]

export interface AupVersionSummary {
  id: number
  title: string
  /** The school's own label: "2025–26", "v3". */
  versionLabel: string
  audiences: AupAudience[]
  /** YYYY-MM-DD: from this day it is the version people are asked to agree to. */
  effectiveFrom: string
  format: AupFormat
  createdAt: string
  createdBy: string
  /** The audiences for which it is the version in force today. */
  currentFor: AupAudience[]
  /** current: in force for at least one audience; scheduled: takes effect later; superseded: replaced everywhere. */
  state: 'current' | 'scheduled' | 'superseded'
  /** Agreements recorded against it (corrections excluded). */
  agreementCount: number
}

export interface AupVersion extends AupVersionSummary {
  body: string
}

export const AGREEMENT_METHODS = ['on-screen', 'paper'] as const
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number]

export const AGREEMENT_METHOD_LABELS: Readonly<Record<AgreementMethod, string>> = {
  'on-screen': 'Signed on screen',
  paper: 'Signed paper copy',
}

export interface Agreement {
  id: number
  personId: number
  versionId: number
  versionTitle: string
  versionLabel: string
  /** withdrawn: a correction saying the agreement it replaces was recorded in error. */
  state: 'agreed' | 'withdrawn'
  /** YYYY-MM-DD: the day the person agreed (for paper, the date on the form). */
  agreedOn: string | null
  method: AgreementMethod | null
  hasSignature: boolean
  /** Agreed on screen by typing their name (for someone who cannot draw a signature), witnessed. */
  typedSignature: string | null
  /** YYYY-MM-DD: when the signed paper copy reached the school. */
  paperReceivedOn: string | null
  parentName: string | null
  parentAgreedOn: string | null
  /** The signed-in user who recorded it. */
  witnessedBy: string
  recordedAt: string
  /** The agreement this one corrects. */
  supersedesId: number | null
  /** The correction that replaced this one: it no longer counts, but stays readable. */
  supersededById: number | null
  correctionReason: string | null
}

/** Where a person stands with the agreement for their audience. */
export const AUP_STANDINGS = ['current', 'due', 'never', 'no-version'] as const
export type AupStanding = (typeof AUP_STANDINGS)[number]

export const AUP_STANDING_LABELS: Readonly<Record<AupStanding, string>> = {
  current: 'Agreed to the current version',
  due: 'Due for renewal',
  never: 'Not yet agreed',
  'no-version': 'No agreement text entered for them yet',
}

export interface StandingCounts {
  total: number
  current: number
  due: number
  never: number
  noVersion: number
}

export interface PersonAupStatus extends Pick<PersonSummary, 'id' | 'kind' | 'displayName' | 'sortName' | 'yearGroup' | 'keyStage' | 'regClass' | 'staffGroup' | 'username'> {
  audience: AupAudience | null
  standing: AupStanding
  /** Their latest agreement that still counts (any version). */
  lastAgreedOn: string | null
  lastVersionLabel: string | null
}

export interface AudienceVersionState {
  audience: AupAudience
  current: { id: number; versionLabel: string; effectiveFrom: string } | null
  /** YYYY-MM-DD: the latest renewal run for this audience; agreements before it are due. */
  renewalFrom: string | null
}

export interface AupStatusReport {
  /** YYYY-MM-DD, UK date the status was worked out for. */
  asOf: string
  audiences: AudienceVersionState[]
  totals: StandingCounts
  byKind: ({ kind: PersonKind } & StandingCounts)[]
  byYearGroup: ({ yearGroup: YearGroup } & StandingCounts)[]
  byClass: ({ yearGroup: YearGroup; regClass: string } & StandingCounts)[]
  byStaffGroup: ({ staffGroup: string } & StandingCounts)[]
  /** The page of people matching the filters. */
  rows: PersonAupStatus[]
  total: number
}

export interface RenewalRun {
  audiences: AupAudience[]
  /** YYYY-MM-DD: agreements made before this day are due for renewal. */
  from: string
}

/**
 * A group whose agreements are printed and recorded together: a pupils' registration class (in
 * its year group) or a staff group. The paper round each September goes one group at a time.
 */
export type AupGroup = { kind: 'class'; yearGroup: YearGroup; regClass: string } | { kind: 'staff'; staffGroup: StaffGroup }

export function aupGroupLabel(g: AupGroup): string {
  return g.kind === 'class' ? `Class ${g.regClass} (${yearGroupLabel(g.yearGroup)})` : STAFF_GROUP_LABELS[g.staffGroup]
}

/** The most people one call records or one print holds: a whole year group of a large secondary. */
export const MAX_BATCH_PEOPLE = 500

export interface PaperBatchResult {
  /** How many agreements were recorded, one per person ticked. */
  recorded: number
  agreements: { personId: number; agreementId: number }[]
}
