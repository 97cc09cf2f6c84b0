import type { z } from 'zod'
import type { AUP_STATUS_SORT_KEYS, aupStatusQuery } from '../../../shared/api/people-fields'
import {
  AUP_AUDIENCES,
  AUP_STANDINGS,
  audienceOf,
  type AupAudience,
  type AupStanding,
  type AupStatusReport,
  type PersonAupStatus,
  type StandingCounts,
} from '../../../shared/domain/aup'
import { PERSON_KINDS, STAFF_GROUPS, YEAR_GROUPS, type PersonKind } from '../../../shared/domain/people'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { nameTokens, queryWords } from '../people/services'
import { displayNameOfRow, keyStageOfRow, sortNameOfRow } from '../people/services'
import { agreementIsCurrent, loadAupState, type AupState } from './aup-versions'
import { ukDay } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'

/** An agreement that still counts: agreed, and not replaced by a correction. */
export interface CountingAgreement {
  person_id: number
  version_id: number
  agreed_on: string
}

/** The agreements that still count for some people (or for everyone in a kind, or all but visitors). */
export async function countingAgreements(db: Db, people: { ids?: number[]; kind?: PersonKind }): Promise<CountingAgreement[]> {
  const query = db('agreements as a')
    .where('a.state', 'agreed')
    .whereNotExists((q) => void q.select(db.raw('1')).from('agreements as c').whereRaw('c.supersedes_id = a.id'))
    .select('a.person_id', 'a.version_id', 'a.agreed_on')
  if (people.ids) void query.whereIn('a.person_id', people.ids)
  else
    void query.whereIn('a.person_id', (q) => {
      void q.select('id').from('people').whereNull('archived_at')
      if (people.kind) void q.where('kind', people.kind)
      else void q.whereNot('kind', 'visitor')
    })
  return (await query) as CountingAgreement[]
}

/** Where one person stands, from the agreements of theirs that still count. */
export function standingOf(state: AupState, audience: AupAudience | null, theirs: CountingAgreement[]): AupStanding {
  if (!audience || !state.current.has(audience)) return 'no-version'
  if (theirs.some((a) => agreementIsCurrent(state, audience, a.version_id, a.agreed_on))) return 'current'
  return theirs.length > 0 ? 'due' : 'never'
}

/** One collator for every comparison: localeCompare with options builds a new one each call. */
const BY_NAME = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' })

const empty = (): StandingCounts => ({ total: 0, current: 0, due: 0, never: 0, noVersion: 0 })

function tally(counts: StandingCounts, standing: AupStanding): void {
  counts.total += 1
  if (standing === 'no-version') counts.noVersion += 1
  else counts[standing] += 1
}

const kindOrder = (k: PersonKind) => PERSON_KINDS.indexOf(k)
const yearOrder = (y: string | null) => (y ? YEAR_GROUPS.indexOf(y as (typeof YEAR_GROUPS)[number]) : -1)
const staffGroupOrder = (g: string | null) => (g ? STAFF_GROUPS.indexOf(g as (typeof STAFF_GROUPS)[number]) : STAFF_GROUPS.length)

/** The order of the list's Group column: by kind, then year group and class, or staff group. */
function byGroup(a: PersonAupStatus, b: PersonAupStatus): number {
  return (
    kindOrder(a.kind) - kindOrder(b.kind) ||
    yearOrder(a.yearGroup) - yearOrder(b.yearGroup) ||
    BY_NAME.compare(a.regClass ?? '', b.regClass ?? '') ||
    staffGroupOrder(a.staffGroup) - staffGroupOrder(b.staffGroup)
  )
}

/** Each sortable column, up (dir 1) or down (dir -1); a blank username or a person who never agreed comes after every other either way. */
const STATUS_SORT: Record<(typeof AUP_STATUS_SORT_KEYS)[number], (a: PersonAupStatus, b: PersonAupStatus, dir: 1 | -1) => number> = {
  name: (a, b, dir) => dir * BY_NAME.compare(a.sortName, b.sortName),
  group: (a, b, dir) => dir * byGroup(a, b),
  username: (a, b, dir) => blanksLast(a.username, b.username) || dir * BY_NAME.compare(a.username ?? '', b.username ?? ''),
  standing: (a, b, dir) => dir * (AUP_STANDINGS.indexOf(a.standing) - AUP_STANDINGS.indexOf(b.standing)),
  lastAgreedOn: (a, b, dir) => blanksLast(a.lastAgreedOn, b.lastAgreedOn) || dir * (a.lastAgreedOn ?? '').localeCompare(b.lastAgreedOn ?? ''),
}

function blanksLast(a: string | null, b: string | null): number {
  return Number(!a) - Number(!b)
}

type StatusPerson = Pick<PersonRow, 'id' | 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'year_group' | 'reg_class' | 'staff_group' | 'username'>

/**
 * Who has and has not agreed to the current versions (section 7.3), counted by kind, year
 * group, class and staff group, with a page of the people matching the filters. Visitors are
 * left out unless asked for: they agree at reception only when they use the school's ICT.
 */
