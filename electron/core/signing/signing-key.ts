import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'

/**
 * Each user's Ed25519 key pair, for signing the records they make (incident log entries).
 * The private half lives only in the user's vault slot, wrapped by their password; the public
 * half is kept in the database (`signing_keys`) and in the slot, so anyone holding the
 * records can check a signature, and nobody without the password can make one.
 */
export interface SigningKey {
  /** PKCS#8 DER of the private key: what the vault slot wraps. */
  privateKeyDer: Buffer
  /** The raw 32-byte public key, base64. */
  publicKey: string
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }), publicKey: rawPublic(publicKey) }
}

export function signingKeyFromDer(privateKeyDer: Buffer): SigningKey {
  const key = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })
  return { privateKeyDer, publicKey: rawPublic(createPublicKey(key)) }
}

/** The private key ready to sign with: made once per sign-in, not once per signature. */
export function privateKeyObject(key: SigningKey): KeyObject {
  return createPrivateKey({ key: key.privateKeyDer, format: 'der', type: 'pkcs8' })
}

/** Signs bytes; returns the signature, base64. */
export function signBytes(privateKey: KeyObject, bytes: Buffer): string {
  return sign(null, bytes, privateKey).toString('base64')
}

/** True when `signature` (base64) is a valid Ed25519 signature of `bytes` by `publicKey` (raw, base64). */
export function signatureHolds(publicKey: string, bytes: Buffer, signature: string): boolean {
  try {
    return verify(null, bytes, publicFromRaw(publicKey), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

function rawPublic(key: KeyObject): string {
  return Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64')
}

/** A school has a few dozen signing keys and checks thousands of records with them: each key is parsed once. */
const publicKeys = new Map<string, KeyObject>()
const PUBLIC_KEYS_KEPT = 1_000

function publicFromRaw(raw: string): KeyObject {
  let key = publicKeys.get(raw)
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' })
    if (publicKeys.size >= PUBLIC_KEYS_KEPT) publicKeys.clear()
    publicKeys.set(raw, key)
  }
  return key
}
