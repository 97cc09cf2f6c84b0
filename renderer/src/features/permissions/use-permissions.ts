import { reactive } from 'vue'
import type { AttentionFilter, PermissionKind, PermissionPage, PermissionStatus } from '@shared/domain/permissions'
import { call } from '@/api'
import type { PERMISSION_SORT_KEYS } from '@shared/features/permissions/contract'
import { usePagedList } from '@/lib/use-paged-list'

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
  const filters = reactive<PermissionFilters>({ kind: null, status: 'in-force', attention: null, person: null, text: '', ...initial })
  const { page, loading, error, paging, load, filter } = usePagedList<PermissionPage, (typeof PERMISSION_SORT_KEYS)[number]>(
    (paging) =>
      call('permissions.list', {
        kind: filters.kind ?? undefined,
        status: filters.status,
        attention: filters.attention ?? undefined,
        personId: filters.person?.id,
        text: filters.text.trim() || undefined,
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      }),
    { limit: 25, failure: 'The permission register could not be read.' },
  )

  const filtered = () => Boolean(filters.kind || filters.status !== 'all' || filters.attention || filters.person || filters.text.trim())

  return { page, loading, error, filters, paging, load, filter, filtered }
}
