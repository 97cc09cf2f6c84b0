import { reactive, ref } from 'vue'
import type { AttentionFilter, PermissionKind, PermissionPage, PermissionStatus } from '@shared/domain/permissions'
import { call, messageOf } from '@/api'
import type { PERMISSION_SORT_KEYS } from '@shared/api/permissions-contract'
import type { TableSort } from '@/lib/table-options'

export interface PermissionFilters {
  kind: PermissionKind | null
  status: PermissionStatus | 'all'
  attention: AttentionFilter | null
  person: { id: number; name: string } | null
  text: string
}

/** What each home-screen link opens: the attention filter with the status it belongs to. */
export const ATTENTION_STATUS: Readonly<Record<AttentionFilter, PermissionStatus>> = {
  expiring: 'in-force',
  'expired-recently': 'expired',
  'not-cleared': 'in-force',
}

/** A page of the permission register with its filters. */
export function usePermissions(initial: Partial<PermissionFilters> = {}) {
  const page = ref<PermissionPage | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const filters = reactive<PermissionFilters>({ kind: null, status: 'in-force', attention: null, person: null, text: '', ...initial })
  const paging = reactive<{ offset: number; limit: number; sort: TableSort<(typeof PERMISSION_SORT_KEYS)[number]> }>({ offset: 0, limit: 25, sort: null })
  // Only the latest request may fill the table: typing fast sends several.
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await call('permissions.list', {
        kind: filters.kind ?? undefined,
        status: filters.status,
        attention: filters.attention ?? undefined,
        personId: filters.person?.id,
        text: filters.text.trim() || undefined,
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      })
      if (ticket !== latest) return
      page.value = result
      error.value = null
    } catch (err) {
      if (ticket === latest) error.value = messageOf(err, 'The permission register could not be read.')
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

  const filtered = () => Boolean(filters.kind || filters.status !== 'all' || filters.attention || filters.person || filters.text.trim())

  return { page, loading, error, filters, paging, load, filter, filtered }
}
