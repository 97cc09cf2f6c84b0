/**
 * Files that come from outside (evidence) are only ever shown, never run. The app opens a copy
 * only if its content (never its name) is one of these: pictures, PDF documents and plain text.
 * The core decides it when a file is kept and again when it is opened; the Electron main process
 * checks the copy once more before handing it to the computer's own viewer.
 */
export const OPENABLE_TYPES = {
  'image/png': { extensions: ['png'], label: 'a PNG picture' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], label: 'a JPEG picture' },
  'image/gif': { extensions: ['gif'], label: 'a GIF picture' },
  'image/webp': { extensions: ['webp'], label: 'a WebP picture' },
  'application/pdf': { extensions: ['pdf'], label: 'a PDF document' },
  'text/plain': { extensions: ['txt'], label: 'plain text' },
} as const satisfies Record<string, { extensions: readonly string[]; label: string }>

export type OpenableType = keyof typeof OPENABLE_TYPES

export function isOpenableType(mediaType: string): mediaType is OpenableType {
  return Object.hasOwn(OPENABLE_TYPES, mediaType)
}

/** The media type of a file that is not recognised and not text. */
export const UNKNOWN_TYPE = 'application/octet-stream'

/** Types a school may well attach, named in words; anything else is named by its media type. */
const OTHER_TYPES: Record<string, string> = {
  'application/x-msdownload': 'a Windows program (.exe or .dll)',
  'application/x-ms-shortcut': 'a Windows shortcut (.lnk)',
  'application/x-msi': 'a Windows installer (.msi)',
  'application/x-ole-storage': 'an old Office file or installer (OLE)',
  'application/x-elf': 'a Linux program',
  'application/x-mach-binary': 'a Mac program',
  'application/java-archive': 'a Java program (.jar)',
  'application/vnd.microsoft.portable-executable': 'a Windows program',
  'application/zip': 'a ZIP archive (it can hold programs)',
  'application/x-rar-compressed': 'a RAR archive (it can hold programs)',
  'application/x-7z-compressed': 'a 7-Zip archive (it can hold programs)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'a Word document (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'an Excel spreadsheet (.xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'a PowerPoint presentation (.pptx)',
  'application/vnd.oasis.opendocument.text': 'an OpenDocument text (.odt)',
  'video/mp4': 'an MP4 video',
  'audio/mpeg': 'an MP3 recording',
  'image/heic': 'a HEIC photo (from an iPhone)',
  'image/tiff': 'a TIFF picture',
  'image/bmp': 'a BMP picture',
  [UNKNOWN_TYPE]: 'a file of a type the register does not recognise',
}

/** The type in plain words, for the window: "a PDF document", "a Windows shortcut (.lnk)". */
export function describeType(mediaType: string): string {
  if (isOpenableType(mediaType)) return OPENABLE_TYPES[mediaType].label
  return OTHER_TYPES[mediaType] ?? `a file of type ${mediaType}, which the register does not open`
}

/**
 * Plain text, by its bytes: UTF-8 (with or without a byte order mark) or UTF-16 with one, or
 * single-byte text such as Windows-1252; no zero bytes and no control characters but tab, line
 * and page breaks. Programs and pictures fail this within their first bytes.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  let text: string
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2))
  else {
    if (bytes.includes(0)) return false
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes)
    }
  }
  // C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL; C1 controls.
  return !/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/.test(text)
}
