import type { z } from 'zod'
import type { AlertPage, MonitoringAlert, fmAlertList, fmRecordAlert, fmTriageAlert } from '../../../shared/features/fm-governance/contract'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { incidentReferences, visibleIncidentByReference } from '../incidents/services'
import type { FmAlertRow } from './tables'

async function toAlerts(db: Db, rows: FmAlertRow[]): Promise<MonitoringAlert[]> {
  const refs = await incidentReferences(db, rows.flatMap((r) => (r.incident_id ? [r.incident_id] : [])))
  return rows.map((r) => ({
    id: r.id,
    alertedOn: r.alerted_on,
    source: r.source,
    what: r.what,
    deviceOrUser: r.device_or_user,
    state: r.state,
    incidentId: r.incident_id,
    incidentReference: r.incident_id ? (refs.get(r.incident_id) ?? null) : null,
    closedReason: r.closed_reason,
    triagedOn: r.triaged_on,
    triagedBy: r.triaged_by_name,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by_name,
  }))
}

const count = async (q: { count(c: { n: string }): unknown }): Promise<number> => Number(((await q.count({ n: '*' })) as { n: number }[])[0]?.n ?? 0)

/** Alerts newest first; text finds the source, the alert's words or the device or user. */
export async function listAlerts(ctx: FeatureContext, q: z.output<typeof fmAlertList>): Promise<AlertPage> {
  const { db } = ctx.store.requireOpen()
  const query = db('fm_alerts')
  if (q.state !== 'all') query.where('state', q.state)
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((w) => {
      for (const column of ['source', 'what', 'device_or_user']) w.orWhereRaw(`${column} LIKE ? ESCAPE '\\'`, [like])
    })
  }
  const total = await count(query.clone())
  const rows = await query.orderBy([{ column: 'alerted_on', order: 'desc' }, { column: 'id', order: 'desc' }]).offset(q.offset).limit(q.limit)
  return { rows: await toAlerts(db, rows), total, open: await count(db('fm_alerts').where('state', 'open')) }
}

async function alertById(db: Db, id: number): Promise<MonitoringAlert> {
  const row = await db('fm_alerts').where({ id }).first()
  if (!row) throw notFound('That alert is not in the register. Refresh the list and try again.')
  return (await toAlerts(db, [row]))[0]!
}

export async function recordAlert(ctx: FeatureContext, input: z.output<typeof fmRecordAlert>): Promise<MonitoringAlert> {
  const { db, session } = ctx.store.requireOpen()
  if (!isRealDay(input.alertedOn)) throw invalid('alertedOn', 'The day of the alert is not a real date.')
  if (input.alertedOn > ukDay(ctx.now())) throw invalid('alertedOn', 'The alert’s date is in the future: give the day the alert was raised.')
  // The audit entry names the alert, never its words: they can name a pupil.
  const event = { action: 'fm.recordAlert', target: null as string | null, detail: '' }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('fm_alerts').insert({
      alerted_on: input.alertedOn,
      source: input.source,
      what: input.what,
      device_or_user: input.deviceOrUser,
      state: 'open',
      recorded_at: new Date(ctx.now()).toISOString(),
      recorded_by_name: session.displayName,
    })) as number[]
    event.target = `fm-alert:${Number(newId)}`
    return Number(newId)
  })
  return alertById(db, id)
}

/** Links an alert to an incident or closes it with a reason. Once triaged it stays as it was decided. */
export async function triageAlert(ctx: FeatureContext, input: z.output<typeof fmTriageAlert>): Promise<MonitoringAlert> {
  const { db, session } = ctx.store.requireOpen()
  const row = await db('fm_alerts').where({ id: input.id }).first()
  if (!row) throw notFound('That alert is not in the register. Refresh the list and try again.')
  if (row.state !== 'open') throw conflict(`That alert was already triaged on ${isoDateToUk(row.triaged_on ?? row.alerted_on)} by ${row.triaged_by_name ?? 'someone else'}. Refresh the list.`)
  if (!isRealDay(input.triagedOn)) throw invalid('triagedOn', 'The day of the triage is not a real date.')
  if (input.triagedOn > ukDay(ctx.now())) throw invalid('triagedOn', 'The triage date is in the future: give today’s date or an earlier one.')
  if (input.triagedOn < row.alerted_on) throw invalid('triagedOn', 'An alert cannot be triaged before it was raised: check the date.')
  const incident = input.outcome === 'incident' ? await visibleIncidentByReference(db, session.role, input.incidentReference!) : null
  const detail = incident ? `linked to incident:${incident.id}` : 'closed'
  await ctx.store.change({ action: 'fm.triageAlert', target: `fm-alert:${input.id}`, detail }, async (trx) => {
    await trx('fm_alerts')
      .where({ id: input.id })
      .update({ state: incident ? 'incident' : 'closed', incident_id: incident?.id ?? null, closed_reason: incident ? null : input.reason!, triaged_on: input.triagedOn, triaged_by_name: session.displayName })
  })
  return alertById(db, input.id)
}
