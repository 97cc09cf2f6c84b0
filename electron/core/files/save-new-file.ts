import { existsSync, mkdirSync } from 'node:fs'
import { basename, join, parse } from 'node:path'
import { writeError } from '../backup/backup-file'
import { writeDurably } from '../vault/vault-file'

/** A file name that is only a name: no folders, no characters Windows refuses, never empty. */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '')
  return cleaned.slice(0, 150) || fallback
}

/** Writes bytes into a folder under a new name ("name (2).pdf" when taken), never over a file; returns its path. */
export function saveNewFile(dir: string, fileName: string, bytes: Buffer): string {
  try {
    mkdirSync(dir, { recursive: true })
    const safe = safeFileName(fileName)
    const { name, ext } = parse(safe)
    let file = join(dir, safe)
    for (let n = 2; existsSync(file); n++) file = join(dir, `${name} (${n})${ext}`)
    writeDurably(file, bytes)
    return file
  } catch (err) {
    throw writeError(err)
  }
}
