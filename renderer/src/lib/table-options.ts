/** A list's sort as the core takes it: one of its sortable columns, up or down. */
export type TableSort<K extends string> = { key: K; order: 'asc' | 'desc' } | null

/** What a server-paged table (Vuetify's v-data-table-server) asks for when it changes page, size or sort. */
export interface TableOptions {
  page: number
  itemsPerPage: number
  sortBy: readonly { key: string; order?: boolean | 'asc' | 'desc' }[]
}

/**
 * The handler for a server-paged table's `update:options`: keeps the list's paging and sort, and
 * loads the page. `columns` maps the table's column keys to the core's sort keys (only those are
 * sortable). The table asks once as it appears, for the page the screen has just loaded; that ask
 * is answered from what is there, so a visit reads the list once (reads of some lists are audited).
 */
export function onTableOptions<K extends string>(
  paging: { offset: number; limit: number; sort: TableSort<K> },
  columns: Readonly<Record<string, K>>,
  loaded: () => boolean,
  load: () => unknown,
): (options: TableOptions) => void {
  return (options) => {
    const first = options.sortBy[0]
    const key = first ? columns[first.key] : undefined
    const sort: TableSort<K> = key ? { key, order: first!.order === 'desc' ? 'desc' : 'asc' } : null
    const offset = (options.page - 1) * options.itemsPerPage
    const same = offset === paging.offset && options.itemsPerPage === paging.limit && sort?.key === paging.sort?.key && sort?.order === paging.sort?.order
    if (same && loaded()) return
    Object.assign(paging, { offset, limit: options.itemsPerPage, sort })
    void load()
  }
}
