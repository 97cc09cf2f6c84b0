import type { Content } from 'pdfmake/interfaces'
import { REVIEW_STATE_LABELS } from '../../../../shared/domain/reviews-and-checks'
import type { ReportContext } from '../../reports/builders/report-builder'
import { dayToUk } from '../periods'
import { addMonths } from '../../../../shared/dates/uk-time'
import { summaries } from '../policies'
import { policyVersions, type PolicyVersion, type ReviewOfPolicy } from '../policy-versions'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukDay } from '../../../../shared/dates/uk-time'

const day = (d: string | null) => (d ? dayToUk(d) : '—')
const STATE_ORDER = { overdue: 0, 'due-soon': 1, 'in-date': 2 } as const

/**
 * Every policy with its owner, its current version's dates written and ratified, and next review
 * (overdue first); every version of each policy with its own dates; then the reviews of the last
 * twelve months with what changed and their ratification.
 */
export async function policyReviewSchedule(ctx: ReportContext): Promise<ReportBody> {
  const { db, names } = ctx
  const today = ukDay(ctx.now())
  const policies = (await summaries(db, today)).sort((a, b) => STATE_ORDER[a.reviewState] - STATE_ORDER[b.reviewState] || a.nextReviewOn.localeCompare(b.nextReviewOn))
  const allReviews = (await db('policy_reviews')
    .select('policy_id', 'reviewed_on', 'new_version', 'ratified_on', 'ratified_by_name')
    .orderBy([{ column: 'reviewed_on' }, { column: 'id' }])) as (ReviewOfPolicy & { policy_id: number })[]
  // The policy's own dates are its first version's (the summary's are the current version's).
  const own = await db('policies').select('id', 'version_label', 'written_on', 'ratified_on', 'ratified_by')
  const versionsOf = new Map(
    own.map((p) => [p.id, policyVersions({ version: p.version_label, writtenOn: p.written_on, ratifiedOn: p.ratified_on, ratifiedBy: p.ratified_by }, allReviews.filter((r) => r.policy_id === p.id))]),
  )
  const ratified = (v: PolicyVersion) => (v.ratifiedOn ? `${day(v.ratifiedOn)}${v.ratifiedBy ? `, ${names.name(v.ratifiedBy)}` : ''}` : v.notRecorded ? 'Not recorded' : null)
  const schedule = policies.map((p) => {
    const versions = versionsOf.get(p.id)!
    const current = versions.at(-1)!
    const earlier = [...versions.slice(0, -1)].reverse().find((v) => v.ratifiedOn)
    return [
      p.title,
      p.owner,
      current.label ?? p.version ?? '—',
      day(current.writtenOn),
      ratified(current) ?? `Not ratified${earlier ? ` (${earlier.label ?? 'the version before'} was ratified ${day(earlier.ratifiedOn)})` : ''}`,
      `${p.reviewIntervalMonths} months`,
      day(p.nextReviewOn),
      `${REVIEW_STATE_LABELS[p.reviewState]}${current.ratifiedOn || current.notRecorded ? '' : '; awaiting ratification'}`,
    ]
  })
  const versionRows = policies.flatMap((p) =>
    versionsOf.get(p.id)!.map((v, i) => [p.title, v.label ?? (i === 0 ? 'First version' : '—'), day(v.writtenOn), ratified(v) ?? 'Not ratified']),
  )
  const since = addMonths(today, -12)
  const reviews = (await db('policy_reviews as r')
    .join('policies as p', 'p.id', 'r.policy_id')
    .leftJoin('incidents as i', 'i.id', 'r.incident_id')
    .where('r.reviewed_on', '>=', since)
    .select('p.title', 'r.reviewed_on', 'r.reviewed_by', 'r.changes', 'r.new_version', 'r.next_review_on', 'r.ratified_on', 'r.ratified_by_name', 'i.reference')
    .orderBy([{ column: 'r.reviewed_on' }, { column: 'r.id' }])) as {
    title: string
    reviewed_on: string
    reviewed_by: string
    changes: string
    new_version: string | null
    next_review_on: string
    ratified_on: string | null
    ratified_by_name: string | null
    reference: string | null
  }[]
  const reviewRows = reviews.map((r) => [
    r.title,
    day(r.reviewed_on),
    names.name(r.reviewed_by),
    `${names.text(r.changes)}${r.new_version ? ` (now ${r.new_version})` : ''}`,
    r.reference ?? '—',
    r.ratified_on ? `${day(r.ratified_on)}, ${names.name(r.ratified_by_name)}` : 'Awaiting the headteacher',
    day(r.next_review_on),
  ])
  const count = (state: keyof typeof STATE_ORDER) => policies.filter((p) => p.reviewState === state).length
  const awaiting = policies.reduce((n, p) => n + p.awaitingRatification, 0)
  const content: Content[] = [
    {
      text: `${policies.length} ${policies.length === 1 ? 'policy' : 'policies'} in the review calendar: ${count('overdue')} overdue for review, ${count('due-soon')} due in the next 14 days; ${awaiting} review${awaiting === 1 ? '' : 's'} awaiting ratification. Each policy is reviewed at least at its interval, and sooner after a serious incident or a change of guidance.`,
      margin: [0, 0, 0, 8],
    },
    { text: 'Review schedule', style: 'h2', headlineLevel: HEADING },
    schedule.length
      ? longTable(['Policy', 'Owner', 'Version', 'Written', 'Ratified', 'Review every', 'Next review', 'State'], ['*', 62, 40, 48, 72, 44, 50, 50], schedule, { fontSize: 8 })
      : emptyNote('No policies have been added to the review calendar yet.'),
    { text: 'Every version and its dates', style: 'h2', headlineLevel: HEADING },
    versionRows.length
      ? longTable(['Policy', 'Version', 'Written', 'Ratified'], ['*', 70, 60, 130], versionRows, { fontSize: 8 })
      : emptyNote('No policies have been added to the review calendar yet.'),
    { text: `Reviews since ${dayToUk(since)}`, style: 'h2', headlineLevel: HEADING },
    reviewRows.length
      ? longTable(['Policy', 'Reviewed', 'By', 'What changed', 'Prompted by', 'Ratified', 'Next review'], [70, 48, 56, '*', 56, 70, 48], reviewRows, { fontSize: 8 })
      : emptyNote('No reviews recorded in the last twelve months.'),
  ]
  return { content, rows: [...schedule, ...versionRows, ...reviewRows], periodFrom: null, periodTo: null }
}
