import type { ChainVerification } from '../../../shared/domain/audit'
import { AppError } from '../api/app-error'
import type { Core } from '../core'
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations/index'
import { readSchool } from '../school/school'
import { listedSlots } from '../store/slot-listing'
import { roleKeyChecks } from '../store/role-key-checks'
import type { UserSlot } from '../vault/vault-format'

export interface CheckOutcome {
  ok: boolean
  /** One plain sentence: what was found. */
  detail: string
}

/** What one run of the checks shares: the file to check against, and the audit trail's check (one walk serves three lines). */
export interface CheckRun {
  /** A backup or signed report kept elsewhere, to check the register against (`verify --against`). */
  against?: string | undefined
  audit?: Promise<ChainVerification>
}

/**
 * One health check of an open register. Later features add theirs to REGISTER_CHECKS (for
 * example: every incident has its attachments); `verify` on the command line runs them all.
 */
export interface RegisterCheck {
  name: string
  /** Whether the check belongs in this run (all do, unless they say otherwise). */
  applies?(run: CheckRun): boolean
  run(core: Core, run?: CheckRun): Promise<CheckOutcome>
}

export interface CheckResult extends CheckOutcome {
  name: string
}

const integrity: RegisterCheck = {
  name: 'Database integrity',
  async run(core) {
    const { db } = core.store.requireOpen()
    const rows = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[]
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok')
    if (problems.length > 0) {
      return { ok: false, detail: `SQLite found damage inside the database file: ${problems.slice(0, 3).join('; ')}. Restore the latest backup.` }
    }
    const broken = (await db.raw('PRAGMA foreign_key_check')) as { table: string }[]
    if (broken.length > 0) {
      const tables = [...new Set(broken.map((b) => b.table))].join(', ')
      return { ok: false, detail: `${broken.length} record(s) point at records that no longer exist (in ${tables}).` }
    }
    return { ok: true, detail: 'SQLite’s integrity check passed and every link between records holds.' }
  },
}

