// File names of the copies the app saves (reports, evidence, policy documents, the calendar):
// made the same way in the core (which writes them) and the window (which suggests them in the
// Save window). No Node here: the renderer uses these too.

const MAX_NAME = 150

/** The last part of a path, whichever separator the computer uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? ''
}

/** The extension of a file name or path, lower case and without its dot; '' when it has none. */
export function extensionOf(path: string): string {
  const base = baseName(path)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/**
 * A file name that is only a name: no folders, no characters Windows refuses, no leading or
 * trailing dots and spaces, never empty. A long name is shortened before its extension, so the
 * copy keeps its type.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned =
    baseName(name)
      .normalize('NFC')
      // "Title: subtitle" reads as "Title - subtitle" in a file name, as Windows users write it.
      .replace(/:\s+/g, ' - ')
      .replace(UNSAFE_IN_NAME, '_')
      .replace(/^[.\s]+|[.\s]+$/g, '') || fallback
  if (cleaned.length <= MAX_NAME) return notADevice(cleaned)
  const ext = extensionOf(cleaned)
  const tail = ext && ext.length < 20 ? `.${cleaned.slice(-ext.length)}` : ''
  return notADevice(cleaned.slice(0, MAX_NAME - tail.length).replace(/[.\s]+$/, '') + tail)
}

/**
 * What must not reach a file name: control and format characters (among them the right-to-left
 * override U+202E that makes "gnp.exe" look like "exe.png", the other bidi marks and zero-width
 * characters), line and paragraph separators, and what Windows refuses in a name.
 */
export const UNSAFE_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]/gu

/**
 * Windows keeps some names for devices, with or without an extension ("CON.txt" is the console,
 * not a file; COM and LPT with ¹ ² ³ too): such a name gets a leading "_".
 */
export function notADevice(name: string): string {
  const device = name.split('.')[0]!.trimEnd()
  return /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(device) ? `_${name}` : name
}

/** The name a copy of a policy document is saved under: its own name with the version in brackets. */
export function policyDocumentCopyName(fileName: string, versionLabel: string): string {
  const ext = extensionOf(fileName)
  const stem = ext ? fileName.slice(0, -(ext.length + 1)) : fileName
  // A label such as "2025/26" is part of the name, not a folder.
  const label = versionLabel.replace(/[\\/]/g, '-')
  return safeFileName(`${stem} (${label})${ext ? fileName.slice(-(ext.length + 1)) : ''}`, 'policy document')
}

/** The calendar file's name, dated with the day it was made (YYYY-MM-DD). */
export function calendarFileName(today: string): string {
  return `Online safety calendar ${today}.ics`
}

/** What the Save window's "Save as type" list calls each kind of file the app saves. */
const TYPE_NAMES: Record<string, string> = {
  pdf: 'PDF document',
  ics: 'iCalendar file (Outlook)',
  csv: 'CSV (comma delimited)',
  txt: 'Text document',
  doc: 'Word 97-2003 document',
  docx: 'Word document',
  odt: 'OpenDocument text',
  rtf: 'Rich Text Format',
  xls: 'Excel 97-2003 workbook',
  xlsx: 'Excel workbook',
  png: 'PNG image',
  jpg: 'JPEG image',
  jpeg: 'JPEG image',
  gif: 'GIF image',
  webp: 'WebP image',
  heic: 'HEIC image',
  mp4: 'MP4 video',
  mp3: 'MP3 audio',
  eml: 'E-mail message',
  msg: 'Outlook message',
  html: 'Web page',
  htm: 'Web page',
  zip: 'Compressed (zipped) folder',
  cer: 'Security certificate',
}

/**
 * The one "Save as type" entry for a file: its own type, so the copy keeps it (the core refuses
 * any other). A name with no extension gets the "all files" pattern.
 */
export function saveAsFilter(fileName: string): { name: string; extensions: string[] } {
  const ext = extensionOf(fileName)
  if (!ext) return { name: 'File', extensions: ['*'] }
  return { name: TYPE_NAMES[ext] ?? `${ext.toUpperCase()} file`, extensions: [ext] }
}
