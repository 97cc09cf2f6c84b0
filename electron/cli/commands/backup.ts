import { constants, copyFileSync, existsSync, fsyncSync, linkSync, mkdtempSync, openSync, closeSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { writeError } from '../../core/backup/backup-file'
import { fsyncDir } from '../../core/vault/vault-file'
import type { Runner } from '../args'
import type { backup } from '../commands'
import { CliError } from '../errors'
import { megabytes, say, when } from '../output'
import { call, withSignedIn } from '../session'


/** Backs up through the core into a folder beside the target, then moves the file into place without overwriting. */
export const run: Runner<typeof backup> = async (v) => {
  const target = resolve(v.out)
  refuseExisting(target)
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
    throw new CliError(`The folder ${dirname(target)} does not exist. Check the path (and that the USB stick is plugged in).`)
  }
  return withSignedIn(v, async ({ core }) => {
    const school = await call(core, 'school.get', {})
    // Made beside the target, so moving it into place is a rename on the same disk.
    let staging: string
    try {
      staging = mkdtempSync(join(dirname(target), '.osr-backup-'))
    } catch (err) {
      throw writeError(err)
    }
    try {
      const info = await call(core, 'backup.now', { folder: staging })
      placeWithoutOverwriting(info.file, target)
      say(`Backed up ${school.name} to ${target} (${megabytes(info.sizeBytes)}, made ${when(info.createdAt)}).`)
      return 0
    } finally {
      rmSync(staging, { recursive: true, force: true })
    }
  })
}

function refuseExisting(target: string): void {
  if (!existsSync(target)) return
  if (statSync(target).isDirectory()) {
    throw new CliError(`${target} is a folder. Give the backup a file name inside it, e.g. ${join(target, 'register.osrbackup')}.`)
  }
  throw new CliError(`There is already a file at ${target}. A backup never overwrites a file: choose another name, or move the old file first.`)
}

/** Moves `from` to `to` only if `to` does not exist: a hard link (atomic), or an exclusive copy where links are not supported (FAT USB sticks). */
function placeWithoutOverwriting(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'EEXIST') refuseExisting(to)
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw writeError(err)
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL)
      const fd = openSync(to, 'r+')
      try {
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    } catch (copyErr) {
      if ((copyErr as { code?: string }).code === 'EEXIST') refuseExisting(to)
      rmSync(to, { force: true })
      throw writeError(copyErr)
    }
  }
  unlinkSync(from)
  fsyncDir(dirname(to))
}
