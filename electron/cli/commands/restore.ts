import { resolve } from 'node:path'
import { restoreOntoNewComputer, type BackupUnlock } from '../../core/backup/restore-new-computer'
import { holdsRegister } from '../../core/store/paths'
import type { Runner } from '../args'
import { dataDirFrom } from '../data-dir'
import type { restore } from '../commands'
import { UsageError } from '../errors'
import { say, when } from '../output'
import { readSecret } from '../secrets'
import { call, withSignedIn } from '../session'


/** Restores over this school’s register through the core, or rebuilds one from the backup alone in an empty folder. */
export const run: Runner<typeof restore> = async (v) => {
  const dataDir = dataDirFrom(v['data-dir'])
  const file = resolve(v.from)
  if (v['password-stdin'] && v['recovery-key-stdin']) {
    throw new UsageError('Give either --password-stdin or --recovery-key-stdin, not both: each reads the first line of standard input.', 'restore')
  }

  if (holdsRegister(dataDir)) {
    if (v['recovery-key-stdin']) {
      throw new UsageError(
        'This folder already holds a register: sign in with --username and your password to restore over it. ' +
          'The recovery key is for restoring into an empty folder: to go back to a backup made before the last key change, ' +
          'restore it into a new, empty folder, then (with the app closed) put that folder in place of this one.',
        'restore',
      )
    }
    if (!v.username) throw new UsageError('This folder already holds a register: restore needs --username U (a business manager) to sign in.', 'restore')
    return withSignedIn({ ...v, username: v.username }, async ({ core }) => {
      const check = await call(core, 'backup.inspect', { file })
      say(`The backup of ${check.schoolName} made ${when(check.createdAt)}: ${check.records.users} user(s), ${check.records.auditEntries} audit entries.`)
      const school = await call(core, 'school.get', {})
      const { replacedCopy } = await call(core, 'backup.restore', { file, confirmSchoolName: school.name })
      say(`Restored. The records as they were before are kept in ${replacedCopy}.`)
      return 0
    })
  }

  let unlock: BackupUnlock
  if (v['recovery-key-stdin']) {
    const recoveryKey = await readSecret({ fromStdin: true, prompt: 'Recovery key: ', what: 'recovery key', flag: '--recovery-key-stdin' })
    unlock = { recoveryKey }
  } else {
    if (!v.username) {
      throw new UsageError('The folder is empty: to rebuild the register from the backup, give --username U (and the password), or --recovery-key-stdin.', 'restore')
    }
    const password = await readSecret({
      fromStdin: v['password-stdin'] === true,
      prompt: `Password for ${v.username} when the backup was made: `,
      what: 'password',
      flag: '--password-stdin',
    })
    unlock = { username: v.username, password }
  }
  const r = await restoreOntoNewComputer({ dataDir, file, unlock })
  say(
    `Restored the register of ${r.schoolName} into ${dataDir} from the backup made ${when(r.createdAt)}`,
    `(${r.records.users} user(s), ${r.records.auditEntries} audit entries; the database passed its checks).`,
    r.openedBy
      ? `Sign in as ${r.openedBy.username} with the same password. Everyone else’s password is the one they had when the backup was made.`
      : 'Open the app and choose "Forgotten your password?" with this recovery key to set a new password for the business manager.',
  )
  return 0
}