export async function aupStatus(ctx: FeatureContext, q: z.output<typeof aupStatusQuery>): Promise<AupStatusReport> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const state = await loadAupState(db, today)
  const people = (await db('people')
    .whereNull('archived_at')
    .modify((b) => void (q.kind ? b.where('kind', q.kind) : b.whereNot('kind', 'visitor')))
    .select('id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname', 'year_group', 'reg_class', 'staff_group', 'username')) as StatusPerson[]
  const byPerson = new Map<number, CountingAgreement[]>()
  for (const a of await countingAgreements(db, { kind: q.kind })) byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), a])

  const totals = empty()
  const byKind = new Map<PersonKind, StandingCounts>()
  const byYear = new Map<string, StandingCounts>()
  const byClass = new Map<string, StandingCounts>()
  const byStaffGroup = new Map<string, StandingCounts>()
  const count = <K>(map: Map<K, StandingCounts>, key: K, standing: AupStanding) => {
    let c = map.get(key)
    if (!c) map.set(key, (c = empty()))
    tally(c, standing)
  }
  const words = q.text ? queryWords(q.text) : []
  const rows: PersonAupStatus[] = []
  for (const p of people) {
    const audience = audienceOf({ kind: p.kind, yearGroup: p.year_group })
    const theirs = byPerson.get(p.id) ?? []
    const standing = standingOf(state, audience, theirs)
    tally(totals, standing)
    count(byKind, p.kind, standing)
    if (p.kind === 'pupil' && p.year_group) {
      count(byYear, p.year_group, standing)
      count(byClass, `${p.year_group}\u0000${p.reg_class ?? ''}`, standing)
    }
    if (p.kind === 'staff') count(byStaffGroup, p.staff_group ?? 'other', standing)

    if (q.audience && audience !== q.audience) continue
    if (q.yearGroup && p.year_group !== q.yearGroup) continue
    if (q.regClass && (p.reg_class ?? '').toLowerCase() !== q.regClass.toLowerCase()) continue
    if (q.staffGroup && p.staff_group !== q.staffGroup) continue
    if (q.standing && standing !== q.standing) continue
    if (words.length > 0) {
      const tokens = nameTokens(p.forename, p.surname, p.preferred_forename, p.preferred_surname)
      if (!words.every((w) => tokens.some((t) => t.startsWith(w)))) continue
    }
    const last = theirs.reduce<CountingAgreement | null>((best, a) => (!best || a.agreed_on > best.agreed_on ? a : best), null)
    rows.push({
      id: p.id,
      kind: p.kind,
      displayName: displayNameOfRow(p),
      sortName: sortNameOfRow(p),
      yearGroup: p.year_group,
      keyStage: keyStageOfRow(p),
      regClass: p.reg_class,
      staffGroup: p.staff_group,
      username: p.username,
      audience,
      standing,
      lastAgreedOn: last?.agreed_on ?? null,
      lastVersionLabel: last ? (state.versions.get(last.version_id)?.versionLabel ?? null) : null,
    })
  }

  // The standing is worked out here, not stored, so the list is sorted here, before its page is cut.
  const byGroupThenName = (a: PersonAupStatus, b: PersonAupStatus) => byGroup(a, b) || BY_NAME.compare(a.sortName, b.sortName) || a.id - b.id
  const chosen = q.sort ? STATUS_SORT[q.sort.key] : null
  const dir = q.sort?.order === 'desc' ? -1 : 1
  rows.sort((a, b) => (chosen ? chosen(a, b, dir) : 0) || byGroupThenName(a, b))

  return {
    asOf: today,
    audiences: AUP_AUDIENCES.map((audience) => {
      const current = state.current.get(audience)
      return {
        audience,
        current: current ? { id: current.id, versionLabel: current.versionLabel, effectiveFrom: current.effectiveFrom } : null,
        renewalFrom: state.renewalFrom.get(audience) ?? null,
      }
    }),
    totals,
    byKind: PERSON_KINDS.flatMap((kind) => (byKind.has(kind) ? [{ kind, ...byKind.get(kind)! }] : [])),
    byYearGroup: YEAR_GROUPS.flatMap((yearGroup) => (byYear.has(yearGroup) ? [{ yearGroup, ...byYear.get(yearGroup)! }] : [])),
    byClass: [...byClass.entries()]
      .map(([key, c]) => {
        const [yearGroup, regClass] = key.split('\u0000') as [(typeof YEAR_GROUPS)[number], string]
        return { yearGroup, regClass, ...c }
      })
      .sort((a, b) => yearOrder(a.yearGroup) - yearOrder(b.yearGroup) || BY_NAME.compare(a.regClass, b.regClass)),
    byStaffGroup: STAFF_GROUPS.flatMap((staffGroup) => (byStaffGroup.has(staffGroup) ? [{ staffGroup, ...byStaffGroup.get(staffGroup)! }] : [])),
    rows: rows.slice(q.offset, q.offset + q.limit),
    total: rows.length,
  }
}
