import type { TextEncodingName } from '../../../shared/domain/text-encodings'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

/**
 * UTF-16 saved without a byte order mark: plain text in it has a zero byte in every other
 * position, which no real CSV in UTF-8 or Windows-1252 has. Returns which half holds them.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++
    if (bytes[i + 1] === 0) odd++
  }
  const half = n / 2
  if (odd > half * 0.4 && even < half * 0.05) return 'utf-16le'
  if (even > half * 0.4 && odd < half * 0.05) return 'utf-16be'
  return null
}

/**
 * A text file's bytes as text, in the encoding they were saved in: a byte order mark says
 * UTF-8 or UTF-16; otherwise bytes that are valid UTF-8 are UTF-8 (a Windows-1252 accent
 * such as 0xEB alone never is), and anything else is Windows-1252, what Excel writes by
 * default on a UK Windows PC. Windows-1252 gives every byte a character, so nothing fails:
 * the preview names the encoding it used so a wrong guess shows.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [a, b, c] = bytes
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  const wide = utf16WithoutBom(bytes)
  if (wide) return { text: new TextDecoder(wide).decode(bytes), encoding: wide }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}
