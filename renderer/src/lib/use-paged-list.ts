import { reactive, ref, type Ref } from 'vue'
import { messageOf } from '@/api'
import type { TableSort } from '@/lib/table-options'

/** Where a server-paged list is: the rows from `offset`, `limit` of them, in the order asked for (none: the core's own). */
export interface Paging<K extends string> {
  offset: number
  limit: number
  sort: TableSort<K>
}

/**
 * A list the core pages and sorts (the permission register, the visitor log, the users): the page
 * on screen, whether it is being read, and why it could not be, in words. Only the latest read
 * fills the table: typing fast, or clicking headings in turn, sends several.
 */
export function usePagedList<P, K extends string>(read: (paging: Paging<K>) => Promise<P>, options: { limit: number; failure: string }) {
  const page: Ref<P | null> = ref(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const paging = reactive({ offset: 0, limit: options.limit, sort: null }) as Paging<K>
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await read(paging)
      if (ticket !== latest) return
      page.value = result
      error.value = null
    } catch (err) {
      if (ticket === latest) error.value = messageOf(err, options.failure)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** New filters: back to the first page. */
  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

  return { page, loading, error, paging, load, filter }
}
