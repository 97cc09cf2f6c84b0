import type { Knex } from 'knex'
import { OVERDUE_ACTION_DAYS, type AnnualFigures, type AnnualRegisterFigures, type AnnualSpan, type AupFigures, type CheckFigures, type FilteringFigures, type IncidentFigures, type OnlineSafetyPolicyReview, type PermissionFigures, type ReviewFigures, type TrainingFigures, type YearOnYear } from '../../../shared/domain/annual-review'
import { AUP_AUDIENCE_LABELS, AUP_AUDIENCES, audienceOf, type AupAudience } from '../../../shared/domain/aup'
import { agreementIsCurrent, loadAupState } from '../agreements/services'
import { PROCEDURE_STEPS, type ProcedureStep } from '../../../shared/domain/incidents'
import { KEY_STAGES, keyStageOf, PERSON_KIND_GROUP_LABELS, PERSON_KINDS, YEAR_GROUPS, yearGroupLabel, type PersonKind, type YearGroup } from '../../../shared/domain/people'
import { PERMISSION_KIND_LABELS, PERMISSION_KINDS, type PermissionKind } from '../../../shared/domain/permissions'
import { FILTER_CHANGE_LABELS, FILTER_CHANGES, rhythmLabel, type FilterChange } from '../../../shared/domain/reviews-and-checks'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import type { AnnualPackPart } from '../feature-kit/feature'
import { whereInForce, whereNotCleared, permissionsQuery } from '../permissions/services'
import { readScanSettings } from '../permissions/services'
import { tallyChecks } from '../reviews-and-checks/services'
import { addMonths, daysBetween } from '../../../shared/dates/uk-time'
import { summaries } from '../reviews-and-checks/services'
import type { RegisterStore } from '../store/register-store'
import { dataKeyFrom, openField, openReferralAgency, unreadable } from '../incidents/services'
import { openedColumn } from '../incidents/services'
import { FieldUnreadableError } from '../vault/field-cipher'
import { academicYearOf, schoolYearOf, yearGroupIn } from '../../../shared/dates/school-year'
import { ukDay, ukInstant } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'

/** The checklist steps that are a referral to an agency: "not needed" on one is a decision not to refer. */
export const REFERRAL_STEPS = ['police', 'social-work', 'lado', 'iwf', 'ceop', 'prevent'] as const satisfies readonly ProcedureStep[]

const MONTHS = ['September', 'October', 'November', 'December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August']

const num = (v: unknown) => Number(v ?? 0)

/** The year's twelve months as YYYY-MM, September first. */
export function monthsOf(startYear: number): string[] {
  return MONTHS.map((_, i) => {
    const month = ((8 + i) % 12) + 1
    return `${month >= 9 ? startYear : startYear + 1}-${String(month).padStart(2, '0')}`
  })
}

/** The days a year's figures count, and the same days of the year before. */
export interface Spans {
  now: { from: string; to: string }
  before: { from: string; to: string }
}

async function countsBy(db: Db, column: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = (await db('incidents as i')
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .whereBetween('i.occurred_on', [from, to])
    .select(db.raw(`${column} as k`))
    .count({ n: '*' })
    .groupBy('k')) as { k: string; n: number }[]
  return new Map(rows.map((r) => [r.k, num(r.n)]))
}

/** The middle value of a list of numbers (the mean of the two middle ones for an even count). */
function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * When each closed entry was last closed: the first version of the final run of closed versions,
 * read from the entry's signed records (the status of each version, and when it was signed). The
 * records are encrypted with each entry's data key, so this needs a safeguarding or ICT role key.
 */
