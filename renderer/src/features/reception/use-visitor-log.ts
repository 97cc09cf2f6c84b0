import { reactive } from 'vue'
import type { VISIT_SORT_KEYS } from '@shared/api/people-fields'
import type { VisitPage } from '@shared/domain/visits'
import { call } from '@/api'
import { usePagedList } from '@/lib/use-paged-list'

export interface VisitorLogFilters {
  /** YYYY-MM-DD */
  from: string
  to: string
  text: string
}

/** A page of the visitor log for a period, paged and sorted by the core. */
export function useVisitorLog(initial: VisitorLogFilters) {
  const filters = reactive<VisitorLogFilters>({ ...initial })
  const list = usePagedList<VisitPage, (typeof VISIT_SORT_KEYS)[number]>(
    (paging) =>
      call('visits.list', {
        from: filters.from,
        to: filters.to,
        ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      }),
    { limit: 25, failure: 'The visitor log could not be read.' },
  )
  return { ...list, filters }
}
