import { reactive } from 'vue'
import type { ApprovalKind, ApprovalPage, ApprovalStatus } from '@shared/features/approvals/contract'
import { call } from '@/api'
import { usePagedList } from '@/lib/use-paged-list'

export interface ApprovalFilters {
  kind: ApprovalKind | null
  status: ApprovalStatus | 'all'
  text: string
}

/** A page of the approvals register with its filters. */
export function useApprovals(initial: Partial<ApprovalFilters> = {}) {
  const filters = reactive<ApprovalFilters>({ kind: null, status: 'all', text: '', ...initial })
  const list = usePagedList<ApprovalPage, never>(
    (paging) => call('approvals.list', { kind: filters.kind ?? undefined, status: filters.status, text: filters.text.trim() || undefined, offset: paging.offset, limit: paging.limit }),
    { limit: 25, failure: 'The approvals could not be read.' },
  )
  const filtered = () => Boolean(filters.kind || filters.status !== 'all' || filters.text.trim())
  return { ...list, filters, filtered }
}