async function closedOn(db: Db, store: RegisterStore, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db('incident_records as r')
      .join('incidents as i', 'i.id', 'r.incident_id')
      .whereIn('r.incident_id', ids.slice(i, i + 500))
      .where('r.kind', 'version')
      .orderBy('r.id')
      .select('r.id', 'r.incident_id', 'r.at', 'r.body', 'i.reference', 'i.data_key')) as { id: number; incident_id: number; at: string; body: string; reference: string; data_key: string | null }[]
    for (const r of rows) {
      let body: string
      try {
        body = openField(dataKeyFrom(store, { id: r.incident_id, reference: r.reference, data_key: r.data_key }), 'incident_records', r.id, 'body', r.body)
      } catch (err) {
        if (err instanceof FieldUnreadableError) throw unreadable(r.reference)
        throw err
      }
      const closed = (JSON.parse(body) as { entry: { status: string } }).entry.status === 'closed'
      if (!closed) out.delete(r.incident_id)
      else if (!out.has(r.incident_id)) out.set(r.incident_id, ukDay(r.at))
    }
  }
  return out
}

/**
 * The pupils named on entries of the year, with their year group as the directory holds it and the
 * day that is as of. Who was involved is encrypted in each entry's row (opened with its role key).
 */
async function pupilsInvolved(db: Db, store: RegisterStore, from: string, to: string, drawnOn: string) {
  const ids = (await db('incidents').whereBetween('occurred_on', [from, to]).pluck('id')) as number[]
  const involved = await openedColumn(db, store, ids, 'people')
  const links = new Set<string>()
  for (const id of ids) for (const p of involved.get(id) ?? []) links.add(`${id}:${p.personId}`)
  const personIds = [...new Set([...links].map((l) => Number(l.split(':')[1])))]
  const pupils = new Map<number, { year_group: YearGroup | null; left_on: string | null; archived_at: string | null }>()
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db('people').whereIn('id', personIds.slice(i, i + 500)).where('kind', 'pupil').select('id', 'year_group', 'left_on', 'archived_at')
    for (const r of rows) pupils.set(r.id, r)
  }
  return [...links].flatMap((link) => {
    const [incident, person] = link.split(':').map(Number) as [number, number]
    const r = pupils.get(person)
    return r ? [{ incident, person, yearGroup: yearGroupIn(r.year_group, schoolYearOf(from), r.left_on ?? (r.archived_at ? ukDay(r.archived_at) : drawnOn)) }] : []
  })
}

