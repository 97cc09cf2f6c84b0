import type { Knex } from 'knex'
import { appendAudit, type AuditEvent } from '../audit/audit-trail'
import { incidentLogHead, signingKeyEvent } from '../audit/chained-facts'
import { signBytes } from '../signing/signing-key'
import type { OpenRegister } from './open-register'

/** An audit entry as a caller describes it: the store adds who and when. */
export type StoreEvent = Omit<AuditEvent, 'userId' | 'username'>

/**
 * Writes the audit trail as the signed-in user: an entry alone (a read of a sensitive record), or
 * with the change it describes in one transaction, so neither is ever kept without the other; and
 * signs as that user, with the key their password opened.
 */
export class AuditWriter {
  constructor(
    private readonly register: OpenRegister,
    private readonly now: () => number,
  ) {}

  async audit(event: StoreEvent): Promise<void> {
    const { db, session } = this.register.state()
    await appendAudit(db, { at: new Date(this.now()).toISOString(), ...event, userId: session.userId, username: session.username })
  }

  /** Runs a change and its audit entry in one transaction, as the signed-in user. */
  async change<T>(event: StoreEvent, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const { db, session } = this.register.state()
    return db.transaction(async (trx) => {
      const result = await work(trx)
      await appendAudit(trx, { at: new Date(this.now()).toISOString(), ...event, userId: session.userId, username: session.username })
      return result
    })
  }

  /**
   * One transaction that is several actions (a class's agreements recorded together): each event
   * is its own audit entry, all written with the work or not at all.
   */
  async changeEach<T>(events: StoreEvent[], work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const { db, session } = this.register.state()
    return db.transaction(async (trx) => {
      const result = await work(trx)
      const at = new Date(this.now()).toISOString()
      for (const event of events) await appendAudit(trx, { at, ...event, userId: session.userId, username: session.username })
      return result
    })
  }

  /**
   * Signs bytes as the signed-in user (their Ed25519 key, opened with their password at
   * sign-in); returns the signature and the `signing_keys` row that checks it.
   */
  sign(bytes: Buffer): { keyId: number; signature: string } {
    const { signing } = this.register.state()
    return { keyId: signing.keyId, signature: signBytes(signing.privateKey, bytes) }
  }

  /** The `signing_keys` row of the signed-in user's key: part of what a signed record covers. */
  get signingKeyId(): number {
    return this.register.state().signing.keyId
  }
}

/**
 * Records a user's public signing key (once): signatures name the row, so a key replaced after
 * a password reset still checks what it signed. The key is also entered in the audit chain, with
 * the incident log's length at that moment: a key the chain does not know, or records numbered
 * before it came, fail verification (audit/chained-facts.ts).
 */
export async function registerSigningKey(trx: Knex.Transaction, user: { id: number; username: string }, publicKey: string, at: string): Promise<number> {
  const known = (await trx('signing_keys').where({ user_id: user.id, public_key: publicKey }).first('id')) as { id: number } | undefined
  if (known) return known.id
  const [id] = await trx('signing_keys').insert({ user_id: user.id, public_key: publicKey, created_at: at })
  const after = await incidentLogHead(trx)
  await appendAudit(trx, { userId: user.id, username: user.username, at, ...signingKeyEvent({ id: Number(id), userId: user.id, publicKey, after }) })
  return Number(id)
}
