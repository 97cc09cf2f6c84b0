import { reactive, ref } from 'vue'
import type { AupAudience, AupStanding, AupStatusReport } from '@shared/domain/aup'
import type { PersonKind, StaffGroup, YearGroup } from '@shared/domain/people'
import type { AUP_STATUS_SORT_KEYS } from '@shared/api/people-fields'
import { call, messageOf } from '@/api'
import type { TableSort } from '@/lib/table-options'

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
  const page = reactive<{ offset: number; limit: number; sort: TableSort<(typeof AUP_STATUS_SORT_KEYS)[number]> }>({ offset: 0, limit: 25, sort: null })
  // Only the latest request may fill the table: typing fast sends several.
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await call('aup.status', {
        kind: filters.kind ?? undefined,
        yearGroup: filters.yearGroup ?? undefined,
        regClass: filters.regClass ?? undefined,
        staffGroup: filters.staffGroup ?? undefined,
        standing: filters.standing ?? undefined,
        text: filters.text.trim() || undefined,
        ...(page.sort ? { sort: page.sort } : {}),
        offset: page.offset,
        limit: page.limit,
      })
      if (ticket !== latest) return
      report.value = result
      error.value = null
    } catch (err) {
      if (ticket === latest) error.value = messageOf(err, 'Who has agreed could not be worked out.')
    } finally {
      if (ticket === latest) loading.value = false
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
