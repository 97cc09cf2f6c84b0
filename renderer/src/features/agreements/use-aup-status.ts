import { reactive, ref } from 'vue'
import type { AupAudience, AupStanding, AupStatusReport } from '@shared/domain/aup'
import type { PersonKind, StaffGroup, YearGroup } from '@shared/domain/people'
import { call, messageOf } from '@/api'

export interface StatusFilters {
  kind: PersonKind | null
  yearGroup: YearGroup | null
  regClass: string | null
  staffGroup: StaffGroup | null
  standing: AupStanding | null
  text: string
}

/** Who has and has not agreed to the current versions, by group, and a page of people. */
export function useAupStatus() {
  const report = ref<AupStatusReport | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const filters = reactive<StatusFilters>({ kind: null, yearGroup: null, regClass: null, staffGroup: null, standing: null, text: '' })
  const page = reactive({ offset: 0, limit: 25 })

  async function load(): Promise<void> {
    loading.value = true
    try {
      report.value = await call('aup.status', {
        kind: filters.kind ?? undefined,
        yearGroup: filters.yearGroup ?? undefined,
        regClass: filters.regClass ?? undefined,
        staffGroup: filters.staffGroup ?? undefined,
        standing: filters.standing ?? undefined,
        text: filters.text.trim() || undefined,
        offset: page.offset,
        limit: page.limit,
      })
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'Who has agreed could not be worked out.')
    } finally {
      loading.value = false
    }
  }

  function filter(): Promise<void> {
    page.offset = 0
    return load()
  }

  async function startRenewal(audiences: AupAudience[], from: string) {
    const run = await call('aup.startRenewal', { audiences, from })
    await load()
    return run
  }

  return { report, loading, error, filters, page, load, filter, startRenewal }
}

export type AupStatus = ReturnType<typeof useAupStatus>

/** The share agreed, as a whole percentage (0 when nobody is counted). */
export function percentAgreed(c: { total: number; current: number }): number {
  return c.total === 0 ? 0 : Math.round((c.current / c.total) * 100)
}
