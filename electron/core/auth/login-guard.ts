import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { fsyncDir, writeDurably } from '../vault/vault-file'

export const LOGIN_GUARD_FILE = 'sign-in-attempts.json'

interface Attempt {
  at: string
  /** The slot lookup of the username tried (not the name itself), or "unknown". */
  lookup: string
  reason: 'wrong-password' | 'unknown-user' | 'disabled-user' | 'wrong-recovery-key'
}

interface GuardState {
  /** Failures since the last successful sign-in. */
  consecutive: number
  lastFailureAt: string | null
  /** Failures not yet copied into the audit trail (it can only be written once unlocked). */
  pending: Attempt[]
}

const FREE_ATTEMPTS = 3
const MAX_DELAY_S = 300
const MAX_PENDING = 1000

/**
 * Slows down password guessing: after three failures each further attempt must wait, doubling
 * up to five minutes. Kept in a small file so a restart does not reset it; the failures are
 * copied into the audit trail at the next successful sign-in.
 */
export class LoginGuard {
  private readonly file: string
  private state: GuardState

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.file = join(dataDir, LOGIN_GUARD_FILE)
    this.state = this.load()
  }

  /** Seconds to wait before the next attempt is allowed (0: go ahead). */
  waitSeconds(): number {
    if (this.state.consecutive < FREE_ATTEMPTS || !this.state.lastFailureAt) return 0
    const delay = Math.min(2 ** (this.state.consecutive - FREE_ATTEMPTS), MAX_DELAY_S)
    const elapsed = (this.now() - Date.parse(this.state.lastFailureAt)) / 1000
    return Math.max(0, Math.ceil(delay - elapsed))
  }

  recordFailure(lookup: string, reason: Attempt['reason']): void {
    const at = new Date(this.now()).toISOString()
    this.state.consecutive += 1
    this.state.lastFailureAt = at
    this.state.pending = [...this.state.pending, { at, lookup, reason }].slice(-MAX_PENDING)
    this.save()
  }

  /** A successful sign-in: the counter starts again; returns the failures to audit. */
  recordSuccess(): Attempt[] {
    const pending = this.state.pending
    this.state = { consecutive: 0, lastFailureAt: null, pending: [] }
    this.save()
    return pending
  }

  private load(): GuardState {
    const empty: GuardState = { consecutive: 0, lastFailureAt: null, pending: [] }
    if (!existsSync(this.file)) return empty
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<GuardState>
      return {
        consecutive: Number.isInteger(parsed.consecutive) ? (parsed.consecutive as number) : 0,
        lastFailureAt: typeof parsed.lastFailureAt === 'string' ? parsed.lastFailureAt : null,
        pending: Array.isArray(parsed.pending) ? parsed.pending.slice(-MAX_PENDING) : [],
      }
    } catch {
      // A damaged counter file must not lock anyone out for ever: start a fresh count, but be
      // strict (as if three failures had happened) since someone may have tampered with it.
      return { consecutive: FREE_ATTEMPTS, lastFailureAt: new Date(this.now()).toISOString(), pending: [] }
    }
  }

  private save(): void {
    try {
      const tmp = `${this.file}.tmp`
      writeDurably(tmp, JSON.stringify(this.state))
      renameSync(tmp, this.file)
      fsyncDir(join(this.file, '..'))
    } catch {
      // A read-only or full disk must not turn "wrong password" into a baffling error: the
      // count still holds in memory for as long as the app runs.
    }
  }
}
