import type { IncidentDetail } from '@shared/domain/incidents'
import { call } from '@/api'
import { useLoaded } from '@/lib/use-loaded'

/** One incident with its versions, checklist, referrals, files and chronology (every read is audited by the core). */
export function useIncident() {
  let id = 0
  const { value: incident, loading, error, load: read } = useLoaded<IncidentDetail | null>(() => call('incidents.get', { id }), null, 'This incident could not be read.')

  /** Reads the incident `which` (again, after a change; or another one, when the route moves on). */
  function load(which: number): Promise<void> {
    id = which
    return read()
  }

  return { incident, loading, error, load }
}
