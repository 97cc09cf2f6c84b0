import { randomBytes } from 'node:crypto'
import { base32crockford } from '@scure/base'

/**
 * The recovery key: 20 random bytes (160 bits) in Crockford base32 — no I, L, O or U, so it
 * survives being read aloud and typed back — shown as eight groups of four characters.
 */
export function newRecoveryKey(): string {
  return format(base32crockford.encode(randomBytes(20)))
}

/** The canonical form used as the scrypt secret: upper case, separators dropped, look-alikes mapped. */
export function canonicalRecoveryKey(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (!/^[0-9A-HJKMNP-TV-Z]{32}$/.test(compact)) return null
  return compact
}

function format(compact: string): string {
  return compact.match(/.{4}/g)!.join('-')
}
