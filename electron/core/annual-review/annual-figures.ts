import {
  academicYearOf,
  OVERDUE_ACTION_DAYS,
  type AnnualFigures,
  type AupFigures,
  type CheckFigures,
  type FilteringFigures,
  type IncidentFigures,
  type PermissionFigures,
  type ReviewFigures,
  type YearOnYear,
} from '../../../shared/domain/annual-review'
import { AUP_AUDIENCE_LABELS } from '../../../shared/domain/aup'
import { PROCEDURE_STEPS, type ProcedureStep } from '../../../shared/domain/incidents'
import { PERSON_KIND_GROUP_LABELS, yearGroupLabel } from '../../../shared/domain/people'
import { PERMISSION_KIND_LABELS, PERMISSION_KINDS, type PermissionKind } from '../../../shared/domain/permissions'
import { FILTER_CHANGE_LABELS, FILTER_CHANGES, rhythmLabel, type FilterChange } from '../../../shared/domain/reviews-and-checks'
import { aupStatus } from '../agreements/aup-status'
import type { Db } from '../db/database'
import type { FeatureContext } from '../people/feature-context'
import { ukDay, ukInstant } from '../people/uk-time'
import { addDays, whereInForce, whereNotCleared, permissionsQuery } from '../permissions/permission-rows'
import { readScanSettings } from '../permissions/scan-settings'
import { tallyChecks } from '../reviews-and-checks/checks'
import { daysBetween } from '../reviews-and-checks/periods'
import { summaries } from '../reviews-and-checks/policies'
import type { RegisterStore } from '../store/register-store'
import { openReferralAgency } from '../incidents/incident-keys'

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

async function countsBy(db: Db, column: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = (await db('incidents as i')
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .whereBetween('i.occurred_on', [from, to])
    .select(db.raw(`${column} as k`))
    .count({ n: '*' })
    .groupBy('k')) as { k: string; n: number }[]
  return new Map(rows.map((r) => [r.k, num(r.n)]))
}

async function incidentFigures(db: Db, store: RegisterStore, startYear: number, drawnOn: string): Promise<IncidentFigures> {
  const year = academicYearOf(startYear)
  const before = academicYearOf(startYear - 1)

  const byCategoryNow = await countsBy(db, 'c.name', year.from, year.to)
  const byCategoryBefore = await countsBy(db, 'c.name', before.from, before.to)
  const byCategory: YearOnYear[] = [...new Set([...byCategoryNow.keys(), ...byCategoryBefore.keys()])]
    .map((label) => ({ label, count: byCategoryNow.get(label) ?? 0, previous: byCategoryBefore.get(label) ?? 0 }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.label.localeCompare(b.label, 'en-GB'))

  const byMonthNow = await countsBy(db, 'substr(i.occurred_on, 1, 7)', year.from, year.to)
  const byMonthBefore = await countsBy(db, 'substr(i.occurred_on, 1, 7)', before.from, before.to)
  const previousMonths = monthsOf(startYear - 1)
  const byMonth = monthsOf(startYear).map((m, i) => ({ label: MONTHS[i]!, count: byMonthNow.get(m) ?? 0, previous: byMonthBefore.get(previousMonths[i]!) ?? 0 }))

  const inYear = () => db('incidents as i').whereBetween('i.occurred_on', [year.from, year.to])
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
    .whereBetween('r.made_on', [year.from, year.to])
    .select('r.incident_id', 'r.key', 'r.agency', 'i.reference', 'i.data_key')) as { incident_id: number; key: string; agency: string; reference: string; data_key: string | null }[]
  const byAgency = new Map<string, number>()
  for (const r of made) {
    const agency = openReferralAgency(store, r)
    byAgency.set(agency, (byAgency.get(agency) ?? 0) + 1)
  }
  const referralRows = [...byAgency].map(([agency, n]) => ({ agency, n })).sort((a, b) => b.n - a.n || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0))
  const notReferredRows = (await db('incident_steps as s')
    .join('incidents as i', 'i.id', 's.incident_id')
    .whereBetween('i.occurred_on', [year.from, year.to])
    .where('s.state', 'not-needed')
    .whereIn('s.step', [...REFERRAL_STEPS])
    .select('s.step')
    .count({ n: '*' })
    .groupBy('s.step')) as { step: ProcedureStep; n: number }[]
  const notReferred = notReferredRows
    .map((r) => ({ step: PROCEDURE_STEPS[r.step].label, count: num(r.n) }))
    .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step, 'en-GB'))

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
  }
}

async function aupFigures(ctx: FeatureContext, db: Db, startYear: number): Promise<AupFigures> {
  const year = academicYearOf(startYear)
  const status = await aupStatus(ctx, { limit: 1, offset: 0 })
  const groups = [
    ...status.byYearGroup.map((g) => ({ group: yearGroupLabel(g.yearGroup), ...g })),
    ...status.byKind.filter((k) => k.kind !== 'pupil').map((k) => ({ group: PERSON_KIND_GROUP_LABELS[k.kind], ...k })),
  ].map((g) => ({ group: g.group, people: g.total, agreed: g.current, due: g.due, never: g.never + g.noVersion }))
  const visits = db('visits').where('signed_in_at', '>=', new Date(ukInstant(year.from)).toISOString()).where('signed_in_at', '<', new Date(ukInstant(addDays(year.to, 1))).toISOString()).where('uses_ict', 1)
  const [ict] = (await visits.clone().count({ n: '*' })) as { n: number }[]
  const [agreed] = (await visits.clone().whereNotNull('agreement_id').count({ n: '*' })) as { n: number }[]
  return {
    asOf: status.asOf,
    groups,
    versions: status.audiences.flatMap((a) => (a.current ? [{ audience: AUP_AUDIENCE_LABELS[a.audience], versionLabel: a.current.versionLabel, effectiveFrom: a.current.effectiveFrom }] : [])),
    visitsUsingIct: num(ict?.n),
    visitsUsingIctWithAgreement: num(agreed?.n),
  }
}

