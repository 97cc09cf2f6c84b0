import type { MethodInput } from '@shared/api/contract'
import type { IncidentStatus } from '@shared/domain/incidents'
import type { INCIDENT_SORT_KEYS } from '@shared/features/incidents/contract'
import type { TableSort } from '@/lib/table-options'

export type LogSort = TableSort<(typeof INCIDENT_SORT_KEYS)[number]>

/** The log's filters as the screen holds them ('' and null for "any"). */
export interface LogFilters {
  from: string
  to: string
  categoryId: number | null
  status: IncidentStatus | null
  person: { id: number; name: string } | null
  text: string
  waitingForDsl: boolean
}

export const noFilters = (): LogFilters => ({ from: '', to: '', categoryId: null, status: null, person: null, text: '', waitingForDsl: false })

/** The filters and page as the core's `incidents.list` takes them; empty filters are left out. */
export function logQuery(f: LogFilters, page: { offset: number; limit: number; sort?: LogSort }): MethodInput<'incidents.list'> {
  const q: MethodInput<'incidents.list'> = { offset: page.offset, limit: page.limit }
  if (page.sort) q.sort = page.sort
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.categoryId !== null) q.categoryId = f.categoryId
  if (f.status) q.status = f.status
  if (f.person) q.personId = f.person.id
  const text = f.text.trim()
  if (text) q.text = text.slice(0, 100)
  if (f.waitingForDsl) q.waitingForDsl = true
  return q
}

/** Whether any filter is set: an empty page then means "no matches", not "no entries yet". */
export function anyFilter(f: LogFilters): boolean {
  return Boolean(f.from || f.to || f.categoryId !== null || f.status || f.person || f.text.trim() || f.waitingForDsl)
}

/** The filters the log can be opened with from a link: the home card's `?waiting=1`. */
export function filtersFromQuery(query: Record<string, unknown>): LogFilters {
  return { ...noFilters(), waitingForDsl: query['waiting'] === '1' || query['waiting'] === 'true' }
}
