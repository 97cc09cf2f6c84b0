import { checkDataFolder } from '../../core/data-folder/check-folder'
import type { Runner } from '../args'
import { dataDirFrom } from '../data-dir'
import type { init } from '../commands'
import { CliError } from '../errors'
import { recoveryKeyBlock, say } from '../output'
import { readNewPassword } from '../secrets'
import { call, openCore } from '../session'
import { contract } from '../../../shared/api/contract'
import { describeIssue } from '../../../shared/api/describe-issue'
import { holdsRegister } from '../../core/store/paths'


/** Sets up the school (setup.create) and prints the recovery key. */
export const run: Runner<typeof init> = async (v) => {
  const dataDir = dataDirFrom(v['data-dir'])
  if (holdsRegister(dataDir)) {
    throw new CliError(`${dataDir} already holds a school’s register; set-up runs only once. Use another folder, or sign in to this one.`)
  }
  const place = await checkDataFolder(dataDir, { platform: process.platform, env: process.env })
  if (!place.ok) throw new CliError(place.reason)
  const school = { name: v.school, address: '', urn: v.urn ?? '', dslName: v.dsl ?? '', deputyDslNames: [], onlineSafetyGovernor: '' }
  const manager = { username: v.username, displayName: v['display-name'] }
  // The same rules as set-up itself, checked before anyone is asked to choose a password.
  const early = contract['setup.create'].input.safeParse({ school, manager: { ...manager, password: 'x'.repeat(12) } })
  if (!early.success && early.error.issues[0]) throw new CliError(describeIssue(early.error.issues[0]).message)

  const password = await readNewPassword({ fromStdin: v['password-stdin'] === true, username: v.username })
  const core = openCore(dataDir, v.debug)
  try {
    const { recoveryKey } = await call(core, 'setup.create', { school, manager: { ...manager, password } })
    say(
      `The register for ${v.school.trim()} is set up in ${dataDir}.`,
      `${v['display-name'].trim()} (${v.username.trim()}) is its school business manager.`,
      recoveryKeyBlock(recoveryKey, 'RECOVERY KEY'),
    )
    return 0
  } finally {
    await core.close()
  }
}
