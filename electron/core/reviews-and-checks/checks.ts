import type { z } from 'zod'
import { filteringCheckRecord, type checkHistoryQuery, type checkRecord, type missedNote, type templateCreate, type templateUpdate } from '../../../shared/features/reviews-and-checks/contract'
import type { CheckHistory, CheckOccurrence, CheckPeriod, CheckRhythm, CheckTemplate, PeriodStatus } from '../../../shared/domain/reviews-and-checks'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { dayToUk, expectedPeriods, type Period, type RhythmSpan } from './periods'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { periodCountsIn } from '../../../shared/dates/school-year'
import { isRealDay, ukDay as ukToday } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'
import type { CheckOccurrenceRow, CheckTemplateRow } from './tables'

/** A template with its rhythms, as the period arithmetic needs it. */
export interface LoadedTemplate {
  row: Pick<CheckTemplateRow, 'id' | 'name' | 'description' | 'responsible_role' | 'filtering' | 'retired_on'>
  spans: RhythmSpan[]
  startsOn: string
  used: boolean
}

const iso = (ms: number) => new Date(ms).toISOString()
const missingTemplate = () => notFound('That check is not in the register. Refresh the list and try again.')

export async function loadTemplates(db: Db, options: { ids?: number[]; includeRetired?: boolean } = {}): Promise<LoadedTemplate[]> {
  const query = db('check_templates').select('id', 'name', 'description', 'responsible_role', 'filtering', 'retired_on').orderBy('name')
  if (options.ids) query.whereIn('id', options.ids)
  if (!options.includeRetired && !options.ids) query.whereNull('retired_on')
  const rows = await query
  const rhythms = await db('check_rhythms').whereIn('template_id', rows.map((r) => r.id)).orderBy('from_on')
  const used = new Set([
    ...((await db('check_occurrences').distinct('template_id').pluck('template_id')) as number[]),
    ...((await db('check_missed_notes').distinct('template_id').pluck('template_id')) as number[]),
  ])
  return rows.map((row) => {
    const spans = rhythms.filter((r) => r.template_id === row.id).map((r) => ({ from: r.from_on, rhythm: r.rhythm, everyYears: r.every_years }))
    return { row, spans, startsOn: spans[0]!.from, used: used.has(row.id) }
  })
}

async function loadTemplate(db: Db, id: number): Promise<LoadedTemplate> {
  const [t] = await loadTemplates(db, { ids: [id] })
  if (!t) throw missingTemplate()
  return t
}

/** The days checks were done on, per template, between two days, sorted. */
export async function doneDays(db: Db, templateIds: number[], from: string, to: string): Promise<Map<number, string[]>> {
  const rows = (await db('check_occurrences')
    .whereIn('template_id', templateIds)
    .whereBetween('done_on', [from, to])
    .select('template_id', 'done_on')
    .orderBy('done_on')) as { template_id: number; done_on: string }[]
  const out = new Map<number, string[]>()
  for (const r of rows) {
    const list = out.get(r.template_id) ?? []
    list.push(r.done_on)
    out.set(r.template_id, list)
  }
  return out
}

/** Whether a sorted list of days has one from start to end (binary search: ten years of weekly checks stay quick). */
function anyBetween(days: readonly string[], start: string, end: string): boolean {
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (days[mid]! < start) lo = mid + 1
    else hi = mid
  }
  return lo < days.length && days[lo]! <= end
}

export function statusOf(p: Period, days: readonly string[], today: string): PeriodStatus {
  if (anyBetween(days, p.start, p.end)) return 'done'
  if (p.end < today) return 'missed'
  return p.start <= today ? 'due' : 'upcoming'
}

/** Done and expected over periods: an ended period is expected; the current one counts only once done. */
export function tally(periods: readonly Period[], days: readonly string[], today: string) {
  let done = 0
  let expected = 0
  const missed: Period[] = []
  for (const p of periods) {
    const status = statusOf(p, days, today)
    if (status === 'done') done++
    if (status === 'done' || status === 'missed') expected++
    if (status === 'missed') missed.push(p)
  }
  return { done, expected, missed }
}

