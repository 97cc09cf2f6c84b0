import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkSignatures, newSigningKey, privateKeyObject, signatureHolds, signBytes } from '../../electron/core/signing/signing-key'

/** Signatures checked ahead on the thread pool give the same answers as checking each one. */
describe('checkSignatures', () => {
  it('finds every good signature good and every bad one bad, as signatureHolds alone does', async () => {
    const alice = newSigningKey()
    const bob = newSigningKey()
    const sign = privateKeyObject(alice)
    const items = Array.from({ length: 600 }, (_, i) => {
      const bytes = createHash('sha256').update(`record ${i}`).digest()
      const signature = signBytes(sign, bytes)
      // Every third is wrong in a different way: another key, another message, a damaged or unreadable signature.
      switch (i % 9) {
        case 3:
          return { publicKey: bob.publicKey, bytes, signature, good: false }
        case 6:
          return { publicKey: alice.publicKey, bytes: createHash('sha256').update(`other ${i}`).digest(), signature, good: false }
        case 0:
          return { publicKey: alice.publicKey, bytes, signature: Buffer.from(Buffer.from(signature, 'base64').map((b, k) => (k === 5 ? b ^ 1 : b))).toString('base64'), good: false }
        case 8:
          return { publicKey: 'not a key', bytes, signature, good: false }
        default:
          return { publicKey: alice.publicKey, bytes, signature, good: true }
      }
    })
    const alone = items.map((i) => signatureHolds(i.publicKey, i.bytes, i.signature))
    expect(alone).toEqual(items.map((i) => i.good))
    await checkSignatures(items)
    expect(items.map((i) => signatureHolds(i.publicKey, i.bytes, i.signature))).toEqual(items.map((i) => i.good))
    // An answer is kept under the exact bytes: the same signature over other bytes is checked afresh.
    const good = items.find((i) => i.good)!
    expect(signatureHolds(good.publicKey, createHash('sha256').update('changed').digest(), good.signature)).toBe(false)
  })
})
