import { ref } from 'vue'
import type { IncidentDetail } from '@shared/domain/incidents'
import { call, messageOf } from '@/api'

/** One incident with its versions, checklist, referrals, files and chronology (every read is audited by the core). */
export function useIncident() {
  const incident = ref<IncidentDetail | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(id: number): Promise<void> {
    loading.value = true
    try {
      incident.value = await call('incidents.get', { id })
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'This incident could not be read.')
    } finally {
      loading.value = false
    }
  }

  return { incident, loading, error, load }
}
