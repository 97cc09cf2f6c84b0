import { computed } from 'vue'
import { call } from '@/api'
import { useLoaded } from '@/lib/use-loaded'
import { REQUIREMENTS, type Requirement, type TrainingState } from '@shared/features/training/requirements'
import type { TrainingOverview, TrainingPerson } from '@shared/features/training/contract'

export type StateFilter = TrainingState | 'needs-action' | 'all'

/** The training overview, and the counts and lists the screen shows from it. */
export function useTraining() {
  const loaded = useLoaded<TrainingOverview>(() => call('training.overview', {}), { today: '', people: [] }, 'The training record could not be read. Try again.')
  const counts = computed(() =>
    Object.fromEntries(
      REQUIREMENTS.map((k) => {
        const needs = loaded.value.value.people.flatMap((p) => p.needs.filter((n) => n.requirement === k))
        const n = (s: TrainingState) => needs.filter((x) => x.state === s).length
        return [k, { need: needs.length, upToDate: n('up-to-date'), due: n('due'), overdue: n('overdue') }]
      }),
    ) as Record<Requirement, { need: number; upToDate: number; due: number; overdue: number }>,
  )
  /** New starters (start date recorded) whose induction is not yet recorded. */
  const withoutInduction = computed(() => loaded.value.value.people.filter((p) => p.needs.some((n) => n.requirement === 'induction' && n.lastOn === null)))
  return { ...loaded, counts, withoutInduction }
}

/** Whether a person shows under a requirement and state filter. */
export function matches(p: TrainingPerson, requirement: Requirement | 'all', state: StateFilter): boolean {
  const needs = requirement === 'all' ? p.needs : p.needs.filter((n) => n.requirement === requirement)
  if (requirement !== 'all' && needs.length === 0) return false
  if (state === 'all') return true
  if (state === 'needs-action') return needs.some((n) => n.state !== 'up-to-date')
  return needs.some((n) => n.state === state)
}
