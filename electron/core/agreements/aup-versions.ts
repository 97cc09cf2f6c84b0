import type { z } from 'zod'
import type { aupPublish, renewalRun } from '../../../shared/api/people-fields'
import { AUP_AUDIENCE_LABELS, AUP_AUDIENCES, type AupAudience, type AupVersion, type AupVersionSummary, type RenewalRun } from '../../../shared/domain/aup'
import { invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'
import type { AupVersionRow } from './tables'

export interface VersionInfo {
  id: number
  title: string
  versionLabel: string
  effectiveFrom: string
  audiences: ReadonlySet<AupAudience>
}

/** Everything the standing of a person follows from, as of one UK day. */
export interface AupState {
  today: string
  versions: ReadonlyMap<number, VersionInfo>
  /** The version in force for each audience today. */
  current: ReadonlyMap<AupAudience, VersionInfo>
  /** The latest renewal run that has started, per audience. */
  renewalFrom: ReadonlyMap<AupAudience, string>
}

const ukDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`

/** A school has a few dozen versions in ten years: they are read whole. */
export async function loadAupState(db: Db, today: string): Promise<AupState> {
  const rows = (await db('aup_versions as v')
    .join('aup_version_audiences as a', 'a.version_id', 'v.id')
    .select('v.id', 'v.title', 'v.version_label', 'v.effective_from', 'a.audience')
    .orderBy([{ column: 'v.effective_from', order: 'desc' }, { column: 'v.id', order: 'desc' }])) as (Omit<AupVersionRow, 'body' | 'format' | 'created_at' | 'created_by_name'> & {
    audience: AupAudience
  })[]
  const versions = new Map<number, VersionInfo & { audiences: Set<AupAudience> }>()
  const current = new Map<AupAudience, VersionInfo>()
  for (const r of rows) {
    let v = versions.get(r.id)
    if (!v) {
      v = { id: r.id, title: r.title, versionLabel: r.version_label, effectiveFrom: r.effective_from, audiences: new Set() }
      versions.set(r.id, v)
    }
    v.audiences.add(r.audience)
  }
  for (const r of rows) if (r.effective_from <= today && !current.has(r.audience)) current.set(r.audience, versions.get(r.id)!)
  const renewals = (await db('aup_renewals').where('from_date', '<=', today).select('audience').max({ from: 'from_date' }).groupBy('audience')) as {
    audience: AupAudience
    from: string
  }[]
  return { today, versions, current, renewalFrom: new Map(renewals.map((r) => [r.audience, r.from])) }
}

/**
 * Whether an agreement to `versionId` on `agreedOn` is current for `audience`: it is to the
 * version in force (or a newer one signed in advance) for that audience, and not older than
 * the audience's latest renewal run.
 */
export function agreementIsCurrent(state: AupState, audience: AupAudience, versionId: number, agreedOn: string | null): boolean {
  const current = state.current.get(audience)
  const version = state.versions.get(versionId)
  if (!current || !version || !agreedOn || !version.audiences.has(audience)) return false
  // Two versions may share a date: the later one added is the newer.
  if (version.effectiveFrom < current.effectiveFrom || (version.effectiveFrom === current.effectiveFrom && version.id < current.id)) return false
  const renewal = state.renewalFrom.get(audience)
  return !renewal || agreedOn >= renewal
}

async function agreementCounts(db: Db): Promise<Map<number, number>> {
  const rows = (await db('agreements as a')
    .where('a.state', 'agreed')
    .whereNotExists((q) => void q.select(db.raw('1')).from('agreements as c').whereRaw('c.supersedes_id = a.id'))
    .select('a.version_id')
    .count({ n: '*' })
    .groupBy('a.version_id')) as { version_id: number; n: number }[]
  return new Map(rows.map((r) => [r.version_id, Number(r.n)]))
}

function summarise(row: Omit<AupVersionRow, 'body' | 'created_by'>, state: AupState, counts: Map<number, number>): AupVersionSummary {
  const info = state.versions.get(row.id)!
  const currentFor = AUP_AUDIENCES.filter((a) => state.current.get(a)?.id === row.id)
  return {
    id: row.id,
    title: row.title,
    versionLabel: row.version_label,
    audiences: AUP_AUDIENCES.filter((a) => info.audiences.has(a)),
    effectiveFrom: row.effective_from,
    format: row.format,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    currentFor,
    state: currentFor.length > 0 ? 'current' : row.effective_from > state.today ? 'scheduled' : 'superseded',
    agreementCount: counts.get(row.id) ?? 0,
  }
}

export async function listVersions(ctx: FeatureContext, audience: AupAudience | undefined): Promise<AupVersionSummary[]> {
  const { db } = ctx.store.requireOpen()
  const state = await loadAupState(db, ukDay(ctx.now()))
  const counts = await agreementCounts(db)
  const rows = await db('aup_versions')
    .select('id', 'title', 'version_label', 'effective_from', 'format', 'created_at', 'created_by_name')
    .orderBy([{ column: 'effective_from', order: 'desc' }, { column: 'id', order: 'desc' }])
  return rows.filter((r) => !audience || state.versions.get(r.id)?.audiences.has(audience)).map((r) => summarise(r, state, counts))
}

export async function getVersion(ctx: FeatureContext, id: number): Promise<AupVersion> {
  const { db } = ctx.store.requireOpen()
  const row = await db('aup_versions').where({ id }).first()
  if (!row) throw notFound('That agreement version is not in the register. Refresh the list and try again.')
  const state = await loadAupState(db, ukDay(ctx.now()))
  return { ...summarise(row, state, await agreementCounts(db)), body: row.body }
}

/**
 * Adds a version. Versions are never edited (people agreed to their exact words): a change
 * is a new version, and from its effective date the older agreements are due for renewal.
 */
export async function publishVersion(ctx: FeatureContext, input: z.output<typeof aupPublish>): Promise<AupVersion> {
  const { db, session } = ctx.store.requireOpen()
  if (!isRealDay(input.effectiveFrom)) throw invalid('effectiveFrom', 'The date it takes effect is not a real date.')
  const audiences = [...new Set(input.audiences)]
  const state = await loadAupState(db, '9999-12-31')
  for (const audience of audiences) {
    const clash = [...state.versions.values()].find((v) => v.audiences.has(audience) && v.versionLabel.toLowerCase() === input.versionLabel.toLowerCase())
    if (clash) throw invalid('versionLabel', `There is already a version “${clash.versionLabel}” for ${AUP_AUDIENCE_LABELS[audience].toLowerCase()}. Give this one a new label.`)
    // The newest version in force or scheduled: a new one must not slip in before it.
    const latest = state.current.get(audience)
    if (latest && input.effectiveFrom < latest.effectiveFrom) {
      throw invalid(
        'effectiveFrom',
        `For ${AUP_AUDIENCE_LABELS[audience].toLowerCase()}, version “${latest.versionLabel}” takes effect on ${ukDate(latest.effectiveFrom)}. A newer version must take effect on or after that day.`,
      )
    }
  }
  const at = new Date(ctx.now()).toISOString()
  const event = { action: 'aup.publish', target: null as string | null, detail: `${audiences.join(', ')} from ${input.effectiveFrom}` }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('aup_versions').insert({
      title: input.title,
      version_label: input.versionLabel,
      effective_from: input.effectiveFrom,
      format: input.format,
      body: input.body.replace(/\r\n/g, '\n'),
      created_at: at,
      created_by: session.userId,
      created_by_name: session.displayName,
    })) as number[]
    await trx('aup_version_audiences').insert(audiences.map((audience) => ({ version_id: Number(newId), audience })))
    event.target = `aup:${Number(newId)}`
    return Number(newId)
  })
  return getVersion(ctx, id)
}

/**
 * The renewal run at the start of a school year: from `from`, agreements made before it are
 * due again. Nobody is marked: one dated row per audience, and everyone's standing follows.
 */
export async function startRenewal(ctx: FeatureContext, input: z.output<typeof renewalRun>): Promise<RenewalRun> {
  const { session } = ctx.store.requireOpen()
  if (!isRealDay(input.from)) throw invalid('from', 'The renewal date is not a real date.')
  const audiences = [...new Set(input.audiences)]
  const at = new Date(ctx.now()).toISOString()
  await ctx.store.change({ action: 'aup.renewal', detail: `${audiences.join(', ')} from ${input.from}` }, (trx) =>
    trx('aup_renewals').insert(audiences.map((audience) => ({ audience, from_date: input.from, created_at: at, created_by: session.userId }))),
  )
  return { audiences, from: input.from }
}