const schema: RegisterCheck = {
  name: 'Schema version',
  async run(core) {
    const { db } = core.store.requireOpen()
    const [row] = (await db.raw('PRAGMA user_version')) as { user_version: number }[]
    const version = Number(row?.user_version)
    const applied = ((await db('knex_migrations').select('name').orderBy('id')) as { name: string }[]).map((r) => r.name)
    const expected = MIGRATIONS.map((m) => m.name)
    if (version !== SCHEMA_VERSION) {
      return { ok: false, detail: `The database says data version ${version}; this app writes version ${SCHEMA_VERSION}.` }
    }
    if (applied.join('\n') !== expected.join('\n')) {
      const missing = expected.filter((n) => !applied.includes(n))
      const unknown = applied.filter((n) => !expected.includes(n))
      return {
        ok: false,
        detail: `The database’s list of upgrades does not match this app’s${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
      }
    }
    return { ok: true, detail: `Data version ${version}, the version this app writes (all ${applied.length} upgrade(s) applied).` }
  },
}

const vault: RegisterCheck = {
  name: 'Key file',
  async run(core) {
    const { db, slotId } = core.store.requireOpen()
    const loaded = core.store.loadVault()
    if (loaded.fromPreviousCopy) {
      return { ok: false, detail: 'vault.json is missing or damaged: the register opened from its previous copy (vault.previous.json). Make a backup now.' }
    }
    const school = await readSchool(db)
    if (loaded.data.schoolId !== school.schoolId) {
      return { ok: false, detail: 'vault.json belongs to another school’s register than the database beside it.' }
    }
    if (!loaded.data.slots.some((s) => s.kind === 'recovery')) return { ok: false, detail: 'vault.json has no recovery key slot.' }
    if (!loaded.data.slots.some((s) => s.id === slotId)) return { ok: false, detail: 'vault.json no longer holds the slot you signed in with.' }
    const userSlots = loaded.data.slots.filter((s): s is UserSlot => s.kind === 'user')
    const listed = await listedSlots(db)
    const unknown = userSlots.filter((s) => !listed(s)).length
    if (unknown > 0) {
      return {
        ok: false,
        detail: `vault.json holds ${unknown} key slot(s) that the register does not list for any user: added or changed outside the app, or left by an interrupted password change. They open nothing and are dropped at the next key change; reset the password of anyone who cannot sign in.`,
      }
    }
    const recovery = loaded.data.slots.find((s) => s.kind === 'recovery')
    if ((await roleKeyChecks(db)).size > 0 && recovery?.kind === 'recovery' && !recovery.keys) {
      return {
        ok: false,
        detail: 'The recovery key was issued before the incident log had keys of its own: it opens the register but not the incident log’s contents. Issue a new recovery key (Settings) and lock the printed sheet away.',
      }
    }
    const users = userSlots.length
    return { ok: true, detail: `vault.json matches this school’s database (${users} user slot(s) and a recovery key slot).` }
  },
}

/** The audit trail's check through the API (as the app's screen runs it), once per run. */
function auditCheck(core: Core, run: CheckRun = {}): Promise<ChainVerification> {
  run.audit ??= core.call('audit.verify', run.against !== undefined ? { against: run.against } : {}).then((r) => {
    if (!r.ok) throw new AppError(r.error.kind, r.error.message)
    return r.value as ChainVerification
  })
  return run.audit
}

const auditChain: RegisterCheck = {
  name: 'Audit trail',
  async run(core, run) {
    const v = await auditCheck(core, run)
    return { ok: v.brokenAt === null, detail: v.chainMessage }
  },
}

const roles: RegisterCheck = {
  name: 'Users and roles',
  async run(core, run) {
    const { ok, message } = (await auditCheck(core, run)).roles
    return { ok, detail: message }
  },
}

const backupAnchors: RegisterCheck = {
  name: 'Backups',
  async run(core, run) {
    const anchors = (await auditCheck(core, run)).anchors.filter((a) => !a.given)
    if (anchors.length === 0) {
      return { ok: true, detail: 'No backup in the backup folder records the register’s state yet (each backup made from now on does), so there is nothing to compare with.' }
    }
    const failed = anchors.filter((a) => !a.ok)
    if (failed.length === 0) {
      return { ok: true, detail: `${anchors[0]!.message}${anchors.length > 1 ? ` So do the ${anchors.length - 1} older backup(s) in the backup folder.` : ''}` }
    }
    const more = failed.length > 1 ? ` ${failed.length - 1} older backup(s) disagree too.` : ''
    return { ok: false, detail: `${failed[0]!.message}${more} Keep this computer as it is and tell the headteacher and your IT support.` }
  },
}

const givenCopy: RegisterCheck = {
  name: 'Against the copy given',
  applies: (run) => run.against !== undefined,
  async run(core, run) {
    const given = (await auditCheck(core, run)).anchors.find((a) => a.given)
    if (!given) throw new AppError('internal', 'The copy given was not compared.')
    return { ok: given.ok, detail: given.ok ? given.message : `${given.message} Keep this computer as it is and tell the headteacher and your IT support.` }
  },
}

/** The register's own checks, shown first; each record kind's follow (its descriptor's `checks`). */
export const REGISTER_CHECKS: readonly RegisterCheck[] = [
  integrity,
  schema,
  vault,
  auditChain,
  roles,
  backupAnchors,
  givenCopy,
]

/**
 * Runs every check on the signed-in register. A check that cannot run counts as failed with
 * its reason; one failure does not stop the others.
 */
export async function runRegisterChecks(core: Core, checks: readonly RegisterCheck[] = [...REGISTER_CHECKS, ...core.features.checks], options: { against?: string } = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  const run: CheckRun = { against: options.against }
  for (const check of checks) {
    if (check.applies && !check.applies(run)) continue
    try {
      results.push({ name: check.name, ...(await check.run(core, run)) })
    } catch (err) {
      const detail = err instanceof AppError ? err.message : `The check could not run: ${err instanceof Error ? err.message : String(err)}`
      results.push({ name: check.name, ok: false, detail })
    }
  }
  return results
}
