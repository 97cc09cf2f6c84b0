import { z } from 'zod'
import { baseName, extensionOf, safeFileName } from '../domain/file-names'
import { localPath } from './fields'

/**
 * Why `path` is not a file the app may save a copy to, in words the user can act on; null when
 * it is. `ext` is the extension the copy must keep ('' for a file with none); `what` says why,
 * for example "A signed report is a PDF document".
 */
export function chosenFileProblem(path: string, ext: string, what = 'This copy keeps the type of the file it comes from'): string | null {
  const name = baseName(path)
  if (!name) return 'Give the file a name, not only a folder.'
  if (safeFileName(name) !== name) return 'That file name is too long or has characters Windows does not allow in a name (such as : * ? " < > |). Choose another name.'
  if (extensionOf(name) === ext) return null
  return ext ? `${what}, so its name must end in .${ext}. Save it again with a name that ends in .${ext}.` : `${what}, which has no extension: save it again with a name that has no extension.`
}

/**
 * A file chosen in the Save window, as the core receives it: a whole path whose name Windows
 * accepts and, when `ext` is given, ends in that extension. The window's word is never taken for
 * it. (Copies of stored files keep the stored file's own extension: the core checks that with
 * chosenFileProblem once it has read the record.)
 */
export function chosenFile(ext?: string, what?: string) {
  return localPath.superRefine((path, ctx) => {
    const problem = chosenFileProblem(path, ext ?? extensionOf(path), what)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
}

/** Set only when the Save window asked "replace it?" and the user said yes; the shell checks that it did. */
export const replaceChosen = z.boolean().default(false)
