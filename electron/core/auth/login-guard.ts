import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { VAULT_NEXT_FILE } from '../store/key-rotation'
import { fsyncDir, VAULT_FILE, VAULT_PREVIOUS_FILE, writeDurably } from '../vault/vault-file'
import type { VaultData } from '../vault/vault-format'

const REASONS = ['wrong-password', 'unknown-user', 'disabled-user', 'wrong-recovery-key'] as const
export type FailureReason = (typeof REASONS)[number]

/** A refused sign-in not yet copied into the audit trail (it can only be written once unlocked). */
export interface PendingFailure {
  at: string
  reason: FailureReason
}

const attemptsSchema = z.object({
  /** Per name tried, by {@link attemptKey}: failures since that name last signed in. */
  names: z.record(z.string(), z.object({ failures: z.number().int().min(0), lastFailureAt: z.string() })),
  /** When the latest failures happened, whatever the name: password spraying across many names. */
  recent: z.array(z.string()),
  pending: z.array(z.object({ at: z.string(), reason: z.enum(REASONS) })),
})
type Attempts = z.infer<typeof attemptsSchema>

/** Failures a name may have before it waits; each further one doubles the wait, up to five minutes. */
const FREE_ATTEMPTS = 3
const MAX_DELAY_S = 300
/** Failures in an hour, all names together, before every sign-in waits too. */
const FREE_PER_HOUR = 20
const HOUR_MS = 3600_000
const MAX_NAMES = 100
const MAX_PENDING = 200

/** The bucket of the recovery key, which is tried without a name. */
export const RECOVERY_BUCKET = 'recovery'

/**
 * The key a name's count is kept under: the same kind of hash whether the name has a slot or
 * not, and not the slot's lookup, so the list of counts does not say which names exist.
 */
export function attemptKey(vaultId: string, username: string): string {
  return createHash('sha256').update(`${vaultId}:sign-in-attempts:${username.trim().toLowerCase()}`).digest('base64')
}

/**
 * Slows down password guessing, per name: after three failures a name must wait before trying
 * again, doubling up to five minutes; a name's success starts its count again. Guessing across
 * many names (more than twenty failures in an hour) makes every sign-in wait the same way.
 *
 * The counts live in the vault (`signInAttempts`), written into vault.json, its previous copy
 * and a pending vault.next.json alike: deleting one falls back to another with the same counts,
 * and deleting them all leaves nothing that can be signed in to. Failures are copied into the
 * audit trail at the next successful sign-in.
 */
export class LoginGuard {
  /** Set only while the vault files could not be written (a read-only or full disk). */
  private unsaved: Attempts | null = null

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds before this name may try again (0: go ahead). */
  waitSeconds(vault: VaultData, bucket: string): number {
    const state = this.state(vault)
    const own = state.names[bucket]
    const perName = own ? this.remaining(own.failures - FREE_ATTEMPTS, own.lastFailureAt) : 0
    const recent = this.lastHour(state.recent)
    const spraying = recent.length ? this.remaining(recent.length - FREE_PER_HOUR, recent.at(-1)!) : 0
    return Math.max(perName, spraying)
  }

  recordFailure(vault: VaultData, bucket: string, reason: FailureReason): void {
    const state = this.state(vault)
    const at = new Date(this.now()).toISOString()
    const names = { ...state.names, [bucket]: { failures: (state.names[bucket]?.failures ?? 0) + 1, lastFailureAt: at } }
    this.save({
      names: Object.fromEntries(
        Object.entries(names)
          .sort(([, a], [, b]) => Date.parse(b.lastFailureAt) - Date.parse(a.lastFailureAt))
          .slice(0, MAX_NAMES),
      ),
      recent: [...this.lastHour(state.recent), at].slice(-(FREE_PER_HOUR + 20)),
      pending: [...state.pending, { at, reason }].slice(-MAX_PENDING),
    })
  }

  /** A successful sign-in: this name's count starts again; returns the failures to audit. */
  recordSuccess(vault: VaultData, bucket: string): PendingFailure[] {
    const state = this.state(vault)
    const names = { ...state.names }
    delete names[bucket]
    this.save({ names, recent: this.lastHour(state.recent), pending: [] })
    return state.pending
  }

  private state(vault: VaultData): Attempts {
    if (this.unsaved) return this.unsaved
    if (vault.signInAttempts === undefined) return { names: {}, recent: [], pending: [] }
    const parsed = attemptsSchema.safeParse(vault.signInAttempts)
    if (parsed.success) return parsed.data
    // A damaged count must not lock anyone out for ever, but someone may have edited it to
    // start again: be strict for the next hour, as if many names had just failed. Written at
    // once, so the hour starts now and ends.
    const at = new Date(this.now()).toISOString()
    const strict: Attempts = { names: {}, recent: Array.from({ length: FREE_PER_HOUR }, () => at), pending: [] }
    this.save(strict)
    return strict
  }

  /** Seconds left of a doubling wait after `over` failures beyond the free ones. */
  private remaining(over: number, lastAt: string): number {
    if (over < 0) return 0
    const delay = Math.min(2 ** over, MAX_DELAY_S)
    // A clock set back must not make the wait longer than the delay itself.
    const elapsed = Math.max(0, (this.now() - Date.parse(lastAt)) / 1000)
    return Math.max(0, Math.ceil(delay - elapsed))
  }

  private lastHour(times: string[]): string[] {
    const since = this.now() - HOUR_MS
    return times.filter((t) => Date.parse(t) > since)
  }

  private save(state: Attempts): void {
    try {
      writeAttempts(this.dataDir, state)
      this.unsaved = null
    } catch {
      // A read-only or full disk must not turn "wrong password" into a baffling error: the
      // counts still hold in memory for as long as the app runs.
      this.unsaved = state
    }
  }
}

/**
 * Puts the counts into every vault file there is, leaving everything else in them as it was:
 * the slots are not touched, so no key or password is needed to write this.
 */
function writeAttempts(dataDir: string, state: Attempts): void {
  let written = 0
  for (const name of [VAULT_PREVIOUS_FILE, VAULT_NEXT_FILE, VAULT_FILE]) {
    const file = join(dataDir, name)
    if (!existsSync(file)) continue
    let vault: unknown
    try {
      vault = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      continue // a damaged copy is left for the vault's own fallback to deal with
    }
    if (!vault || typeof vault !== 'object' || Array.isArray(vault)) continue
    const tmp = `${file}.attempts.tmp`
    writeDurably(tmp, JSON.stringify({ ...vault, signInAttempts: state }, null, 2))
    renameSync(tmp, file)
    written += 1
  }
  if (written === 0) throw new Error('no vault file to keep the sign-in attempts in')
  fsyncDir(dataDir)
}