async function incidentFigures(db: Db, store: RegisterStore, spans: Spans, drawnOn: string, startYear: number): Promise<IncidentFigures> {
  const { now, before } = spans

  const byCategoryNow = await countsBy(db, 'c.name', now.from, now.to)
  const byCategoryBefore = await countsBy(db, 'c.name', before.from, before.to)
  const byCategory: YearOnYear[] = [...new Set([...byCategoryNow.keys(), ...byCategoryBefore.keys()])]
    .map((label) => ({ label, count: byCategoryNow.get(label) ?? 0, previous: byCategoryBefore.get(label) ?? 0 }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.label.localeCompare(b.label, 'en-GB'))

  const byMonthNow = await countsBy(db, 'substr(i.occurred_on, 1, 7)', now.from, now.to)
  const byMonthBefore = await countsBy(db, 'substr(i.occurred_on, 1, 7)', before.from, before.to)
  const previousMonths = monthsOf(startYear - 1)
  const byMonth = monthsOf(startYear).map((m, i) => ({ label: MONTHS[i]!, count: byMonthNow.get(m) ?? 0, previous: byMonthBefore.get(previousMonths[i]!) ?? 0 }))

  const inYear = () => db('incidents as i').whereBetween('i.occurred_on', [now.from, now.to])
  const [where] = (await inYear().select(db.raw('sum(i.on_site) as on_site'), db.raw('sum(i.imported) as imported')).count({ n: '*' })) as { on_site: number; imported: number; n: number }[]

  const openRows = (await inYear()
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .where('i.status', 'open')
    .select('i.id', 'i.reference', 'i.occurred_on', 'i.recorded_at', 'i.steps_pending', 'c.name as category')
    .orderBy([{ column: 'i.occurred_on' }, { column: 'i.id' }])) as { id: number; reference: string; occurred_on: string; recorded_at: string; steps_pending: number; category: string }[]
  const open = openRows.map((r) => ({
    id: r.id,
    reference: r.reference,
    occurredOn: r.occurred_on,
    category: r.category,
    daysOpen: Math.max(0, daysBetween(ukDay(r.recorded_at), drawnOn)),
    stepsToDo: num(r.steps_pending),
  }))
  const overdueActions = open.filter((o) => o.daysOpen > OVERDUE_ACTION_DAYS).reduce((sum, o) => sum + o.stepsToDo, 0)

  // The agency is encrypted with each incident's data key: counted once opened.
  const made = (await db('incident_referrals as r')
    .join('incidents as i', 'i.id', 'r.incident_id')
    .whereBetween('r.made_on', [now.from, now.to])
    .select('r.incident_id', 'r.key', 'r.agency', 'i.reference', 'i.data_key')) as { incident_id: number; key: string; agency: string; reference: string; data_key: string | null }[]
  const byAgency = new Map<string, number>()
  for (const r of made) {
    const agency = openReferralAgency(store, r)
    byAgency.set(agency, (byAgency.get(agency) ?? 0) + 1)
  }
  const referralRows = [...byAgency].map(([agency, n]) => ({ agency, n })).sort((a, b) => b.n - a.n || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0))
  const notReferredRows = (await db('incident_steps as s')
    .join('incidents as i', 'i.id', 's.incident_id')
    .whereBetween('i.occurred_on', [now.from, now.to])
    .where('s.state', 'not-needed')
    .whereIn('s.step', [...REFERRAL_STEPS])
    .select('s.step')
    .count({ n: '*' })
    .groupBy('s.step')) as { step: ProcedureStep; n: number }[]
  const notReferred = notReferredRows
    .map((r) => ({ step: PROCEDURE_STEPS[r.step].label, count: num(r.n) }))
    .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step, 'en-GB'))

  // Where each entry stands, by category: metadata only (status, and whether a referral was made).
  const entries = (await inYear()
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .select('i.id', 'i.status', 'i.recorded_at', 'c.name as category', db.raw('EXISTS (SELECT 1 FROM incident_referrals r WHERE r.incident_id = i.id) AS referred'))) as { id: number; status: string; recorded_at: string; category: string; referred: number }[]
  const outcomes = new Map<string, { open: number; closedAfterReferral: number; closedInSchool: number }>()
  for (const e of entries) {
    const line = outcomes.get(e.category) ?? { open: 0, closedAfterReferral: 0, closedInSchool: 0 }
    if (e.status === 'open') line.open++
    else if (e.referred) line.closedAfterReferral++
    else line.closedInSchool++
    outcomes.set(e.category, line)
  }
  const closed = entries.filter((e) => e.status === 'closed')
  const closedDays = await closedOn(db, store, closed.map((e) => e.id))
  const daysToClose = closed.map((e) => Math.max(0, daysBetween(ukDay(e.recorded_at), closedDays.get(e.id) ?? ukDay(e.recorded_at))))

  const pupils = await pupilsInvolved(db, store, now.from, now.to, drawnOn)
  const distinctCount = (keys: string[]) => new Set(keys).size
  const groupCounts = new Map<string, Set<number>>()
  const stageCounts = new Map<string, Set<number>>()
  for (const p of pupils) {
    const group = p.yearGroup ? yearGroupLabel(p.yearGroup) : 'Year group not known'
    groupCounts.set(group, (groupCounts.get(group) ?? new Set()).add(p.incident))
    const stage = p.yearGroup ? keyStageOf(p.yearGroup) : 'Not known'
    stageCounts.set(stage, (stageCounts.get(stage) ?? new Set()).add(p.incident))
  }
  const perPupil = new Map<number, Set<number>>()
  for (const p of pupils) perPupil.set(p.person, (perPupil.get(p.person) ?? new Set()).add(p.incident))
  const involvement = [...perPupil.values()].map((s) => s.size)

  return {
    total: num(where?.n),
    previousTotal: [...byCategoryBefore.values()].reduce((a, b) => a + b, 0),
    onSite: num(where?.on_site),
    offSite: num(where?.n) - num(where?.on_site),
    byCategory,
    byMonth,
    open,
    overdueActions,
    referrals: referralRows.map((r) => ({ agency: r.agency, count: num(r.n) })),
    referralsTotal: referralRows.reduce((sum, r) => sum + num(r.n), 0),
    notReferred,
    notReferredTotal: notReferred.reduce((sum, r) => sum + r.count, 0),
    imported: num(where?.imported),
    outcomesByCategory: [...outcomes.entries()]
      .map(([category, o]) => ({ category, ...o }))
      .sort((a, b) => b.open + b.closedAfterReferral + b.closedInSchool - (a.open + a.closedAfterReferral + a.closedInSchool) || a.category.localeCompare(b.category, 'en-GB')),
    byYearGroup: [...YEAR_GROUPS.map(yearGroupLabel), 'Year group not known'].flatMap((g) => (groupCounts.has(g) ? [{ yearGroup: g, count: groupCounts.get(g)!.size }] : [])),
    byKeyStage: [...KEY_STAGES, 'Not known'].flatMap((k) => (stageCounts.has(k) ? [{ keyStage: k, count: stageCounts.get(k)!.size }] : [])),
    noPupilNamed: num(where?.n) - distinctCount(pupils.map((p) => String(p.incident))),
    timeToClose: { closed: closed.length, medianDays: median(daysToClose), longestDays: daysToClose.length ? Math.max(...daysToClose) : null },
    repeatInvolvement: { once: involvement.filter((n) => n === 1).length, twice: involvement.filter((n) => n === 2).length, threeOrMore: involvement.filter((n) => n >= 3).length },
  }
}

