import type { DbsCheck, PersonKind, ReceptionKind } from './people'

/** The reception desk: visitors found or registered, signed in and out, and the fire roll call. */

export interface VisitorMatch {
  id: number
  kind: ReceptionKind
  displayName: string
  /** Their names as recorded, for correcting them at the desk. */
  forename: string
  surname: string
  organisation: string | null
  dbs: DbsCheck | null
  /** What they came for last time, so a returning visitor signs in with one tap. */
  lastVisit: { signedInAt: string; purpose: string; hostId: number | null; hostName: string; carRegistration: string | null } | null
  /** Set when they are signed in now. */
  onSite: { visitId: number; signedInAt: string } | null
  /** Whether their acceptable use agreement is current (needed before using school ICT or wifi). */
  agreementCurrent: boolean
}

export type SignOutHow = 'desk' | 'auto'

export interface Visit {
  id: number
  personId: number
  kind: PersonKind
  visitorName: string
  organisation: string | null
  purpose: string
  hostId: number | null
  hostName: string
  carRegistration: string | null
  usesIct: boolean
  /** The agreement taken when they signed in, if one was. */
  agreementId: number | null
  signedInAt: string
  signedOutAt: string | null
  /** desk: at reception; auto: by the app at the set time. */
  signedOutHow: SignOutHow | null
}

export interface OnSiteList {
  asAt: string
  visits: Visit[]
}

export interface VisitPage {
  rows: Visit[]
  total: number
}

export interface ReceptionSettings {
  /** HH:MM, UK time: everyone still signed in is signed out automatically then; null = never. */
  autoSignOutAt: string | null
  /** Visitor records are kept for the rest of the year of the last visit plus this many years. */
  visitorRetentionYears: number
}

export const DEFAULT_RECEPTION_SETTINGS: ReceptionSettings = { autoSignOutAt: '18:00', visitorRetentionYears: 6 }

export interface RetentionReport {
  /** Records from before this UK date go (YYYY-MM-DD). */
  cutoff: string
  dryRun: boolean
  visitorsDeleted: number
  visitsDeleted: number
  agreementsDeleted: number
  /** People on a safeguarding hold whose records would otherwise have gone. */
  heldSkipped: number
  /** People named in a safeguarding record (an incident), not on a hold set by hand, kept the same way. */
  namedSkipped: number
  /** Visitors due to go whose record could not be deleted: kept, and the run carried on. */
  notDeleted: number
}
