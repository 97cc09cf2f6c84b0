import { isAbsolute } from 'node:path'
import { AppError } from '../api/app-error'

/**
 * A folder or file the user named must be a whole path on this computer. The contract checks the
 * shape for every system; this checks it for the one the app runs on ("C:\Reports" is not a whole
 * path on Linux): a relative path would land wherever the app happens to be running from.
 */
export function requireWholePath(path: string, field: string): string {
  if (!isAbsolute(path)) throw new AppError('validation', 'Give the whole path, from the drive or the top folder (for example D:\\Reports).', field)
  return path
}
