import type { USER_SORT_KEYS } from '../../../shared/api/contract'
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles'
import type { UserPage, UserSummary } from '../../../shared/domain/users'
import { AppError, conflict, notFound } from '../api/app-error'
import { checkNewPassword } from '../auth/password-policy'
import type { RegisterStore } from '../store/register-store'
import type { UserRow } from './tables'

function toSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    mustChangePassword: !!row.must_change_password,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  }
}

async function getUser(store: RegisterStore, id: number): Promise<UserRow> {
  const row = await store.requireOpen().db('users').where({ id }).first()
  if (!row) throw notFound('That user no longer exists. Refresh the list and try again.')
  return row
}

/** The register must always keep one enabled business manager, or nobody could manage it. */
async function refuseLosingLastManager(store: RegisterStore, user: UserRow, change: string): Promise<void> {
  if (user.role !== 'manager' || user.disabled_at) return
  const [row] = (await store.requireOpen().db('users').where({ role: 'manager' }).whereNull('disabled_at').count({ n: '*' })) as { n: number }[]
  if (Number(row?.n) <= 1) {
    throw conflict(`${user.display_name} is the only business manager, so they cannot be ${change}. Add another business manager first.`)
  }
}

/** Roles in the order of the words the list shows for them. */
const BY_ROLE_WORDS = [...ROLES].sort((a, b) => ROLE_LABELS[a].localeCompare(ROLE_LABELS[b], 'en-GB'))

// A chosen column first, then the list's own order. A user who never signed in comes after every date.
const USER_SORT_SQL: Record<(typeof USER_SORT_KEYS)[number], string> = {
  name: 'display_name COLLATE NOCASE {dir}',
  username: 'username COLLATE NOCASE {dir}',
  role: `CASE role ${BY_ROLE_WORDS.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END {dir}`,
  // Active, then waiting to choose a password, then disabled: the order the screen's words read.
  status: 'CASE WHEN disabled_at IS NOT NULL THEN 2 WHEN must_change_password = 1 THEN 1 ELSE 0 END {dir}',
  lastSignInAt: 'last_sign_in_at IS NULL, last_sign_in_at {dir}',
}

