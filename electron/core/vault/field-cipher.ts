import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// Field-level encryption inside the database (docs/vault-format.md, "Fields encrypted inside the
// database"): AES-256-GCM with the row and column as additional data, so a value copied to
// another row or column, or changed at all, no longer opens.

const IV_BYTES = 12
const TAG_BYTES = 16
const TEXT_PREFIX = 'e1:'

/** Thrown when an encrypted field does not open: wrong key, or the value was changed or moved. */
export class FieldUnreadableError extends Error {
  constructor() {
    super('encrypted field does not open')
    this.name = 'FieldUnreadableError'
  }
}

/** The additional data of a field: "<table>:<row id>:<column>". */
export function fieldAad(table: string, rowId: number | string, column: string): string {
  return `${table}:${rowId}:${column}`
}

/** iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes). */
export function encryptBytes(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()])
}

export function decryptBytes(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new FieldUnreadableError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()])
  } catch {
    throw new FieldUnreadableError()
  }
}

/** A text column's value: "e1:" + base64(iv ‖ ciphertext ‖ tag) of the UTF-8 text. */
export function encryptText(key: Buffer, aad: string, text: string): string {
  return TEXT_PREFIX + encryptBytes(key, aad, Buffer.from(text, 'utf8')).toString('base64')
}

export function decryptText(key: Buffer, aad: string, value: string): string {
  return decryptTextBytes(key, aad, value).toString('utf8')
}

/** Raw bytes (a key) kept in a text column, in the same "e1:" form. */
export function encryptTextBytes(key: Buffer, aad: string, bytes: Buffer): string {
  return TEXT_PREFIX + encryptBytes(key, aad, bytes).toString('base64')
}

export function decryptTextBytes(key: Buffer, aad: string, value: string): Buffer {
  if (typeof value !== 'string' || !value.startsWith(TEXT_PREFIX)) throw new FieldUnreadableError()
  return decryptBytes(key, aad, Buffer.from(value.slice(TEXT_PREFIX.length), 'base64'))
}
