import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { calibrateScrypt, deriveKek, newBoxKeyPair, newKdf, openSealed, seal, unwrapKey, wrapKey, SCRYPT_MIN_N, WrongSecretError } from '../../electron/core/vault/key-wrap'
import { canonicalRecoveryKey, newRecoveryKey } from '../../electron/core/vault/recovery-key'
import { createVault, findUserSlot, openRecoverySlot, openUserSlot } from '../../electron/core/vault/vault'
import { vaultSchema } from '../../electron/core/vault/vault-format'

const cost = { N: 1 << 10, r: 8, p: 1 }

describe('key wrapping', () => {
  it('unwraps with the right key and additional data only', () => {
    const kek = randomBytes(32)
    const secret = randomBytes(32)
    const w = wrapKey(kek, secret, 'user-1')
    expect(unwrapKey(kek, w, 'user-1').equals(secret)).toBe(true)
    expect(() => unwrapKey(randomBytes(32), w, 'user-1')).toThrow(WrongSecretError)
    // The slot id binds the wrap to its slot: moved to another slot, it does not open.
    expect(() => unwrapKey(kek, w, 'user-2')).toThrow(WrongSecretError)
  })

  it('derives the same key for the same password however its accents were typed (NFC)', async () => {
    const kdf = newKdf(cost)
    const composed = await deriveKek('Siân’s café', kdf)
    const decomposed = await deriveKek('Sia\u0302n’s cafe\u0301', kdf)
    expect(composed.equals(decomposed)).toBe(true)
    expect((await deriveKek('Sian’s cafe', kdf)).equals(composed)).toBe(false)
  })

  it('seals to a box key that only its private key opens', () => {
    const box = newBoxKeyPair()
    const other = newBoxKeyPair()
    const secret = randomBytes(32)
    const sealed = seal(box.publicKey, secret, 'user-9')
    expect(openSealed(box.privateKeyDer, box.publicKey, sealed, 'user-9').equals(secret)).toBe(true)
    expect(() => openSealed(other.privateKeyDer, other.publicKey, sealed, 'user-9')).toThrow(WrongSecretError)
  })

  it('calibrates scrypt to a power of two, never below OWASP’s minimum of 2^17', () => {
    const c = calibrateScrypt()
    expect(SCRYPT_MIN_N).toBe(1 << 17)
    expect(c.N).toBeGreaterThanOrEqual(1 << 17)
    expect(Math.log2(c.N) % 1).toBe(0)
    expect(c).toMatchObject({ r: 8, p: 1 })
  })
})

describe('recovery key', () => {
  it('is eight groups of four Crockford characters, and reads back however it is typed', () => {
    const key = newRecoveryKey()
    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/)
    const canonical = canonicalRecoveryKey(key)
    expect(canonicalRecoveryKey(key.toLowerCase().replace(/-/g, ' '))).toBe(canonical)
    // O for 0 and l/I for 1 are the usual misreadings of a printed sheet.
    expect(canonicalRecoveryKey('0000-1111-0000-1111-0000-1111-0000-1111')).toBe(canonicalRecoveryKey('oooo-llll-OOOO-iiii-0000-1111-0000-1111'))
    expect(canonicalRecoveryKey('too short')).toBeNull()
  })
})

describe('a new vault', () => {
  it('opens with the manager’s password or the recovery key, and matches the documented format', async () => {
    const dbKey = randomBytes(32)
    const { data, recoveryKey } = await createVault({ schoolId: 's1', dbKey, manager: { userId: 1, username: 'BManager', password: 'kettle violet harbour jump' }, cost })
    expect(vaultSchema.safeParse(data).success).toBe(true)
    expect(JSON.stringify(data)).not.toMatch(/bmanager/i)
    const search = findUserSlot(data, 'bmanager')
    if (!('found' in search)) throw new Error('slot not found')
    expect((await openUserSlot(search.found, 'kettle violet harbour jump')).dbKey.equals(dbKey)).toBe(true)
    await expect(openUserSlot(search.found, 'kettle violet harbour jumps')).rejects.toThrow(WrongSecretError)
    expect((await openRecoverySlot(data, recoveryKey)).equals(dbKey)).toBe(true)
    expect(findUserSlot(data, 'someone-else')).toEqual({ unknown: true })
  })
})
