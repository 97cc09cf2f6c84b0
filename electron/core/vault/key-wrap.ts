import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
  scryptSync,
  type KeyObject,
} from 'node:crypto'
import type { KdfParams, Sealed, Wrapped } from './vault-format'

export const KEY_BYTES = 32

/** Thrown when a wrapped key does not open: the secret was wrong (or the slot was altered). */
export class WrongSecretError extends Error {
  constructor() {
    super('wrong secret')
    this.name = 'WrongSecretError'
  }
}

/** scrypt's memory need is 128·N·r bytes; allow that plus headroom. */
function maxmem(kdf: Pick<KdfParams, 'N' | 'r'>): number {
  return 256 * kdf.N * kdf.r + 16 * 1024 * 1024
}

/** The key-encryption key: scrypt(secret as UTF-8 NFC, salt, 32, {N, r, p}). Runs off the main thread. */
export function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  const input = Buffer.from(secret.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(input, Buffer.from(kdf.salt, 'base64'), KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: maxmem(kdf) }, (err, key) => {
      input.fill(0)
      if (err) reject(err)
      else resolve(key)
    })
  })
}

export function newKdf(cost: { N: number; r: number; p: number }): KdfParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64') }
}

const SCRYPT_BUDGET_MS = 350
let calibrated: { N: number; r: number; p: number } | null = null

/**
 * OWASP's minimum for scrypt (r=8, p=1). A stolen vault.json can be attacked offline with any
 * hardware, so a slow PC must not make every slot cheaper to guess: below this floor the app
 * accepts a slower sign-in instead (`npm run bench` measures it).
 */
export const SCRYPT_MIN_N = 1 << 17

/**
 * The scrypt cost for new slots: the largest power-of-two N whose scrypt takes at most ~0.35 s
 * here (with opening the database, a sign-in then stays under half a second), never below
 * SCRYPT_MIN_N. Measured once per process.
 */
export function calibrateScrypt(): { N: number; r: number; p: number } {
  if (calibrated) return calibrated
  const r = 8
  const p = 1
  let N = 1 << 14
  const started = process.hrtime.bigint()
  scryptSync('calibration', 'salt', KEY_BYTES, { N, r, p, maxmem: maxmem({ N, r }) })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  // Time grows linearly with N: double while the next step stays under 0.5 s.
  let estimate = ms
  while (estimate * 2 <= SCRYPT_BUDGET_MS && N < 1 << 20) {
    N *= 2
    estimate *= 2
  }
  calibrated = { N: Math.max(N, SCRYPT_MIN_N), r, p }
  return calibrated
}

export function wrapKey(kek: Buffer, plaintext: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  }
}

export function unwrapKey(kek: Buffer, wrapped: Wrapped, aad: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'))
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()])
  } catch {
    throw new WrongSecretError()
  }
}

/** An X25519 key pair for sealing a new database key to a user without knowing their password. */
export function newBoxKeyPair(): { publicKey: string; privateKeyDer: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519')
  return {
    publicKey: rawPublic(publicKey).toString('base64'),
    privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  }
}

export function seal(recipientPublic: string, plaintext: Buffer, aad: string): Sealed {
  const recipient = publicFromRaw(Buffer.from(recipientPublic, 'base64'))
  const eph = generateKeyPairSync('x25519')
  const epk = rawPublic(eph.publicKey)
  const key = sealKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), epk, recipientPublic)
  const w = wrapKey(key, plaintext, aad)
  key.fill(0)
  return { alg: 'X25519-HKDF-SHA256-A256GCM', epk: epk.toString('base64'), iv: w.iv, tag: w.tag, ciphertext: w.ciphertext }
}

export function openSealed(privateKeyDer: Buffer, recipientPublic: string, sealed: Sealed, aad: string): Buffer {
  const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })
  const epk = Buffer.from(sealed.epk, 'base64')
  const key = sealKey(diffieHellman({ privateKey, publicKey: publicFromRaw(epk) }), epk, recipientPublic)
  try {
    return unwrapKey(key, { alg: 'A256GCM', iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext }, aad)
  } finally {
    key.fill(0)
  }
}

function sealKey(shared: Buffer, epk: Buffer, recipientPublic: string): Buffer {
  const salt = Buffer.concat([epk, Buffer.from(recipientPublic, 'base64')])
  const key = Buffer.from(hkdfSync('sha256', shared, salt, 'online-safety-register/vault-seal', KEY_BYTES))
  shared.fill(0)
  return key
}

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' })
  return Buffer.from(jwk.x ?? '', 'base64url')
}

function publicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' })
}
