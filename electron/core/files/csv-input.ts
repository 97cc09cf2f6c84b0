import type { TextEncodingName } from '../../../shared/domain/text-encodings'
import { decodeBase64File } from './decode-file'
import { decodeText } from './decode-text'

/**
 * An import's CSV file as text: bytes are decoded here (one rule for the window and the
 * command line); text a caller decoded itself is taken as it is, with no encoding to report.
 */
export function csvText(input: { csv?: string; csvBase64?: string }): { text: string; encoding: TextEncodingName | null } {
  if (input.csvBase64 !== undefined) return decodeText(decodeBase64File(input.csvBase64, 'csvBase64'))
  return { text: (input.csv ?? '').replace(/^\uFEFF/, ''), encoding: null }
}
