import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { calibrateScrypt, deriveKek, newBoxKeyPair, newKdf, openSealed, seal, unwrapKey, wrapKey, SCRYPT_MIN_N, WrongSecretError } from '../../electron/core/vault/key-wrap'
import { canonicalRecoveryKey, newRecoveryKey } from '../../electron/core/vault/recovery-key'
import { createVault, findUserSlot, makeUserSlot, openRecoverySlot, openUserSlot, withRoleKeys } from '../../electron/core/vault/vault'
import { KEYS_OF_ROLE, ROLE_KEY_NAMES, type RoleKeys } from '../../electron/core/vault/role-keys'
import { slotDigest } from '../../electron/core/vault/slot-binding'
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
    const roleKeys: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, randomBytes(32)]))
    const { data, recoveryKey } = await createVault({ schoolId: 's1', dbKey, manager: { userId: 1, username: 'BManager', password: 'kettle violet harbour jump' }, roleKeys, cost })
    expect(vaultSchema.safeParse(data).success).toBe(true)
    expect(JSON.stringify(data)).not.toMatch(/bmanager/i)
    const search = findUserSlot(data, 'bmanager')
    if (!('found' in search)) throw new Error('slot not found')
    const opened = await openUserSlot(search.found, 'kettle violet harbour jump')
    expect(opened.dbKey.equals(dbKey)).toBe(true)
    expect([...opened.roleKeys].map(([name, key]) => [name, key.equals(roleKeys.get(name)!)])).toEqual(ROLE_KEY_NAMES.map((name) => [name, true]))
    expect(opened.updated).toBeNull()
    await expect(openUserSlot(search.found, 'kettle violet harbour jumps')).rejects.toThrow(WrongSecretError)
    const recovered = await openRecoverySlot(data, recoveryKey)
    expect(recovered.dbKey.equals(dbKey)).toBe(true)
    expect([...recovered.roleKeys.keys()]).toEqual([...ROLE_KEY_NAMES])
    expect(findUserSlot(data, 'someone-else')).toEqual({ unknown: true })
  })
})

describe('role keys in a slot', () => {
  it('are given by sealing to the slot, taken away by removing them, and one planted by someone else is not used', async () => {
    const dbKey = randomBytes(32)
    const all: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, randomBytes(32)]))
    const slot = await makeUserSlot({ vaultId: 'v1' }, { userId: 4, username: 'office', password: 'desk lamp window orange', dbKey, roleKeys: new Map(), cost })
    expect(slot.keys).toBeUndefined()
    // The manager makes them DSL: safeguarding and ICT are sealed to the slot's box key.
    const given = withRoleKeys(slot, KEYS_OF_ROLE.dsl, all)
    expect(Object.keys(given.sealedKeys ?? {}).sort()).toEqual(['ict', 'safeguarding'])
    expect(slotDigest(given)).toBe(slotDigest(slot))
    const first = await openUserSlot(given, 'desk lamp window orange')
    expect([...first.roleKeys.keys()].sort()).toEqual(['ict', 'safeguarding'])
    expect(first.roleKeys.get('safeguarding')!.equals(all.get('safeguarding')!)).toBe(true)
    // Written back wrapped under the password: no longer sealed.
    const settled = first.updated!
    expect(settled.sealedKeys).toBeUndefined()
    expect(Object.keys(settled.keys ?? {}).sort()).toEqual(['ict', 'safeguarding'])
    expect([...(await openUserSlot(settled, 'desk lamp window orange')).roleKeys.keys()].sort()).toEqual(['ict', 'safeguarding'])
    // Back to reception: the keys are taken out.
    const taken = withRoleKeys(settled, KEYS_OF_ROLE.office, all)
    expect(taken.keys).toBeUndefined()
    expect((await openUserSlot(taken, 'desk lamp window orange')).roleKeys.size).toBe(0)
    // A key wrapped for another slot (its binding in the additional data) does not open in this one.
    const other = await makeUserSlot({ vaultId: 'v1' }, { userId: 5, username: 'dsl', password: 'another long password', dbKey, roleKeys: all, cost })
    const moved = { ...slot, keys: { safeguarding: other.keys!['safeguarding']! } }
    expect((await openUserSlot(moved, 'desk lamp window orange')).roleKeys.size).toBe(0)
  })
})