/** One recurring check over a period: its expected periods, done against expected, the missed ones. */
export interface CheckTally {
  template: LoadedTemplate
  periods: Period[]
  done: number
  expected: number
  missed: Period[]
}

/**
 * Every recurring check (retired ones too) over a period, as the check log and the annual review
 * count them. A period counts where its first day falls (shared/dates/school-year.ts): one that
 * straddles the last day belongs to this span, whole, with the checks done in all of it; one that
 * straddles the first day belongs to the span before.
 */
export async function tallyChecks(db: Db, from: string, to: string, today: string): Promise<CheckTally[]> {
  const templates = await loadTemplates(db, { includeRetired: true })
  // A period that straddles the first or last day counts where it starts (shared/dates/school-year.ts).
  const perTemplate = templates.map((t) => ({ t, periods: expectedPeriods(t.spans, t.row.retired_on, from, to).filter((p) => periodCountsIn(p, from, to)) }))
  const earliest = perTemplate.flatMap((x) => x.periods.map((p) => p.start)).sort()[0] ?? from
  const latest = perTemplate.flatMap((x) => x.periods.map((p) => p.end)).sort().at(-1) ?? to
  const days = await doneDays(db, templates.map((t) => t.row.id), earliest, latest)
  return perTemplate
    .filter((x) => x.periods.length > 0)
    .map(({ t, periods }) => ({ template: t, periods, ...tally(periods, days.get(t.row.id) ?? [], today) }))
}

function summarise(t: LoadedTemplate, days: readonly string[], today: string, lastDoneOn: string | null): CheckTemplate {
  const span = t.spans.at(-1)!
  const retired = t.row.retired_on !== null && t.row.retired_on <= today
  const yearStart = `${schoolYearOf(today)}-09-01`
  const recent = expectedPeriods(t.spans, t.row.retired_on, yearStart < t.startsOn ? t.startsOn : yearStart, today)
  const current = recent.find((p) => p.start <= today && today <= p.end) ?? null
  const ended = recent.filter((p) => p.end < today)
  // The period before this one may have begun before the school year did.
  const before = expectedPeriods(t.spans, t.row.retired_on, addDays(current?.start ?? today, -1), addDays(current?.start ?? today, -1)).at(-1)
  const previous = ended.at(-1) ?? before ?? null
  const { done, expected } = tally(recent.filter((p) => periodCountsIn(p, yearStart, today)), days, today)
  return {
    id: t.row.id,
    name: t.row.name,
    description: t.row.description,
    rhythm: span.rhythm,
    everyYears: span.everyYears,
    responsibleRole: t.row.responsible_role,
    filtering: t.row.filtering === 1,
    rhythmFrom: span.from,
    startsOn: t.startsOn,
    retiredOn: t.row.retired_on,
    used: t.used,
    current: current && !retired ? { ...current, status: statusOf(current, days, today) } : null,
    lastMissed: previous && statusOf(previous, days, today) === 'missed' ? previous : null,
    lastDoneOn,
    thisYear: { done, expected },
  }
}

/** Every check with where it stands today. */
export async function listTemplates(ctx: FeatureContext, includeRetired: boolean): Promise<CheckTemplate[]> {
  const { db } = ctx.store.requireOpen()
  return templateSummaries(db, await loadTemplates(db, { includeRetired }), ukToday(ctx.now()))
}

export async function templateSummaries(db: Db, templates: LoadedTemplate[], today: string): Promise<CheckTemplate[]> {
  const ids = templates.map((t) => t.row.id)
  // Far enough back for the previous period of the longest rhythm (five school years).
  const days = await doneDays(db, ids, `${schoolYearOf(today) - 6}-09-01`, today)
  const last = (await db('check_occurrences').whereIn('template_id', ids).select('template_id').max({ on: 'done_on' }).groupBy('template_id')) as { template_id: number; on: string }[]
  const lastOn = new Map(last.map((l) => [l.template_id, l.on]))
  return templates.map((t) => summarise(t, days.get(t.row.id) ?? [], today, lastOn.get(t.row.id) ?? null))
}

