import { ROLE_LABELS, type Role } from '../../../../shared/domain/roles'
import type { ReportContext } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukDateTime } from '../../../../shared/dates/uk-format'

export async function usersAndRoles({ db, names }: ReportContext): Promise<ReportBody> {
  const rows = (await db('users').select('display_name', 'username', 'role', 'disabled_at', 'last_sign_in_at', 'created_at').orderBy('display_name')) as {
    display_name: string
    username: string
    role: Role
    disabled_at: string | null
    last_sign_in_at: string | null
    created_at: string
  }[]
  const table = rows.map((r) => [
    names.name(r.display_name),
    names.enabled ? '—' : r.username,
    ROLE_LABELS[r.role],
    r.disabled_at ? `Disabled ${ukDateTime(r.disabled_at)}` : 'Active',
    r.last_sign_in_at ? ukDateTime(r.last_sign_in_at) : 'Never',
    ukDateTime(r.created_at),
  ])
  const active = rows.filter((r) => !r.disabled_at).length
  return {
    content: [
      { text: `${active} active account${active === 1 ? '' : 's'}, ${rows.length - active} disabled. Each role sees only what it needs (drawn from the register’s own records).`, margin: [0, 0, 0, 8] },
      rows.length ? longTable(['Name', 'Username', 'Role', 'Status', 'Last sign-in', 'Added'], ['*', 70, 110, 70, 70, 70], table) : emptyNote('No users.'),
    ],
    rows: table,
    periodFrom: null,
    periodTo: null,
  }
}
