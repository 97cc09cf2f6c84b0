import type { Knex } from 'knex'
import { z } from 'zod'
import { ukLongDateTime } from '../../../shared/dates/uk-format'

/**
 * An anchor is what a backup or a signed report records of the register when it is made: how
 * long the audit trail and the incident log were, and the hash of the last entry of each.
 * Both are hash chains, so the last hash vouches for every entry before it. Someone who holds
 * the database key can rewrite the chains inside the database and make them agree with
 * themselves again, but not the anchors kept in copies out of their reach: a register that
 * holds fewer entries than an anchor knew, or another entry at the anchor's place, was cut or
 * rewritten after that anchor was taken.
 */
export interface ChainHead {
  /** The number of the last entry (the chains number their entries 1, 2, 3… with no gaps); 0 when empty. */
  seq: number
  /** Its hash (hex); empty when the chain is empty. */
  hash: string
}

export interface Anchor {
  /** When it was taken (ISO 8601, UTC). */
  at: string
  audit: ChainHead
  incidents: ChainHead
}

const headSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^([0-9a-f]{64})?$/) })
export const anchorSchema = z.object({ at: z.string().datetime(), audit: headSchema, incidents: headSchema })

/** The register's anchor now. Call in the same transaction or call queue as the copy it goes with. */
export async function takeAnchor(db: Knex | Knex.Transaction, at: string): Promise<Anchor> {
  const head = async (table: string): Promise<ChainHead> => {
    const row = (await db(table).select('id', 'hash').orderBy('id', 'desc').first()) as { id: number; hash: string } | undefined
    return { seq: row?.id ?? 0, hash: row?.hash ?? '' }
  }
  return { at, audit: await head('audit_log'), incidents: await head('incident_records') }
}

/** "3 March 2027 14:05", in the school's time. */
export const anchorTime = (at: string) => ukLongDateTime(at)

export interface AnchorComparison {
  ok: boolean
  message: string
}

const n = (x: number) => x.toLocaleString('en-GB')

/**
 * Compares the register with one anchor. `source` names where the anchor came from, in words
 * that fit "… knew 4,215": "the backup of 3 March 2027 14:05".
 */
export async function compareWithAnchor(db: Knex, anchor: Anchor, source: string): Promise<AnchorComparison> {
  const problems: string[] = []
  const chains = [
    { table: 'audit_log', head: anchor.audit, what: 'audit trail', one: 'entry', many: 'entries', Item: 'Entry' },
    { table: 'incident_records', head: anchor.incidents, what: 'incident log', one: 'signed record', many: 'signed records', Item: 'Record' },
  ] as const
  for (const c of chains) {
    const found = await chainAt(db, c.table, c.head.seq)
    if (found.count < c.head.seq) {
      problems.push(
        `The ${c.what} has ${n(found.count)} ${found.count === 1 ? c.one : c.many} but ${source} knew ${n(c.head.seq)}: ` +
          `the last ${n(c.head.seq - found.count)} or more have been removed since then.`,
      )
    } else if (found.hash !== c.head.hash) {
      // Cut, then written on: the entries now at the anchor's place were written after it.
      const since = await writtenSince(db, c.table, c.head.seq, anchor.at)
      problems.push(
        since > 0
          ? `${c.Item} ${n(c.head.seq)} of the ${c.what} was written after ${source}, which knew another ${c.Item.toLowerCase()} ${n(c.head.seq)}: ` +
              `the last ${n(since)} or more it knew have been removed since then, and later ones written in their place.`
          : `${c.Item} ${n(c.head.seq)} of the ${c.what} is not the one ${source} knew: the ${c.what === 'audit trail' ? 'trail' : 'log'} has been rewritten, at that ${c.Item.toLowerCase()} or before it, since then.`,
      )
    }
  }
  if (problems.length === 0) {
    return {
      ok: true,
      message: `The register still holds everything ${source} knew (the audit trail to entry ${n(anchor.audit.seq)}, the incident log to record ${n(anchor.incidents.seq)}).`,
    }
  }
  // A restore puts an earlier copy back on purpose: what an anchor taken before the restore knew
  // beyond that copy is then kept in the replaced copy (backups/replaced), not in the register.
  // The restore is in the trail at or before the anchor's place, and dated after the anchor.
  const restore = (await db('audit_log')
    .where({ action: 'backup.restore' })
    .where('id', '<=', Math.max(anchor.audit.seq, 1))
    .where('at', '>=', anchor.at)
    .orderBy('id')
    .first('id', 'at')) as { id: number; at: string } | undefined
  if (restore) {
    return {
      ok: true,
      message:
        `${capitalise(source)} was made before the register was restored from an earlier backup on ${anchorTime(restore.at)} (audit entry ${n(restore.id)}): ` +
        'what it knew after that earlier backup is in the replaced copy kept in the backup folder, not in the register.',
    }
  }
  return { ok: false, message: problems.join(' ') }
}

/** How many entries, counting back from `seq`, were written after `at` (entries run in time order). */
async function writtenSince(db: Knex, table: 'audit_log' | 'incident_records', seq: number, at: string): Promise<number> {
  let count = 0
  for (let below = seq + 1; below > 1; ) {
    const rows = (await db(table).where('id', '<', below).orderBy('id', 'desc').limit(500).select('id', 'at')) as { id: number; at: string }[]
    for (const row of rows) {
      if (row.at <= at) return count
      count++
    }
    if (rows.length < 500) return count
    below = rows.at(-1)!.id
  }
  return count
}

/** How many entries a chain has, and the hash of entry `seq`. */
async function chainAt(db: Knex, table: 'audit_log' | 'incident_records', seq: number): Promise<{ count: number; hash: string }> {
  const [last] = (await db(table).max({ id: 'id' })) as { id: number | null }[]
  const count = Number(last?.id ?? 0)
  if (seq === 0) return { count, hash: '' }
  const row = (await db(table).where({ id: seq }).first('hash')) as { hash: string } | undefined
  return { count, hash: row?.hash ?? '' }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
