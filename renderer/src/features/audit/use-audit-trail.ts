import { reactive, ref } from 'vue'
import type { AuditEntry, ChainVerification } from '@shared/domain/audit'
import type { AUDIT_SORT_KEYS } from '@shared/api/contract'
import { ApiCallError, call, messageOf } from '@/api'
import type { TableSort } from '@/lib/table-options'

export interface AuditFilters {
  /** YYYY-MM-DD or '' */
  from: string
  to: string
  text: string
}

/** One page at a time: the trail grows to a million rows, so paging happens in the core. */
export function useAuditTrail() {
  const filters = reactive<AuditFilters>({ from: '', to: '', text: '' })
  /** Newest first unless sorted: oldest first to read a period as it happened, or by who, action or record. */
  const paging = reactive<{ offset: number; limit: number; sort: TableSort<(typeof AUDIT_SORT_KEYS)[number]> }>({ offset: 0, limit: 50, sort: null })
  const rows = ref<AuditEntry[]>([])
  const total = ref(0)
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<string | null>(null)
  /** Why the trail went back to newest first: too many entries to sort by who, action or record. */
  const sortRefused = ref<string | null>(null)
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await call('audit.list', {
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      })
      // A slower, older request must not overwrite a newer page.
      if (ticket !== latest) return
      rows.value = result.rows
      total.value = result.total
      loaded.value = true
      error.value = null
      if (paging.sort) sortRefused.value = null
    } catch (err) {
      if (ticket !== latest) return
      if (err instanceof ApiCallError && err.field === 'sort' && paging.sort) {
        // Too many entries to sort that way: say so and show them newest first.
        sortRefused.value = err.message
        paging.sort = null
        paging.offset = 0
        return load()
      }
      error.value = messageOf(err, 'The audit trail could not be read.')
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  const verification = ref<ChainVerification | null>(null)
  const verifying = ref(false)
  const verifyError = ref<string | null>(null)

  async function verify(): Promise<void> {
    verifying.value = true
    verification.value = null
    verifyError.value = null
    try {
      verification.value = await call('audit.verify', {})
    } catch (err) {
      verifyError.value = messageOf(err, 'The audit trail could not be checked.')
    } finally {
      verifying.value = false
    }
  }

  return { filters, paging, rows, total, loaded, loading, error, sortRefused, load, verification, verifying, verifyError, verify }
}
