import { basename } from 'node:path'

/**
 * Characters that must not reach a file name: control and format characters (which include the
 * right-to-left override U+202E that makes "gnp.exe" look like "exe.png", the other bidi marks
 * and isolates, and zero-width characters), line and paragraph separators, and what Windows
 * refuses in a name.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]/gu

/**
 * Names Windows keeps for devices, with or without an extension: "CON.txt" opens the console,
 * not a file. COM and LPT with ¹ ² ³ are reserved too.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** Only the name: what follows the last / or \ (a browser may send a whole path). */
function lastPart(name: string): string {
  return basename(name.replace(/\\/g, '/'))
}

/** Unsafe characters replaced by "_", runs of spaces made one, no dots or spaces at either end. */
function cleaned(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
}

/** Windows reads the part before the first dot (trailing spaces ignored) as the device name. */
function notReserved(name: string): string {
  const device = name.split('.')[0]!.trimEnd()
  return RESERVED.test(device) ? `_${name}` : name
}

/** A file name that is only a name: no folders, no unsafe characters, no device name, never empty. */
export function safeFileName(name: string, fallback = 'file'): string {
  const safe = cleaned(lastPart(name)).slice(0, 150).replace(/[.\s]+$/, '')
  return safe ? notReserved(safe) : fallback
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
  return `${notReserved(stem || fallback)}.${extension}`
}

/**
 * A name as it can be shown: every unsafe character made visible by its code ("<U+202E>"), so
 * the name the sender chose is kept as evidence without deceiving whoever reads it.
 */
export function visibleName(name: string): string {
  return name.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
}
