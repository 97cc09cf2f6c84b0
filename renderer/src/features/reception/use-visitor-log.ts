import { reactive, ref } from 'vue'
import type { VISIT_SORT_KEYS } from '@shared/api/people-fields'
import type { VisitPage } from '@shared/domain/visits'
import { call, messageOf } from '@/api'
import type { TableSort } from '@/lib/table-options'

export interface VisitorLogFilters {
  /** YYYY-MM-DD */
  from: string
  to: string
  text: string
}

/** A page of the visitor log for a period, paged and sorted by the core. */
export function useVisitorLog(initial: VisitorLogFilters) {
  const page = ref<VisitPage | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const filters = reactive<VisitorLogFilters>({ ...initial })
  const paging = reactive<{ offset: number; limit: number; sort: TableSort<(typeof VISIT_SORT_KEYS)[number]> }>({ offset: 0, limit: 25, sort: null })
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await call('visits.list', {
        from: filters.from,
        to: filters.to,
        ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      })
      if (ticket !== latest) return
      page.value = result
      error.value = null
    } catch (err) {
      if (ticket === latest) error.value = messageOf(err, 'The visitor log could not be read.')
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

  return { page, loading, error, filters, paging, load, filter }
}
