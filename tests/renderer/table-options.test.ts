import { describe, expect, it } from 'vitest'
import { onTableOptions, type TableSort } from '@/lib/table-options'

describe('a server-paged table’s options', () => {
  it('answers the table’s first ask from the page just loaded, then loads each new page, size or sort', () => {
    const paging: { offset: number; limit: number; sort: TableSort<'name' | 'kind'> } = { offset: 0, limit: 25, sort: null }
    let loads = 0
    let loaded = false
    const onOptions = onTableOptions(paging, { sortName: 'name', kind: 'kind' }, () => loaded, () => loads++)

    // Before the screen's own read has come back, the table's ask is a read.
    onOptions({ page: 1, itemsPerPage: 25, sortBy: [] })
    expect(loads).toBe(1)
    loaded = true
    onOptions({ page: 1, itemsPerPage: 25, sortBy: [] })
    expect(loads).toBe(1)

    onOptions({ page: 2, itemsPerPage: 25, sortBy: [] })
    expect(paging).toEqual({ offset: 25, limit: 25, sort: null })
    onOptions({ page: 1, itemsPerPage: 25, sortBy: [{ key: 'sortName', order: 'desc' }] })
    expect(paging).toEqual({ offset: 0, limit: 25, sort: { key: 'name', order: 'desc' } })
    // A column the core cannot sort by is not sent.
    onOptions({ page: 1, itemsPerPage: 50, sortBy: [{ key: 'actions', order: 'asc' }] })
    expect(paging).toEqual({ offset: 0, limit: 50, sort: null })
    expect(loads).toBe(4)
  })
})