async function reviewFigures(db: Db, startYear: number, drawnOn: string): Promise<ReviewFigures> {
  const year = academicYearOf(startYear)
  const done = (await db('policy_reviews as r')
    .join('policies as p', 'p.id', 'r.policy_id')
    .whereBetween('r.reviewed_on', [year.from, year.to])
    .select('p.title', 'r.reviewed_on', 'r.new_version', 'r.ratified_on')
    .orderBy([{ column: 'r.reviewed_on' }, { column: 'r.id' }])) as { title: string; reviewed_on: string; new_version: string | null; ratified_on: string | null }[]
  const policies = await summaries(db, drawnOn)
  return {
    done: done.map((r) => ({ policy: r.title, reviewedOn: r.reviewed_on, newVersion: r.new_version, ratifiedOn: r.ratified_on })),
    next: policies
      .map((p) => ({ policy: p.title, nextReviewOn: p.nextReviewOn, overdue: p.nextReviewOn < drawnOn }))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.nextReviewOn.localeCompare(b.nextReviewOn) || a.policy.localeCompare(b.policy, 'en-GB')),
    policies: policies.length,
  }
}

async function checkFigures(db: Db, startYear: number, drawnOn: string): Promise<CheckFigures> {
  const year = academicYearOf(startYear)
  const rows = (await tallyChecks(db, year.from, year.to, drawnOn)).map(({ template, done, expected, missed }) => {
    const span = template.spans.at(-1)!
    return { name: template.row.name, rhythm: rhythmLabel(span.rhythm, span.everyYears), done, expected, missed: missed.map((p) => p.label) }
  })
  return { rows, done: rows.reduce((s, r) => s + r.done, 0), expected: rows.reduce((s, r) => s + r.expected, 0) }
}

async function filteringFigures(db: Db, startYear: number): Promise<FilteringFigures> {
  const year = academicYearOf(startYear)
  const rows = (await db('filtering_changes').whereBetween('changed_on', [year.from, year.to]).select('change').count({ n: '*' }).groupBy('change')) as { change: FilterChange; n: number }[]
  const counts = new Map(rows.map((r) => [r.change, num(r.n)]))
  return {
    total: rows.reduce((s, r) => s + num(r.n), 0),
    byChange: FILTER_CHANGES.map((c) => ({ label: FILTER_CHANGE_LABELS[c], count: counts.get(c) ?? 0 })),
  }
}

async function permissionFigures(db: Db, startYear: number, drawnOn: string): Promise<PermissionFigures> {
  const year = academicYearOf(startYear)
  const asOf = drawnOn < year.to ? drawnOn : year.to
  const byKind = (await whereInForce(permissionsQuery(db), asOf).clearSelect().select('p.kind').count({ n: '*' }).groupBy('p.kind')) as { kind: PermissionKind; n: number }[]
  const counts = new Map(byKind.map((r) => [r.kind, num(r.n)]))
  const count = async (q: ReturnType<Db>) => num(((await q.count({ n: '*' })) as { n: number }[])[0]?.n)
  const { scanIntervalDays } = await readScanSettings(db)
  const [notCleared] = (await whereNotCleared(permissionsQuery(db), asOf, scanIntervalDays).clearSelect().count({ n: '*' })) as { n: number }[]
  return {
    asOf,
    inForce: PERMISSION_KINDS.map((k) => ({ label: PERMISSION_KIND_LABELS[k], count: counts.get(k) ?? 0 })),
    inForceTotal: byKind.reduce((s, r) => s + num(r.n), 0),
    grantedInYear: await count(db('permissions').whereBetween('starts_on', [year.from, year.to])),
    revokedInYear: await count(db('permissions').whereBetween('revoked_on', [year.from, year.to])),
    scansInYear: await count(db('device_scans').whereBetween('scanned_on', [year.from, year.to])),
    scansWithProblems: await count(db('device_scans').whereBetween('scanned_on', [year.from, year.to]).whereNot('result', 'clean')),
    devicesNotCleared: num(notCleared?.n),
  }
}

/**
 * Every figure of the annual review for one academic year, counted from the records as they
 * stand now. Nothing here is typed in by anyone: each number can be traced to the rows it counts
 * (tests/integration/annual-review.test.ts counts each one again with its own query).
 */
export async function annualFigures(ctx: FeatureContext, startYear: number): Promise<AnnualFigures> {
  const { db } = ctx.store.requireOpen()
  const now = ctx.now()
  const drawnOn = ukDay(now)
  return {
    year: academicYearOf(startYear),
    previousYear: academicYearOf(startYear - 1),
    drawnAt: new Date(now).toISOString(),
    drawnOn,
    incidents: await incidentFigures(db, ctx.store, startYear, drawnOn),
    aup: await aupFigures(ctx, db, startYear),
    reviews: await reviewFigures(db, startYear, drawnOn),
    checks: await checkFigures(db, startYear, drawnOn),
    filtering: await filteringFigures(db, startYear),
    permissions: await permissionFigures(db, startYear, drawnOn),
  }
}
