import type { Host } from '@shared/domain/people'
import type { VisitorMatch } from '@shared/domain/visits'

/** Letters typed before the desk starts looking: fewer would list half the visitor book. */
export const MIN_SEARCH_LETTERS = 3

/** Whether what was typed is enough to search on. */
export function canSearch(text: string): boolean {
  return text.trim().replace(/\s+/g, '').length >= MIN_SEARCH_LETTERS
}

/**
 * Section 7.3 and Appendix 2: a visitor who will use the school's computers or wifi must have
 * agreed to the current visitor agreement. Someone who will not, or who already has, signs in
 * straight away.
 */
export function needsAgreement(usesIct: boolean, visitor: Pick<VisitorMatch, 'agreementCurrent'> | null): boolean {
  return usesIct && !(visitor?.agreementCurrent ?? false)
}

/** Who they are here to see: a member of staff picked from the list, or a name typed in. */
export type HostChoice = Host | string | null

export interface VisitDetails {
  purpose: string
  host: HostChoice
  carRegistration: string
  usesIct: boolean
}

/**
 * A returning visitor usually comes for the same reason to see the same person: fill the form
 * from their last visit so that signing in is "pick, then Sign in". Someone who already has a
 * current agreement is taken to use the school's wifi again; anyone can change either.
 */
export function prefillFrom(match: VisitorMatch): VisitDetails {
  const last = match.lastVisit
  return {
    purpose: last?.purpose ?? '',
    host: last ? (last.hostId ? { id: last.hostId, name: last.hostName } : last.hostName) : null,
    carRegistration: last?.carRegistration ?? '',
    usesIct: match.agreementCurrent,
  }
}

/** The host as the core takes it: an id for someone on the staff list, otherwise the typed name. */
export function hostInput(host: HostChoice): { hostId?: number; hostName?: string } {
  if (host === null) return {}
  if (typeof host === 'string') return host.trim() ? { hostName: host.trim() } : {}
  return { hostId: host.id }
}

/** "today", or the UK date of their last visit. */
export function lastHere(signedInAt: string, day: (iso: string) => string, today: string): string {
  const d = day(signedInAt)
  return d === today ? 'last here today' : `last here ${d}`
}
