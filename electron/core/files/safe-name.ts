import { basename } from 'node:path'
import { notADevice, UNSAFE_IN_NAME } from '../../../shared/domain/file-names'

/** Only the name: what follows the last / or \ (a browser may send a whole path). */
function lastPart(name: string): string {
  return basename(name.replace(/\\/g, '/'))
}

/** Unsafe characters replaced by "_", runs of spaces made one, no dots or spaces at either end. */
function cleaned(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNSAFE_IN_NAME, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
}

/**
 * The name a file from outside is kept and saved under: the name it came with, without its
 * extension, with any other dots made "_" (so "invoice.pdf.lnk" cannot show as "invoice.pdf"
 * where Windows hides extensions), made safe, then the extension of what its content really is.
 */
export function outsideFileName(original: string, extension: string, fallback = 'evidence'): string {
  const name = cleaned(lastPart(original))
  const dot = name.lastIndexOf('.')
  const stem = cleaned((dot > 0 ? name.slice(0, dot) : name).replace(/\./g, '_').slice(0, 100))
  return `${notADevice(stem || fallback)}.${extension}`
}

/**
 * A name as it can be shown: every unsafe character made visible by its code ("<U+202E>"), so
 * the name the sender chose is kept as evidence without deceiving whoever reads it.
 */
export function visibleName(name: string): string {
  return name.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
}
