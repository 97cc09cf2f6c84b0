import type { Role } from '@shared/domain/roles'
import type { UserSummary } from '@shared/domain/users'
import { call } from '@/api'
import { useLoaded } from '@/lib/use-loaded'

/** The users list and the changes the business manager makes to it. */
export function useUsers() {
  const { value: users, loading, loaded, error, load } = useLoaded<UserSummary[]>(
    () => call('users.list', {}),
    [],
    'The list of users could not be read.',
  )

  function put(user: UserSummary): UserSummary {
    const i = users.value.findIndex((u) => u.id === user.id)
    if (i === -1) users.value = [...users.value, user]
    else users.value = users.value.map((u) => (u.id === user.id ? user : u))
    return user
  }

  async function create(input: { username: string; displayName: string; role: Role; password: string }) {
    return put(await call('users.create', input))
  }

  async function update(id: number, displayName: string, role: Role) {
    return put(await call('users.update', { id, displayName, role }))
  }

  async function setDisabled(id: number, disabled: boolean) {
    return put(await call('users.setDisabled', { id, disabled }))
  }

  async function resetPassword(id: number, newPassword: string) {
    return put(await call('users.resetPassword', { id, newPassword }))
  }

  return { users, loading, loaded, error, load, create, update, setDisabled, resetPassword }
}
