import { existsSync, mkdirSync } from 'node:fs'
import { join, parse } from 'node:path'
import { AppError } from '../api/app-error'
import { writeDurably } from '../vault/vault-file'
import { requireWholePath } from './local-path'
import { safeFileName } from './safe-name'

/**
 * Why a file could not be saved where the user asked, in words they can act on. These are the
 * user's choice of place, so they are conflicts to resolve, not faults inside the app.
 */
export function saveError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: string }).code ?? ''
  if (code === 'ENOSPC') return new AppError('conflict', 'The file could not be saved because the disk or USB stick is full. Nothing else was changed. Free some space or choose another place.')
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('conflict', 'The file could not be saved there: the folder is read-only or you do not have permission. Choose another folder.')
  if (code === 'EEXIST' || code === 'ENOTDIR') return new AppError('conflict', 'That is a file, not a folder. Choose the folder to save into.')
  if (code === 'ENOENT') return new AppError('not-found', 'That folder does not exist. Check the path (and that the USB stick is plugged in).')
  return new AppError('internal', 'The file could not be saved. Nothing else was changed. Please try again, or choose another place.')
}

/** Writes bytes into a folder under a new name ("name (2).pdf" when taken), never over a file; returns its path. */
export function saveNewFile(dir: string, fileName: string, bytes: Buffer): string {
  requireWholePath(dir, 'folder')
  try {
    mkdirSync(dir, { recursive: true })
    const safe = safeFileName(fileName)
    const { name, ext } = parse(safe)
    let file = join(dir, safe)
    for (let n = 2; existsSync(file); n++) file = join(dir, `${name} (${n})${ext}`)
    writeDurably(file, bytes)
    return file
  } catch (err) {
    throw saveError(err)
  }
}
