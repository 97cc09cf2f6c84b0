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

/** One of last visit's answers, offered as a chip: tapping it fills that field, nothing more. */
export interface Suggestion<K extends keyof VisitDetails = keyof VisitDetails> {
  field: K
  value: VisitDetails[K]
  label: string
}

/**
 * A returning visitor often comes for the same reason to see the same person, but not always:
 * last visit's answers are offered, never filled in, so an old purpose or host cannot slip
 * into today's visit unnoticed.
 */
export function suggestionsFrom(match: VisitorMatch): Suggestion[] {
  const last = match.lastVisit
  if (!last) return []
  const out: Suggestion[] = [{ field: 'purpose', value: last.purpose, label: last.purpose }]
  out.push({ field: 'host', value: last.hostId ? { id: last.hostId, name: last.hostName } : last.hostName, label: last.hostName })
  if (last.carRegistration) out.push({ field: 'carRegistration', value: last.carRegistration, label: last.carRegistration })
  return out
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
