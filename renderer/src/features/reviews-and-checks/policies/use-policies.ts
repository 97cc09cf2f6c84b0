import type { PolicySummary } from '@shared/domain/reviews-and-checks'
import { call } from '@/api'
import { useLoaded } from '@/lib/use-loaded'

/** The policies in the review calendar, overdue first (the core sorts them by next review). */
export function usePolicies() {
  const { value: policies, loading, loaded, error, load } = useLoaded<PolicySummary[]>(() => call('policies.list', {}), [], 'The policies could not be read.')
  return { policies, loading, loaded, error, load }
}