/**
 * Who had agreed to the acceptable use agreement that applied to them on a day: the people on roll
 * then (added by that day, or by the day the register was set up if that came later; not yet
 * archived), pupils in their year group then, against the
 * versions in force and the renewal runs started by then, with the agreements made by then.
 */
async function aupFigures(db: Db, startYear: number, asOf: string, drawnOn: string, now: { from: string; to: string }, setUpOn: string): Promise<AupFigures> {
  const state = await loadAupState(db, asOf)
  // Before the register was set up its directory is all there is: everyone it held then counts.
  const addedBy = new Date(ukInstant(addDays(asOf > setUpOn ? asOf : setUpOn, 1))).toISOString()
  const people = (await db('people')
    .whereNot('kind', 'visitor')
    .where('created_at', '<', addedBy)
    .where((q) => void q.whereNull('archived_at').orWhere('archived_at', '>=', new Date(ukInstant(addDays(asOf, 1))).toISOString()))
    .select('id', 'kind', 'year_group', 'left_on', 'archived_at')) as { id: number; kind: PersonKind; year_group: YearGroup | null; left_on: string | null; archived_at: string | null }[]
  const agreements = (await db('agreements as a')
    .where('a.state', 'agreed')
    .where('a.agreed_on', '<=', asOf)
    .whereNotExists((q) => void q.select(db.raw('1')).from('agreements as c').whereRaw('c.supersedes_id = a.id'))
    .select('a.person_id', 'a.version_id', 'a.agreed_on')) as { person_id: number; version_id: number; agreed_on: string }[]
  const byPerson = new Map<number, typeof agreements>()
  for (const a of agreements) byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), a])
  // A pupil on roll today in the school's youngest year group joined it this school year: in an
  // earlier year they were at another school (a secondary's Year 7 were in Year 6 elsewhere).
  const taughtNow = (await db('people').where({ kind: 'pupil' }).whereNotNull('year_group').whereNull('left_on').whereNull('archived_at').distinct().pluck('year_group')) as YearGroup[]
  const youngest = taughtNow.length ? Math.min(...taughtNow.map((y) => YEAR_GROUPS.indexOf(y))) : 0
  const groups = new Map<string, { people: number; agreed: number; due: number; never: number }>()
  for (const p of people) {
    const yearGroup = p.kind === 'pupil' ? yearGroupIn(p.year_group, startYear, p.left_on ?? (p.archived_at ? ukDay(p.archived_at) : drawnOn)) : null
    if (p.kind === 'pupil' && (!yearGroup || YEAR_GROUPS.indexOf(yearGroup) < youngest)) continue
    const audience = audienceOf({ kind: p.kind, yearGroup })
    const theirs = byPerson.get(p.id) ?? []
    const key = p.kind === 'pupil' ? `y:${yearGroup}` : `k:${p.kind}`
    const g = groups.get(key) ?? { people: 0, agreed: 0, due: 0, never: 0 }
    g.people++
    if (audience && state.current.has(audience) && theirs.some((a) => agreementIsCurrent(state, audience, a.version_id, a.agreed_on))) g.agreed++
    else if (audience && state.current.has(audience) && theirs.length) g.due++
    else g.never++
    groups.set(key, g)
  }
  const ordered = [
    ...YEAR_GROUPS.flatMap((y) => (groups.has(`y:${y}`) ? [{ group: yearGroupLabel(y), ...groups.get(`y:${y}`)! }] : [])),
    ...PERSON_KINDS.filter((k) => k !== 'pupil').flatMap((k) => (groups.has(`k:${k}`) ? [{ group: PERSON_KIND_GROUP_LABELS[k], ...groups.get(`k:${k}`)! }] : [])),
  ]
  const visits = db('visits').where('signed_in_at', '>=', new Date(ukInstant(now.from)).toISOString()).where('signed_in_at', '<', new Date(ukInstant(addDays(now.to, 1))).toISOString()).where('uses_ict', 1)
  const [ict] = (await visits.clone().count({ n: '*' })) as { n: number }[]
  const [agreed] = (await visits.clone().whereNotNull('agreement_id').count({ n: '*' })) as { n: number }[]
  return {
    asOf,
    groups: ordered,
    versions: [...state.current.entries()]
      .sort(([a], [b]) => AUP_AUDIENCES.indexOf(a as AupAudience) - AUP_AUDIENCES.indexOf(b as AupAudience))
      .map(([audience, v]) => ({ audience: AUP_AUDIENCE_LABELS[audience], versionLabel: v.versionLabel, effectiveFrom: v.effectiveFrom })),
    visitsUsingIct: num(ict?.n),
    visitsUsingIctWithAgreement: num(agreed?.n),
  }
}