/** A page of the users: those who can sign in first, by name, unless sorted by a column. */
export async function listUsers(
  store: RegisterStore,
  query: { text?: string | undefined; sort?: { key: (typeof USER_SORT_KEYS)[number]; order: 'asc' | 'desc' } | undefined; offset: number; limit: number },
): Promise<UserPage> {
  const { db } = store.requireOpen()
  const like = query.text ? `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const matching = () => db('users').modify((q) => void (like && q.where((w) => void w.whereRaw("display_name LIKE ? ESCAPE '\\'", [like]).orWhereRaw("username LIKE ? ESCAPE '\\'", [like]))))
  const [{ n }] = (await matching().count({ n: '*' })) as [{ n: number }]
  const ordered = matching().select('*')
  if (query.sort) void ordered.orderByRaw(USER_SORT_SQL[query.sort.key].replaceAll('{dir}', query.sort.order === 'desc' ? 'DESC' : 'ASC'))
  const rows = await ordered
    .orderBy([{ column: 'disabled_at', order: 'asc', nulls: 'first' }, 'display_name', 'id'])
    .offset(query.offset)
    .limit(query.limit)
  return { rows: rows.map(toSummary), total: Number(n) }
}

export async function createUser(
  store: RegisterStore,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<UserSummary> {
  const { db, session } = store.requireOpen()
  const taken = await db('users').whereRaw('username = ? COLLATE NOCASE', [input.username]).first()
  if (taken) throw new AppError('validation', `The username “${input.username}” is already in use. Choose another.`, 'username')
  checkNewPassword(input.password, [input.username, input.displayName], 'password')

  const at = new Date().toISOString()
  // The entry names the new user, so the trail vouches for each user's role (audit/chained-facts.ts):
  // the id is known only inside the transaction, before the entry is written at its end.
  const event = { action: 'user.create', target: null as string | null, detail: `role ${input.role}` }
  const id = await store.change(event, async (trx) => {
    const [newId] = await trx('users').insert({
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      must_change_password: 1,
      created_at: at,
      created_by: session.userId,
      password_changed_at: at,
    })
    event.target = `user:${Number(newId)}`
    return Number(newId)
  })
  // The database row comes first: if the key slot cannot be written (or the app stops first),
  // the user exists without a password, and "Reset password" finishes the job. Say so plainly.
  try {
    await store.setUserPassword({ id, username: input.username, role: input.role }, input.password)
  } catch {
    throw conflict(
      `${input.displayName} was added, but their password could not be saved because the register’s folder could not be written ` +
        '(the disk may be full or read-only). Once that is fixed, use “Reset password” to give them one.',
    )
  }
  return toSummary(await getUser(store, id))
}

export async function updateUser(store: RegisterStore, input: { id: number; displayName: string; role: Role }): Promise<UserSummary> {
  const user = await getUser(store, input.id)
  if (user.role !== input.role) await refuseLosingLastManager(store, user, 'given another role')
  await store.change({ action: 'user.update', target: `user:${user.id}`, detail: user.role !== input.role ? `role ${user.role} → ${input.role}` : 'name' }, (trx) =>
    trx('users').where({ id: user.id }).update({ display_name: input.displayName, role: input.role }),
  )
  // The keys follow the role the business manager gives (saving again gives back a key that is missing).
  if (!user.disabled_at) await store.giveRoleKeys({ id: user.id, role: input.role })
  if (store.session?.userId === user.id) store.refreshSessionFlags(!!user.must_change_password, input.displayName, input.role)
  return toSummary(await getUser(store, user.id))
}

export async function setUserDisabled(store: RegisterStore, input: { id: number; disabled: boolean }): Promise<UserSummary> {
  const user = await getUser(store, input.id)
  if (input.disabled) {
    if (store.session?.userId === user.id) throw conflict('You cannot disable your own account while you are using it.')
    await refuseLosingLastManager(store, user, 'disabled')
    if (user.disabled_at) return toSummary(user)
    await store.change({ action: 'user.disable', target: `user:${user.id}` }, (trx) =>
      trx('users').where({ id: user.id }).update({ disabled_at: new Date().toISOString() }),
    )
    await store.disableUserSlot(user)
  } else {
    if (!user.disabled_at) return toSummary(user)
    // Their old password was removed with their key slot: they need a new one (Reset password).
    await store.change({ action: 'user.enable', target: `user:${user.id}` }, (trx) =>
      trx('users').where({ id: user.id }).update({ disabled_at: null, must_change_password: 1 }),
    )
    store.enableUserSlot(user.id)
  }
  return toSummary(await getUser(store, user.id))
}

export async function resetPassword(store: RegisterStore, input: { id: number; newPassword: string }): Promise<UserSummary> {
  const user = await getUser(store, input.id)
  if (user.disabled_at) throw conflict(`${user.display_name}’s account is disabled. Enable it first, then give them a new password.`)
  checkNewPassword(input.newPassword, [user.username, user.display_name])
  await store.setUserPassword(user, input.newPassword)
  const isSelf = store.session?.userId === user.id
  await store.change({ action: 'user.resetPassword', target: `user:${user.id}` }, (trx) =>
    trx('users').where({ id: user.id }).update({ must_change_password: isSelf ? 0 : 1, password_changed_at: new Date().toISOString() }),
  )
  return toSummary(await getUser(store, user.id))
}

export async function changeOwnPassword(store: RegisterStore, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const { session } = store.requireOpen()
  await store.verifyOwnPassword(input.currentPassword, 'currentPassword')
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation', 'The new password must be different from the current one.', 'newPassword')
  }
  checkNewPassword(input.newPassword, [session.username, session.displayName])
  await store.setUserPassword({ id: session.userId, username: session.username, role: session.role }, input.newPassword)
  await store.change({ action: 'account.changePassword', target: `user:${session.userId}` }, (trx) =>
    trx('users').where({ id: session.userId }).update({ must_change_password: 0, password_changed_at: new Date().toISOString() }),
  )
  store.refreshSessionFlags(false)
}
