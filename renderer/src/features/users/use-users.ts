import { reactive, ref } from 'vue'
import type { USER_SORT_KEYS } from '@shared/api/contract'
import type { Role } from '@shared/domain/roles'
import type { UserSummary } from '@shared/domain/users'
import { call, messageOf } from '@/api'
import type { TableSort } from '@/lib/table-options'

/** A page of the users list, sorted by the core, and the changes the business manager makes to it. */
export function useUsers() {
  const users = ref<UserSummary[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  const search = ref('')
  const paging = reactive<{ offset: number; limit: number; sort: TableSort<(typeof USER_SORT_KEYS)[number]> }>({ offset: 0, limit: 25, sort: null })
  // Only the latest request may fill the table: typing fast sends several.
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const page = await call('users.list', {
        ...(search.value?.trim() ? { text: search.value.trim() } : {}),
        ...(paging.sort ? { sort: paging.sort } : {}),
        offset: paging.offset,
        limit: paging.limit,
      })
      if (ticket !== latest) return
      users.value = page.rows
      total.value = page.total
      loaded.value = true
      error.value = null
    } catch (err) {
      if (ticket === latest) error.value = messageOf(err, 'The list of users could not be read.')
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function filter(): Promise<void> {
    paging.offset = 0
    return load()
  }

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