/**
 * Whether the online safety policy went more than twelve months without a review at some point in
 * the days counted: from the day it was written or last reviewed, the next review came later than
 * twelve months on, or had not come by the last day counted.
 */
async function onlineSafetyPolicyReview(db: Db, now: { from: string; to: string }): Promise<OnlineSafetyPolicyReview> {
  const policy = (await db('policies').whereRaw("lower(title) LIKE '%online safety%'").orderBy('id').first('id', 'title', 'written_on', 'created_at')) as
    | { id: number; title: string; written_on: string | null; created_at: string }
    | undefined
  if (!policy) return { policy: null, writtenOn: null, lastReviewedOn: null, missed: true, dueOn: null }
  const reviewed = (await db('policy_reviews').where({ policy_id: policy.id }).where('reviewed_on', '<=', now.to).orderBy('reviewed_on').pluck('reviewed_on')) as string[]
  const bases = [policy.written_on ?? ukDay(policy.created_at), ...reviewed]
  let dueOn: string | null = null
  bases.forEach((base, i) => {
    const due = addMonths(base, 12)
    const next = bases[i + 1] ?? null
    // Overdue from `due` until the next review (or still): missed if that stretch reaches into the days counted.
    if (!dueOn && due <= now.to && (next === null || next > due) && (next === null || next >= now.from)) dueOn = due
  })
  return { policy: policy.title, writtenOn: bases[0]!, lastReviewedOn: reviewed.at(-1) ?? null, missed: dueOn !== null, dueOn }
}

