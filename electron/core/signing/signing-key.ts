import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, webcrypto, type KeyObject } from 'node:crypto'

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
  const known = checked.get(checkedKey(publicKey, bytes, signature))
  if (known !== undefined) return known
  try {
    return verify(null, bytes, publicFromRaw(publicKey), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/**
 * Answers of `checkSignatures`, for `signatureHolds` to give without checking again. Each is kept
 * under the exact public key, bytes and signature it was found for, so it is the same answer a
 * new check would give.
 */
const checked = new Map<string, boolean>()
const CHECKED_KEPT = 200_000
const checkedKey = (publicKey: string, bytes: Buffer, signature: string) => `${publicKey}|${bytes.toString('base64')}|${signature}`
/** Checks in flight at once: enough to keep every thread of Node's pool busy. */
const AT_ONCE = 256

/**
 * Checks many signatures ahead of `signatureHolds`, on Node's thread pool (WebCrypto), so a long
 * report's thousands of records are checked on every core rather than one after another on the
 * thread that reads them (27,000 records took 3 s of one core here).
 */
export async function checkSignatures(items: readonly SignatureToCheck[]): Promise<void> {
  const keys = new Map<string, Promise<webcrypto.CryptoKey | null>>()
  const keyOf = (raw: string) => {
    let key = keys.get(raw)
    if (!key) keys.set(raw, (key = webcrypto.subtle.importKey('raw', Buffer.from(raw, 'base64'), { name: 'Ed25519' }, false, ['verify']).catch(() => null)))
    return key
  }
  const todo = items.filter((i) => !checked.has(checkedKey(i.publicKey, i.bytes, i.signature)))
  if (checked.size + todo.length > CHECKED_KEPT) checked.clear()
  for (let i = 0; i < todo.length; i += AT_ONCE) {
    await Promise.all(
      todo.slice(i, i + AT_ONCE).map(async (item) => {
        const key = await keyOf(item.publicKey)
        const valid = key ? await webcrypto.subtle.verify('Ed25519', key, Buffer.from(item.signature, 'base64'), item.bytes).catch(() => false) : false
        checked.set(checkedKey(item.publicKey, item.bytes, item.signature), valid)
      }),
    )
  }
}

/** One signature to check: the signer's raw public key (base64), the signed bytes, the signature (base64). */
export interface SignatureToCheck {
  publicKey: string
  bytes: Buffer
  signature: string
}

/**
 * Signatures a long report relies on, checked on the thread pool while the report is laid out
 * instead of before it (on the ten-year log, 27,000 checks: seconds). The report is built as if
 * each holds and is issued only when `allHold()` answers true; otherwise it is built again with
 * the answers, which then name the records that failed.
 */
export class SignaturesCheckedMeanwhile {
  private readonly items: SignatureToCheck[] = []
  private readonly running: Promise<void>[] = []

  /** Starts checking these now, without waiting. */
  add(items: readonly SignatureToCheck[]): void {
    this.items.push(...items)
    this.running.push(checkSignatures(items))
  }

  /** Waits for every check; true when every signature added holds. */
  async allHold(): Promise<boolean> {
    await Promise.all(this.running)
    return this.items.every((i) => signatureHolds(i.publicKey, i.bytes, i.signature))
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
