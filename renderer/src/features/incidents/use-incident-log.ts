import { reactive, ref } from 'vue'
import type { IncidentCategory, IncidentPage } from '@shared/domain/incidents'
import { call, messageOf } from '@/api'
import { logQuery, noFilters, type LogFilters, type LogSort } from './log-query'

/** A page of the incident log with its filters, and the categories the filter offers. Only the latest answer is shown. */
export function useIncidentLog(initial: LogFilters = noFilters()) {
  const page = ref<IncidentPage | null>(null)
  const categories = ref<IncidentCategory[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const filters = reactive<LogFilters>(initial)
  const paging = reactive<{ offset: number; limit: number; sort: LogSort }>({ offset: 0, limit: 25, sort: null })
  let asked = 0

  async function load(): Promise<void> {
    const mine = ++asked
    loading.value = true
    try {
      const [p, c] = await Promise.all([call('incidents.list', logQuery(filters, paging)), categories.value.length ? categories.value : call('incidents.categories', {})])
      if (mine !== asked) return
      page.value = p
      categories.value = c
      error.value = null
    } catch (err) {
      if (mine === asked) error.value = messageOf(err, 'The incident log could not be read.')
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

  return { page, categories, loading, error, filters, paging, load, filter }
}
