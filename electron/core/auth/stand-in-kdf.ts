import { createHash } from 'node:crypto'
import { deriveKek, SCRYPT_MIN_N } from '../vault/key-wrap'
import type { KdfParams, VaultData } from '../vault/vault-format'

/**
 * The scrypt work a name with no slot (unknown, or disabled) is answered with, so that it takes
 * as long as a wrong password for a name that has one: the cost of one of the vault's own user
 * slots, picked by the name (the same name always gets the same one), with a salt made from it.
 */
export function standInKdf(vault: VaultData, username: string): KdfParams {
  const digest = createHash('sha256').update(`${vault.vaultId}:stand-in:${username.trim().toLowerCase()}`).digest()
  const users = vault.slots.filter((s) => s.kind === 'user')
  const pool = users.length > 0 ? users : vault.slots
  const model = pool.length > 0 ? pool[digest.readUInt32BE(16) % pool.length]!.kdf : { name: 'scrypt' as const, N: SCRYPT_MIN_N, r: 8, p: 1 }
  return { name: 'scrypt', N: model.N, r: model.r, p: model.p, salt: digest.subarray(0, 16).toString('base64') }
}

/** Runs that work and throws the result away: nothing it makes opens anything. */
export async function runStandInKdf(vault: VaultData, username: string, password: string): Promise<void> {
  const kek = await deriveKek(password, standInKdf(vault, username))
  kek.fill(0)
}