async function reviewFigures(db: Db, now: { from: string; to: string }, drawnOn: string): Promise<ReviewFigures> {
  const done = (await db('policy_reviews as r')
    .join('policies as p', 'p.id', 'r.policy_id')
    .whereBetween('r.reviewed_on', [now.from, now.to])
    .select('p.title', 'r.reviewed_on', 'r.new_version', 'r.ratified_on')
    .orderBy([{ column: 'r.reviewed_on' }, { column: 'r.id' }])) as { title: string; reviewed_on: string; new_version: string | null; ratified_on: string | null }[]
  const policies = await summaries(db, drawnOn)
  return {
    onlineSafetyPolicy: await onlineSafetyPolicyReview(db, now),
    done: done.map((r) => ({ policy: r.title, reviewedOn: r.reviewed_on, newVersion: r.new_version, ratifiedOn: r.ratified_on })),
    next: policies
      .map((p) => ({ policy: p.title, nextReviewOn: p.nextReviewOn, overdue: p.nextReviewOn < drawnOn }))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.nextReviewOn.localeCompare(b.nextReviewOn) || a.policy.localeCompare(b.policy, 'en-GB')),
    policies: policies.length,
  }
}

/** A recurring check that records training (its name or description says so). */
export const TRAINING = /training|refresher/i

async function checkAndTrainingFigures(db: Db, now: { from: string; to: string }, drawnOn: string): Promise<{ checks: CheckFigures; training: TrainingFigures }> {
  const tallies = await tallyChecks(db, now.from, now.to, drawnOn)
  const rows = tallies.map(({ template, done, expected, missed }) => {
    const span = template.spans.at(-1)!
    return { name: template.row.name, rhythm: rhythmLabel(span.rhythm, span.everyYears), done, expected, missed: missed.map((p) => p.label) }
  })
  const training = tallies.filter((t) => TRAINING.test(t.template.row.name) || TRAINING.test(t.template.row.description))
  const last = (await db('check_occurrences')
    .whereIn('template_id', training.map((t) => t.template.row.id))
    .where('done_on', '<=', now.to)
    .select('template_id')
    .max({ on: 'done_on' })
    .groupBy('template_id')) as { template_id: number; on: string }[]
  return {
    checks: { rows, done: rows.reduce((s, r) => s + r.done, 0), expected: rows.reduce((s, r) => s + r.expected, 0) },
    training: {
      rows: training.map((t) => {
        const span = t.template.spans.at(-1)!
        return { name: t.template.row.name, rhythm: rhythmLabel(span.rhythm, span.everyYears), done: t.done, expected: t.expected, lastDoneOn: last.find((l) => l.template_id === t.template.row.id)?.on ?? null }
      }),
    },
  }
}

async function filteringFigures(db: Db, now: { from: string; to: string }): Promise<FilteringFigures> {
  const rows = (await db('filtering_changes').whereBetween('changed_on', [now.from, now.to]).select('change').count({ n: '*' }).groupBy('change')) as { change: FilterChange; n: number }[]
  const counts = new Map(rows.map((r) => [r.change, num(r.n)]))
  return {
    total: rows.reduce((s, r) => s + num(r.n), 0),
    byChange: FILTER_CHANGES.map((c) => ({ label: FILTER_CHANGE_LABELS[c], count: counts.get(c) ?? 0 })),
  }
}

async function permissionFigures(db: Db, now: { from: string; to: string }): Promise<PermissionFigures> {
  const asOf = now.to
  const byKind = (await whereInForce(permissionsQuery(db), asOf).clearSelect().select('p.kind').count({ n: '*' }).groupBy('p.kind')) as { kind: PermissionKind; n: number }[]
  const counts = new Map(byKind.map((r) => [r.kind, num(r.n)]))
  const count = async <T extends object>(q: Knex.QueryBuilder<T>) => num(((await q.count({ n: '*' })) as { n: number }[])[0]?.n)
  const { scanIntervalDays } = await readScanSettings(db)
  const [notCleared] = (await whereNotCleared(permissionsQuery(db), asOf, scanIntervalDays).clearSelect().count({ n: '*' })) as { n: number }[]
  return {
    asOf,
    inForce: PERMISSION_KINDS.map((k) => ({ label: PERMISSION_KIND_LABELS[k], count: counts.get(k) ?? 0 })),
    inForceTotal: byKind.reduce((s, r) => s + num(r.n), 0),
    grantedInYear: await count(db('permissions').whereBetween('starts_on', [now.from, now.to])),
    revokedInYear: await count(db('permissions').whereBetween('revoked_on', [now.from, now.to])),
    scansInYear: await count(db('device_scans').whereBetween('scanned_on', [now.from, now.to])),
    scansWithProblems: await count(db('device_scans').whereBetween('scanned_on', [now.from, now.to]).whereNot('result', 'clean')),
    devicesNotCleared: num(notCleared?.n),
  }
}