async function readTemplate(ctx: FeatureContext, id: number): Promise<CheckTemplate> {
  const { db } = ctx.store.requireOpen()
  const [t] = await templateSummaries(db, [await loadTemplate(db, id)], ukToday(ctx.now()))
  return t!
}

function checkRhythm(rhythm: CheckRhythm, everyYears: number | undefined): number | null {
  if (rhythm === 'years' && !everyYears) throw invalid('everyYears', 'Say every how many school years (2 to 5).')
  return rhythm === 'years' ? everyYears! : null
}

async function nameTaken(db: Db, name: string, exceptId?: number): Promise<void> {
  const q = db('check_templates').whereRaw('name = ? COLLATE NOCASE', [name])
  if (exceptId) q.whereNot('id', exceptId)
  if (await q.first()) throw invalid('name', `There is already a check called “${name}”.`)
}

export async function createTemplate(ctx: FeatureContext, input: z.output<typeof templateCreate>): Promise<CheckTemplate> {
  const { db } = ctx.store.requireOpen()
  if (!isRealDay(input.startsOn)) throw invalid('startsOn', 'The first day is not a real date.')
  const everyYears = checkRhythm(input.rhythm, input.everyYears)
  await nameTaken(db, input.name)
  const at = iso(ctx.now())
  const event = { action: 'check.templateCreate', target: null as string | null, detail: input.rhythm }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('check_templates').insert({ name: input.name, description: input.description ?? '', responsible_role: input.responsibleRole, filtering: input.filtering ? 1 : 0, created_at: at, updated_at: at })) as number[]
    await trx('check_rhythms').insert({ template_id: Number(newId), from_on: input.startsOn, rhythm: input.rhythm, every_years: everyYears })
    event.target = `check:${Number(newId)}`
    return Number(newId)
  })
  return readTemplate(ctx, id)
}

/**
 * Renames a check or gives it to another role; a new rhythm counts from `rhythmFrom` (today if
 * not given), so the periods expected before it stay as they were.
 */
export async function updateTemplate(ctx: FeatureContext, input: z.output<typeof templateUpdate>): Promise<CheckTemplate> {
  const { db } = ctx.store.requireOpen()
  const t = await loadTemplate(db, input.id)
  const everyYears = checkRhythm(input.rhythm, input.everyYears)
  await nameTaken(db, input.name, input.id)
  const span = t.spans.at(-1)!
  const rhythmChanged = span.rhythm !== input.rhythm || span.everyYears !== everyYears
  const from = input.rhythmFrom ?? ukToday(ctx.now())
  if (rhythmChanged) {
    if (!isRealDay(from)) throw invalid('rhythmFrom', 'The day the new rhythm starts is not a real date.')
    if (from < span.from) throw invalid('rhythmFrom', `The current rhythm started on ${dayToUk(span.from)}: a new one must start on or after that day.`)
  }
  const filteringChanged = input.filtering !== undefined && input.filtering !== (t.row.filtering === 1)
  const detail =
    [rhythmChanged ? `rhythm ${input.rhythm} from ${from}` : null, filteringChanged ? (input.filtering ? 'now a filtering check' : 'no longer a filtering check') : null].filter(Boolean).join('; ') || null
  await ctx.store.change({ action: 'check.templateUpdate', target: `check:${input.id}`, detail }, async (trx) => {
    await trx('check_templates').where({ id: input.id }).update({
      name: input.name,
      description: input.description ?? '',
      responsible_role: input.responsibleRole,
      ...(input.filtering === undefined ? {} : { filtering: input.filtering ? 1 : 0 }),
      updated_at: iso(ctx.now()),
    })
    if (rhythmChanged) {
      await trx('check_rhythms')
        .insert({ template_id: input.id, from_on: from, rhythm: input.rhythm, every_years: everyYears })
        .onConflict(['template_id', 'from_on'])
        .merge()
    }
  })
  return readTemplate(ctx, input.id)
}

