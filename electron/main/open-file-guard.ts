import { lstat, open, readFile, realpath } from 'node:fs/promises'
import { dirname, extname } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import { isOpenableType, isPlainText, OPENABLE_TYPES } from '../../shared/domain/evidence-files'

/** Enough for file-type to tell every type it knows; the types that may open need far less. */
const HEAD_BYTES = 64 * 1024
/** The largest text file checked whole (evidence is at most 20 MB). */
const MAX_TEXT_BYTES = 25 * 1024 * 1024

const notOurs = 'The register opens only the copies it saves in its own folder, and this is not one of them. Nothing was opened.'
const notViewable =
  'it is not a picture, a PDF document or plain text, and programs or files the register cannot recognise can harm the computer. ' +
  'If someone needs to look at it, use “Save a copy…” and ask IT support to check the copy before anyone opens it.'
const misnamed =
  'its name does not match what it contains, so Windows might open it with the wrong program. ' +
  'Use “Save a copy…” and ask IT support to check the copy before anyone opens it.'

/**
 * Whether main may hand a file to the computer's own viewer (`shell.openPath`, which runs
 * programs too), decided here by main itself: the core host only asks. The file must be a plain
 * file (not a link) directly in the app's export folder, its content must be a picture, a PDF
 * document or plain text, and its extension must say the same, since Windows picks the program
 * by the extension. Returns the reason in words, or null when it may be opened.
 */
export async function refuseToOpen(file: string, exportDir: string): Promise<string | null> {
  let size: number
  try {
    const stat = await lstat(file)
    if (!stat.isFile()) return notOurs
    size = stat.size
    if ((await realpath(dirname(file))) !== (await realpath(exportDir))) return notOurs
  } catch {
    return notOurs
  }
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
  const handle = await open(file, 'r')
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }
  const extension = extname(file).slice(1).toLowerCase()
  const found = await fileTypeFromBuffer(head)
  let mediaType: string | null = found?.mime ?? null
  if (!found && extension === 'txt' && size <= MAX_TEXT_BYTES && isPlainText(await readFile(file))) mediaType = 'text/plain'
  if (!mediaType || !isOpenableType(mediaType)) return `The register did not open this file: ${notViewable}`
  if (!(OPENABLE_TYPES[mediaType].extensions as readonly string[]).includes(extension)) return `The register did not open this file: ${misnamed}`
  return null
}