/** The day the register was set up (its first audit entry). */
async function setUpOn(db: Db, drawnOn: string): Promise<string> {
  const first = await db('audit_log').orderBy('id').first('at')
  return first ? ukDay(first.at) : drawnOn
}

/**
 * The first day the register holds records of: its set-up, or the oldest incident, check, filtering
 * change or policy review entered for an earlier day (an earlier log brought in, a paper record typed up).
 */
async function recordsFrom(db: Db, setUp: string): Promise<string> {
  const oldest = async (table: string, column: string) => ((await db(table).min({ on: column })) as { on: string | null }[])[0]?.on ?? setUp
  return [setUp, await oldest('incidents', 'occurred_on'), await oldest('check_occurrences', 'done_on'), await oldest('filtering_changes', 'changed_on'), await oldest('policy_reviews', 'reviewed_on')].sort()[0]!
}

/**
 * Every figure of the annual review for one academic year, counted from the records. A year not
 * over is counted to the day drawn, and compared with the same days of the year before; `until`
 * counts a year only to that day (the pack's year before, cut to the days it is compared on).
 * Nothing here is typed in by anyone: each number can be traced to the rows it counts
 * (tests/integration/annual-review.test.ts counts each one again with its own query).
 */
export async function annualFigures(ctx: FeatureContext, parts: readonly AnnualPackPart[], startYear: number, options: { until?: string } = {}): Promise<AnnualFigures> {
  const { db } = ctx.store.requireOpen()
  const at = ctx.now()
  const drawnOn = ukDay(at)
  const year = academicYearOf(startYear)
  const previousYear = academicYearOf(startYear - 1)
  const to = [year.to, drawnOn, options.until ?? year.to].sort()[0]!
  const counted = { from: year.from, to }
  const previousCounted = { from: previousYear.from, to: to === year.to ? previousYear.to : addMonths(to, -12) }
  const spans: Spans = { now: counted, before: previousCounted }
  const setUp = await setUpOn(db, drawnOn)
  const since = await recordsFrom(db, setUp)
  const { checks, training } = await checkAndTrainingFigures(db, counted, drawnOn)
  return {
    year,
    previousYear,
    drawnAt: new Date(at).toISOString(),
    drawnOn,
    counted,
    partYear: to < year.to,
    previousCounted,
    recordsFrom: since,
    previousCoverage: since <= previousCounted.from ? 'whole' : since <= previousCounted.to ? 'part' : 'none',
    incidents: await incidentFigures(db, ctx.store, spans, drawnOn, startYear),
    aup: await aupFigures(db, startYear, to, drawnOn, counted, setUp),
    reviews: await reviewFigures(db, counted, drawnOn),
    checks,
    filtering: await filteringFigures(db, counted),
    permissions: await permissionFigures(db, counted),
    training,
    registers: await registerFigures(ctx, parts, { startYear, from: counted.from, to, drawnOn, partYear: to < year.to }),
  }
}

/** The other kinds' sections, each counted by its kind over the same days. */
async function registerFigures(ctx: FeatureContext, parts: readonly AnnualPackPart[], span: AnnualSpan): Promise<AnnualRegisterFigures[]> {
  const out: AnnualRegisterFigures[] = []
  for (const part of parts) out.push(await part.figures(ctx, span))
  return out
}