export async function retireTemplate(ctx: FeatureContext, id: number, retiredOn: string): Promise<CheckTemplate> {
  const { db } = ctx.store.requireOpen()
  const t = await loadTemplate(db, id)
  if (t.row.retired_on) throw conflict(`That check was already retired on ${dayToUk(t.row.retired_on)}.`)
  if (!isRealDay(retiredOn)) throw invalid('retiredOn', 'The retirement date is not a real date.')
  if (retiredOn < t.startsOn) throw invalid('retiredOn', `The check started on ${dayToUk(t.startsOn)}: retire it on or after that day.`)
  await ctx.store.change({ action: 'check.templateRetire', target: `check:${id}`, detail: `from ${retiredOn}` }, (trx) =>
    trx('check_templates').where({ id }).update({ retired_on: retiredOn, updated_at: iso(ctx.now()) }),
  )
  return readTemplate(ctx, id)
}

export async function deleteTemplate(ctx: FeatureContext, id: number): Promise<null> {
  const { db } = ctx.store.requireOpen()
  const t = await loadTemplate(db, id)
  if (t.used) throw conflict(`“${t.row.name}” has checks recorded against it, so it stays in the register. Retire it instead: its history is kept.`)
  await ctx.store.change({ action: 'check.templateDelete', target: `check:${id}` }, async (trx) => {
    await trx('check_rhythms').where({ template_id: id }).delete()
    await trx('check_templates').where({ id }).delete()
  })
  return null
}

const toOccurrence = (r: CheckOccurrenceRow): CheckOccurrence => ({
  id: r.id,
  templateId: r.template_id,
  doneOn: r.done_on,
  doneBy: r.done_by,
  devices: r.devices,
  areas: r.areas,
  userGroups: r.user_groups,
  result: r.result,
  action: r.action,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by_name,
})

/** Records a check as done on a day (today or earlier: one done last Friday may be written up today). */
export async function recordCheck(ctx: FeatureContext, input: z.output<typeof checkRecord>): Promise<CheckOccurrence> {
  const { db, session } = ctx.store.requireOpen()
  const t = await loadTemplate(db, input.templateId)
  const today = ukToday(ctx.now())
  if (!isRealDay(input.doneOn)) throw invalid('doneOn', 'The day of the check is not a real date.')
  if (input.doneOn > today) throw invalid('doneOn', 'A check cannot be recorded before it is done: the date is in the future.')
  if (t.row.retired_on && input.doneOn >= t.row.retired_on) throw invalid('doneOn', `“${t.row.name}” was retired on ${dayToUk(t.row.retired_on)}. Record checks done before then, or add the check again.`)
  if (t.row.filtering) {
    const dfe = filteringCheckRecord.safeParse(input)
    const first = dfe.success ? null : dfe.error.issues[0]
    if (first) throw invalid(first.path.map(String).join('.'), first.message)
  }
  if (input.result === 'issues' && !input.action) throw invalid('action', 'The check found issues: say what was done about them.')
  const event = { action: 'check.record', target: null as string | null, detail: `check:${t.row.id} ${input.result}` }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('check_occurrences').insert({
      template_id: t.row.id,
      done_on: input.doneOn,
      done_by: input.doneBy,
      devices: input.devices ?? '',
      areas: input.areas ?? '',
      user_groups: input.userGroups ?? '',
      result: input.result,
      action: input.action ?? '',
      recorded_at: iso(ctx.now()),
      recorded_by: session.userId,
      recorded_by_name: session.displayName,
    })) as number[]
    event.target = `check-occurrence:${Number(newId)}`
    return Number(newId)
  })
  return toOccurrence((await db('check_occurrences').where({ id }).first())!)
}

