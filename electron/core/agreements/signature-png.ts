import { invalid } from '../api/app-error'

/** A drawn signature is a few kilobytes; far more means something other than a signature. */
export const MAX_SIGNATURE_BYTES = 200 * 1024

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const PREFIX = 'data:image/png;base64,'

/**
 * The bytes of a signature drawn on screen (signature_pad's PNG data URL), refusing anything
 * that is not a PNG of a sensible size: only these bytes are kept, never what the window claims.
 */
export function signatureBytes(dataUrl: string, field: string): Buffer {
  const redo = 'Clear the signature box and ask them to sign again.'
  if (!dataUrl.startsWith(PREFIX)) throw invalid(field, `The signature must be drawn on screen. ${redo}`)
  const base64 = dataUrl.slice(PREFIX.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid(field, `The signature image is damaged. ${redo}`)
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > MAX_SIGNATURE_BYTES) throw invalid(field, `The signature image is too large (at most 200 KB). ${redo}`)
  // The PNG file signature, then the IHDR chunk that every PNG starts with.
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw invalid(field, `The signature is not a PNG image. ${redo}`)
  }
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  if (width === 0 || height === 0 || width > 4000 || height > 4000) throw invalid(field, `The signature image has an unusual size. ${redo}`)
  return bytes
}

export function signatureDataUrl(bytes: Buffer): string {
  return PREFIX + bytes.toString('base64')
}
