import { z } from 'zod'

// The vault file's format: documented in docs/vault-format.md; keep the two in step and
// never change the meaning of a field (a school's vault must open in every later version).

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')

export const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  salt: b64,
})

export const wrapSchema = z.object({
  alg: z.literal('A256GCM'),
  iv: b64,
  tag: b64,
  ciphertext: b64,
})

/** A secret sealed to an X25519 public key (ephemeral-static ECDH, HKDF-SHA256, AES-256-GCM). */
export const sealedSchema = z.object({
  alg: z.literal('X25519-HKDF-SHA256-A256GCM'),
  epk: b64,
  iv: b64,
  tag: b64,
  ciphertext: b64,
})

const userSlot = z.object({
  id: z.string().min(1),
  kind: z.literal('user'),
  userId: z.number().int().positive(),
  /** sha256(vaultId + ":" + lower-case username), base64: finds the slot without storing the name. */
  lookup: b64,
  /**
   * The digest of the slot's public fields (slot-binding.ts). When present, every key in the slot
   * is wrapped with it in the additional data, so an edited field makes the slot unopenable.
   * Absent only in slots written before binding existed: added at that user's next sign-in.
   */
  digest: b64.optional(),
  kdf: kdfSchema,
  /** The database key, wrapped. Absent only between a key rotation and this user's next sign-in. */
  wrap: wrapSchema.optional(),
  /** After a key rotation: the new database key sealed to `box.publicKey`, until the next sign-in. */
  sealed: sealedSchema.optional(),
  box: z.object({ publicKey: b64, privateKey: wrapSchema }),
  /**
   * The user's Ed25519 key for signing records (incident log entries), wrapped like the database
   * key. Absent in slots made before signing existed: added at that user's next sign-in.
   */
  signing: z.object({ publicKey: b64, privateKey: wrapSchema }).optional(),
  /**
   * The role keys this user holds (role-keys.ts), by name, each wrapped under the kek with the
   * slot's binding and the key's name as additional data. A name this version does not know is
   * kept as it is.
   */
  keys: z.record(z.string(), wrapSchema).optional(),
  /** Role keys given by the business manager (who does not know this password), sealed to `box.publicKey` until the next sign-in. */
  sealedKeys: z.record(z.string(), sealedSchema).optional(),
})

const recoverySlot = z.object({
  id: z.literal('recovery'),
  kind: z.literal('recovery'),
  kdf: kdfSchema,
  wrap: wrapSchema,
  /** Every role key, wrapped under the recovery kek (additional data "recovery:" + name). Absent in recovery slots made before role keys. */
  keys: z.record(z.string(), wrapSchema).optional(),
})

export const vaultSchema = z.object({
  format: z.literal('online-safety-register/vault'),
  version: z.literal(1),
  vaultId: z.string().min(1),
  schoolId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  slots: z.array(z.discriminatedUnion('kind', [userSlot, recoverySlot])),
  /** Accounts the business manager disabled: their slot is gone, so their password opens nothing. */
  disabledUsers: z.array(z.object({ userId: z.number().int().positive(), lookup: b64 })),
  /**
   * The sign-in back-off (electron/core/auth/login-guard.ts reads and checks it): kept here so
   * that deleting a file cannot reset it. Never part of what opens a key.
   */
  signInAttempts: z.unknown().optional(),
})

export type KdfParams = z.infer<typeof kdfSchema>
export type Wrapped = z.infer<typeof wrapSchema>
export type Sealed = z.infer<typeof sealedSchema>
export type UserSlot = z.infer<typeof userSlot>
export type RecoverySlot = z.infer<typeof recoverySlot>
export type Slot = UserSlot | RecoverySlot
export type VaultData = z.infer<typeof vaultSchema>
