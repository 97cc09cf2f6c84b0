import { reactive, ref } from 'vue'
import type { DirectoryGroups, PersonKind, PersonPage, StaffGroup, YearGroup } from '@shared/domain/people'
import { call, messageOf } from '@/api'
import type { PEOPLE_SORT_KEYS } from '@shared/api/people-fields'
import type { TableSort } from '@/lib/table-options'

export interface PeopleFilters {
  kind: PersonKind | null
  yearGroup: YearGroup | null
  regClass: string | null
  staffGroup: StaffGroup | null
  archived: 'active' | 'archived' | 'all'
  text: string
}

/** A page of the people directory with its filters, and the groups the filters offer. */
export function usePeople() {
  const page = ref<PersonPage | null>(null)
  const groups = ref<DirectoryGroups | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const filters = reactive<PeopleFilters>({ kind: null, yearGroup: null, regClass: null, staffGroup: null, archived: 'active', text: '' })
  const paging = reactive<{ offset: number; limit: number; sort: TableSort<(typeof PEOPLE_SORT_KEYS)[number]> }>({ offset: 0, limit: 25, sort: null })

  async function load(): Promise<void> {
    loading.value = true
    try {
      const [p, g] = await Promise.all([
        call('people.list', {
          kind: filters.kind ?? undefined,
          yearGroup: filters.yearGroup ?? undefined,
          regClass: filters.regClass ?? undefined,
          staffGroup: filters.staffGroup ?? undefined,
          archived: filters.archived,
          text: filters.text.trim() || undefined,
          ...(paging.sort ? { sort: paging.sort } : {}),
          offset: paging.offset,
          limit: paging.limit,
        }),
        call('people.groups', {}),
      ])
      page.value = p
      groups.value = g
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The people directory could not be read.')
    } finally {
      loading.value = false
    }
  }

  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

  /** Nobody at all in the directory yet: a new school. */
  const isEmpty = () => Boolean(groups.value && groups.value.kinds.every((k) => k.count === 0 && k.archived === 0))

  return { page, groups, loading, error, filters, paging, load, filter, isEmpty }
}
