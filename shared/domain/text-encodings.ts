/**
 * The encodings a CSV file is read in. Excel's "CSV UTF-8" writes UTF-8 with a byte order
 * mark, its "CSV (comma delimited)" writes Windows-1252 (so Zoë's ë is the single byte 0xEB),
 * and "Unicode Text" writes UTF-16 little-endian with a byte order mark.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number]

/** How a file was read, in words for the preview and the command line. */
export const TEXT_ENCODING_LABELS: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8 (Excel’s “CSV UTF-8”)',
  'utf-16le': 'UTF-16 (Excel’s “Unicode Text”)',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252 (Excel’s “CSV (comma delimited)”)',
}
