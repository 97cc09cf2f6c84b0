import { resolve } from 'node:path'
import { moveDataFolder, MoveRefused } from '../../core/data-folder/move-folder'
import { currentDataFolder } from '../../core/data-folder/location'
import type { Runner } from '../args'
import type { moveData } from '../commands'
import { CliError } from '../errors'
import { megabytes, say } from '../output'
import { withSignedIn } from '../session'

/** Moves the register (signed in as a business manager, then locked) and points this computer's default folder at the new place. */
export const run: Runner<typeof moveData> = async (v) => {
  const to = resolve(v.to)
  const machine = { platform: process.platform, env: process.env }
  const from = await withSignedIn(v, async ({ user, dataDir }) => {
    if (user.role !== 'manager') throw new CliError('Only the school business manager can move the register.')
    return dataDir
  })
  // withSignedIn has locked the register again: the database is closed and whole in register.db.
  try {
    const result = await moveDataFolder(from, to, { machine })
    const pointed = currentDataFolder(machine).dataDir === result.dataDir
    say(
      `Moved ${result.files} files (${megabytes(result.bytes)}) from ${from} to ${result.dataDir}; every copy matches the original.`,
      pointed
        ? 'The app on this computer opens the register there from now on (and so does this tool without --data-dir).'
        : `This computer’s app still opens ${currentDataFolder(machine).dataDir}: give --data-dir ${result.dataDir} to reach the moved register.`,
      result.retiredCopy ? `The old files are in ${result.retiredCopy} until the next sign-in, then removed.` : 'The old files could not be put aside: remove them by hand.',
    )
    return 0
  } catch (err) {
    if (err instanceof MoveRefused) throw new CliError(err.message)
    throw err
  }
}
