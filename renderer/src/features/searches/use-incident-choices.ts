import { ref } from 'vue'
import { call, messageOf } from '@/api'
import { isoDateToUk } from '@shared/dates/uk-format'

export interface IncidentChoice {
  value: number
  title: string
}

/** The incident log's latest entries, to link a search or an item to the incident it belongs to. */
export function useIncidentChoices() {
  const choices = ref<IncidentChoice[]>([])
  const error = ref<string | null>(null)
  async function load(): Promise<void> {
    try {
      const page = await call('incidents.list', { offset: 0, limit: 100 })
      choices.value = page.rows.map((r) => ({ value: r.id, title: `${r.reference} · ${isoDateToUk(r.occurredOn)} · ${r.categoryName}` }))
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The incident log could not be read, so no incident can be linked just now.')
    }
  }
  return { choices, error, load }
}
