import type { ChainVerification } from '../../../shared/domain/audit'
import { AppError } from '../api/app-error'
import type { Core } from '../core'
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations/index'
import { readSchool } from '../school/school'
import { verifyIncidents } from '../incidents/verify-incidents'
import { policyDocumentsCheck } from '../reviews-and-checks/register-check'
import { permissionRegisterCheck } from '../permissions/register-check'
import { listedSlots } from '../store/slot-listing'
import { roleKeyChecks } from '../store/role-key-checks'
import type { UserSlot } from '../vault/vault-format'

export interface CheckOutcome {
  ok: boolean
  /** One plain sentence: what was found. */
  detail: string
}

/**
 * One health check of an open register. Later features add theirs to REGISTER_CHECKS (for
 * example: every incident has its attachments); `verify` on the command line runs them all.
 */
export interface RegisterCheck {
  name: string
  run(core: Core): Promise<CheckOutcome>
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

const auditChain: RegisterCheck = {
  name: 'Audit trail',
  async run(core) {
    const r = await core.call('audit.verify', {})
    if (!r.ok) throw new AppError(r.error.kind, r.error.message)
    const v = r.value as ChainVerification
    return { ok: v.ok, detail: v.message }
  },
}

const incidentLog: RegisterCheck = {
  name: 'Incident log',
  async run(core) {
    const report = await verifyIncidents(core.store.requireOpen().db, core.store)
    if (report.ok && report.unopened) {
      return {
        ok: true,
        detail: `All ${report.checked} signed incident records are linked and signed as they should be. The words of ${report.unopened} of them can be checked only by someone who holds their key (the business manager, the headteacher or the DSL).`,
      }
    }
    if (report.ok) return { ok: true, detail: `All ${report.checked} signed incident records are intact, and the log agrees with them.` }
    const named = report.problems.slice(0, 10).map((p) => `${p.reference} (${p.item}): ${p.problem}`)
    const more = report.problems.length > 10 ? ` …and ${report.problems.length - 10} more.` : ''
    return { ok: false, detail: `${named.join(' ')}${more} Restore the latest backup from before the change, and tell the DSL.` }
  },
}

/** Every check, in the order they are shown. */
export const REGISTER_CHECKS: readonly RegisterCheck[] = [integrity, schema, vault, auditChain, incidentLog, policyDocumentsCheck, permissionRegisterCheck]

/**
 * Runs every check on the signed-in register. A check that cannot run counts as failed with
 * its reason; one failure does not stop the others.
 */
export async function runRegisterChecks(core: Core, checks: readonly RegisterCheck[] = REGISTER_CHECKS): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const check of checks) {
    try {
      results.push({ name: check.name, ...(await check.run(core)) })
    } catch (err) {
      const detail = err instanceof AppError ? err.message : `The check could not run: ${err instanceof Error ? err.message : String(err)}`
      results.push({ name: check.name, ok: false, detail })
    }
  }
  return results
}
