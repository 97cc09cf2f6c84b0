import { fileTypeFromBuffer } from 'file-type'
import { isOpenableType, isPlainText, OPENABLE_TYPES, UNKNOWN_TYPE } from '../../../shared/domain/evidence-files'

export interface FileKind {
  /** What the content is (file-type's media type, "text/plain", or application/octet-stream). */
  mediaType: string
  /** The extension a copy is saved with: the content's own, or "bin" for what must not run. */
  extension: string
}

/**
 * Documents and media that keep their own extension on a saved copy: opened by the programs
 * Windows has for them, none of which runs code from such a file. Programs, shortcuts,
 * installers, scripts, archives and anything unknown are saved as ".bin", which nothing opens.
 */
const KEPT_EXTENSIONS = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'mp4', 'mp3', 'm4a', 'wav', 'heic', 'tif', 'bmp'])

/** A file's type from its content (magic bytes, then the plain text test), never from its name. */
export async function fileKindOf(bytes: Uint8Array): Promise<FileKind> {
  const found = await fileTypeFromBuffer(bytes)
  if (found) {
    if (isOpenableType(found.mime)) return { mediaType: found.mime, extension: OPENABLE_TYPES[found.mime].extensions[0] }
    return { mediaType: found.mime, extension: KEPT_EXTENSIONS.has(found.ext) ? found.ext : 'bin' }
  }
  if (isPlainText(bytes)) return { mediaType: 'text/plain', extension: 'txt' }
  return { mediaType: UNKNOWN_TYPE, extension: 'bin' }
}
