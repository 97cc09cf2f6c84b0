import { computed, ref } from 'vue'
import type { USER_SORT_KEYS } from '@shared/api/contract'
import type { Role } from '@shared/domain/roles'
import type { UserPage, UserSummary } from '@shared/domain/users'
import { call } from '@/api'
import { usePagedList } from '@/lib/use-paged-list'

/** A page of the users list, sorted by the core, and the changes the business manager makes to it. */
export function useUsers() {
  const search = ref('')
  const { page, loading, error, paging, load, filter } = usePagedList<UserPage, (typeof USER_SORT_KEYS)[number]>(
    (paging) =>
      call('users.list', {
        ...(search.value.trim() ? { text: search.value.trim() } : {}),
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      }),
    { limit: 25, failure: 'The list of users could not be read.' },
  )
  const users = computed(() => page.value?.rows ?? [])
  const total = computed(() => page.value?.total ?? 0)
  const loaded = computed(() => page.value !== null)

  // A change may move the user to another page of the sorted list: the page is read again.
  async function changed(user: UserSummary): Promise<UserSummary> {
    await load()
    return user
  }

  async function create(input: { username: string; displayName: string; role: Role; password: string }) {
    return changed(await call('users.create', input))
  }

  async function update(id: number, displayName: string, role: Role) {
    return changed(await call('users.update', { id, displayName, role }))
  }

  async function setDisabled(id: number, disabled: boolean) {
    return changed(await call('users.setDisabled', { id, disabled }))
  }

  async function resetPassword(id: number, newPassword: string) {
    return changed(await call('users.resetPassword', { id, newPassword }))
  }

  return { users, total, loading, loaded, error, search, paging, load, filter, create, update, setDisabled, resetPassword }
}
