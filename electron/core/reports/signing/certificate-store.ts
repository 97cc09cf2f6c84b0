import type { Knex } from 'knex'
import { decryptBytes, decryptText, encryptBytes, encryptText, fieldAad } from '../../vault/field-cipher'
import type { RoleKeys } from '../../vault/role-keys'

// The school's report-signing certificate is kept in the database with its private key: the
// PKCS#12 file and its passphrase are both encrypted with the `reports` role key, which only the
// business manager's and the headteacher's slots hold. The database key alone (any password)
// opens neither, so nobody else can take the key away and sign a PDF of their own as the school.

type Db = Knex | Knex.Transaction

export function sealP12(reportsKey: Buffer, id: number, p12: Buffer): Buffer {
  return encryptBytes(reportsKey, fieldAad('signing_certificates', id, 'p12'), p12)
}

export function sealPassphrase(reportsKey: Buffer, id: number, passphrase: string): string {
  return encryptText(reportsKey, fieldAad('signing_certificates', id, 'passphrase'), passphrase)
}

/** The PKCS#12 and its passphrase, opened with the reports key. */
export function openCertificate(reportsKey: Buffer, row: { id: number; p12: Buffer; passphrase: string }): { p12: Buffer; passphrase: string } {
  return {
    p12: decryptBytes(reportsKey, fieldAad('signing_certificates', row.id, 'p12'), row.p12),
    passphrase: decryptText(reportsKey, fieldAad('signing_certificates', row.id, 'passphrase'), row.passphrase),
  }
}

/** A register from before role keys: its certificates (the current and the retired) are encrypted in place. */
export async function encryptCertificates(trx: Db, keys: RoleKeys): Promise<void> {
  const reportsKey = keys.get('reports')!
  const rows = await trx('signing_certificates').select('id', 'p12', 'passphrase')
  for (const row of rows) {
    if (row.passphrase.startsWith('e1:')) continue
    await trx('signing_certificates')
      .where({ id: row.id })
      .update({ p12: sealP12(reportsKey, row.id, row.p12), passphrase: sealPassphrase(reportsKey, row.id, row.passphrase) })
  }
}