/**
 * A check's periods from `from` to `to` (by default from its start to today), newest first and
 * paged; the done/expected count and the missed periods cover the whole span.
 */
export async function checkHistory(ctx: FeatureContext, q: z.output<typeof checkHistoryQuery>): Promise<CheckHistory> {
  const { db } = ctx.store.requireOpen()
  const today = ukToday(ctx.now())
  const t = await loadTemplate(db, q.templateId)
  const from = q.from ?? t.startsOn
  const to = q.to ?? today
  if (!isRealDay(from)) throw invalid('from', 'The first day is not a real date.')
  if (!isRealDay(to)) throw invalid('to', 'The last day is not a real date.')
  if (from > to) throw invalid('to', 'The period ends before it starts: check the dates.')
  const periods = expectedPeriods(t.spans, t.row.retired_on, from, to)
  const spanFrom = periods[0]?.start ?? from
  const spanTo = periods.at(-1)?.end ?? to
  const days = (await doneDays(db, [t.row.id], spanFrom, spanTo)).get(t.row.id) ?? []
  const { done, expected, missed } = tally(periods, days, today)

  const page = [...periods].reverse().slice(q.offset, q.offset + q.limit)
  const pageFrom = page.at(-1)?.start ?? from
  const pageTo = page[0]?.end ?? to
  const occurrences = (await db('check_occurrences').where({ template_id: t.row.id }).whereBetween('done_on', [pageFrom, pageTo]).orderBy(['done_on', 'id'])).map(toOccurrence)
  const notes = (await db('check_missed_notes').where({ template_id: t.row.id }).whereBetween('period_start', [pageFrom, pageTo])) as {
    period_start: string
    note: string
    recorded_at: string
    recorded_by_name: string
  }[]
  const rows: CheckPeriod[] = page.map((p) => {
    const note = notes.find((n) => n.period_start === p.start)
    return {
      ...p,
      status: statusOf(p, days, today),
      occurrences: occurrences.filter((o) => o.doneOn >= p.start && o.doneOn <= p.end),
      missedNote: note ? { note: note.note, recordedAt: note.recorded_at, recordedBy: note.recorded_by_name } : null,
    }
  })
  const [summary] = await templateSummaries(db, [t], today)
  return { template: summary!, from, to, periods: rows, totalPeriods: periods.length, done, expected, missed }
}

/** Explains a missed check. It stays missed: the note is the only thing added. */
export async function explainMissed(ctx: FeatureContext, input: z.output<typeof missedNote>): Promise<null> {
  const { db, session } = ctx.store.requireOpen()
  const t = await loadTemplate(db, input.templateId)
  const today = ukToday(ctx.now())
  if (!isRealDay(input.periodStart)) throw invalid('periodStart', 'That period’s first day is not a real date.')
  const period = expectedPeriods(t.spans, t.row.retired_on, input.periodStart, input.periodStart).find((p) => p.start === input.periodStart)
  const days = period ? ((await doneDays(db, [t.row.id], period.start, period.end)).get(t.row.id) ?? []) : []
  if (!period || statusOf(period, days, today) !== 'missed') throw invalid('periodStart', 'Only a missed check can be explained: that period was done, or has not ended yet.')
  if (await db('check_missed_notes').where({ template_id: t.row.id, period_start: period.start }).first()) {
    throw conflict(`${period.label} already has a note. Notes are kept as written.`)
  }
  await ctx.store.change({ action: 'check.missedNote', target: `check:${t.row.id}`, detail: `period from ${period.start}` }, (trx) =>
    trx('check_missed_notes').insert({ template_id: t.row.id, period_start: period.start, note: input.note, recorded_at: iso(ctx.now()), recorded_by: session.userId, recorded_by_name: session.displayName }),
  )
  return null
}
