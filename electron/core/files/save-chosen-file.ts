import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { chosenFileProblem } from '../../../shared/api/chosen-file'
import { baseName } from '../../../shared/domain/file-names'
import { AppError } from '../api/app-error'
import { fsyncDir } from '../vault/vault-file'
import { requireWholePath } from './local-path'

/** A file the user chose in the Save window, and whether that window asked to replace it and was told yes. */
export interface ChosenFile {
  file: string
  replace: boolean
}

/**
 * Writes a copy to the file the user chose in the Save window and returns its path. `ext` is the
 * extension that kind of copy must have ('' for none): checked here too, whoever calls.
 *
 * A file already there is replaced only when `replace` is set, which the shell allows only after
 * its Save window asked "replace it?" and the user said yes (shell-handlers.ts,
 * replaceOnlyWhenAsked). Otherwise nothing is written over it and the user is told. A replacement
 * is written beside the old file, flushed, then renamed over it: a failure leaves the old file whole.
 */
export function saveChosenFile(target: ChosenFile, bytes: Buffer, ext: string, what?: string): string {
  const { file, replace } = target
  requireWholePath(file, 'file')
  const problem = chosenFileProblem(file, ext, what)
  if (problem) throw new AppError('validation', problem, 'file')
  try {
    if (replace) replaceFile(file, bytes)
    else writeNewFile(file, bytes)
    return file
  } catch (err) {
    throw chosenFileError(err, baseName(file))
  }
}

/** Creates the file, failing if anything is there already (so a file that appeared since the Save window is never overwritten). */
function writeNewFile(file: string, bytes: Buffer): void {
  const fd = openSync(file, 'wx', 0o600)
  try {
    writeAll(fd, bytes)
  } catch (err) {
    closeSync(fd)
    // Our own half-written file: a partial copy would look like a whole one.
    rmSync(file, { force: true })
    throw err
  }
  closeSync(fd)
}

function replaceFile(file: string, bytes: Buffer): void {
  const part = join(dirname(file), `.${baseName(file)}.${randomBytes(4).toString('hex')}.part`)
  try {
    const fd = openSync(part, 'wx', 0o600)
    try {
      writeAll(fd, bytes)
    } finally {
      closeSync(fd)
    }
    renameSync(part, file)
  } catch (err) {
    rmSync(part, { force: true })
    throw err
  }
  fsyncDir(dirname(file))
}

function writeAll(fd: number, bytes: Buffer): void {
  let off = 0
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off)
  fsyncSync(fd)
}

/** Why the chosen file could not be written, in words the user can act on. Nothing else was changed in any of these. */
function chosenFileError(err: unknown, name: string): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: string }).code ?? ''
  switch (code) {
    case 'EEXIST':
      return new AppError(
        'conflict',
        `There is already a file called “${name}” there, and nothing was saved over it. Save again and choose another name, or answer Yes when the Save window asks whether to replace it.`,
      )
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('not-found', `The folder for “${name}” is not there any more (was a USB stick taken out?). Nothing was saved. Save again and choose the place.`)
    case 'EISDIR':
      return new AppError('conflict', `“${name}” is a folder. Nothing was saved. Save again and give the copy a file name.`)
    case 'ENOSPC':
      return new AppError('conflict', 'The file could not be saved because the disk or USB stick is full. Nothing else was changed. Free some space or choose another place.')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EBUSY':
      return new AppError(
        'conflict',
        `“${name}” could not be saved there: the folder or the file is read-only, you do not have permission, or the file is open in another program. Close it, or save to another place.`,
      )
    default:
      return new AppError('internal', 'The file could not be saved. Nothing else was changed. Please try again, or choose another place.')
  }
}

/** The chosen file from a method's input, if the user chose one (else the copy goes into the export folder). */
export function chosenFrom(input: { file?: string | undefined; replace: boolean }): ChosenFile | undefined {
  return input.file ? { file: input.file, replace: input.replace } : undefined
}
