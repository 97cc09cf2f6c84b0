import { ROLE_LABELS } from '../../../shared/domain/roles'
import type { Runner } from '../args'
import type { users } from '../commands'
import { say, table, when } from '../output'
import { call, withSignedIn } from '../session'


/** Lists the users as a table. */
export const run: Runner<typeof users> = async (v) => {
  return withSignedIn(v, async ({ core }) => {
    // The default page (500) holds every user a school has.
    const list = (await call(core, 'users.list', {})).rows
    say(
      table(
        ['ID', 'USERNAME', 'NAME', 'ROLE', 'STATUS', 'LAST SIGN-IN'],
        list.map((u) => [
          String(u.id),
          u.username,
          u.displayName,
          ROLE_LABELS[u.role],
          u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active',
          when(u.lastSignInAt),
        ]),
      ),
      `${list.length} user(s).`,
    )
    return 0
  })
}
