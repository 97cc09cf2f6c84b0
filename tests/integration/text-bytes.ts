/**
 * A file's bytes as each of Excel's save options writes them, made byte by byte so a test
 * does not lean on the decoder it is testing.
 */

/** Windows-1252 beyond Latin-1: the characters UK names and notes use. */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 }

/** Excel's "CSV (comma delimited)": one byte a character (Zoë's ë is 0xEB). */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!
      const byte = CP1252_HIGH[ch] ?? (code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : undefined)
      if (byte === undefined) throw new Error(`“${ch}” cannot be written in Windows-1252`)
      return byte
    }),
  )
}

/** Excel's "CSV UTF-8": a byte order mark, then UTF-8. */
export const utf8WithBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])

/** Excel's "Unicode Text": a byte order mark, then UTF-16 little-endian. */
export const utf16leWithBom = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])

/** UTF-16 big-endian with its byte order mark (some older tools). */
export function utf16beWithBom(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le')
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()])
}
