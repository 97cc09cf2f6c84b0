import { AppError } from '../api/app-error'

/** A file picked in the window arrives as base64: anything else is refused before it is used. */
export function decodeBase64File(base64: string, field = 'fileBase64'): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('validation', 'That file could not be read. Please choose it again.', field)
  return Buffer.from(base64, 'base64')
}
