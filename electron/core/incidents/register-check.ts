import type { RegisterCheck } from '../health/register-checks'
import { verifyIncidents } from './verify-incidents'

/** Every signed incident record is intact and linked, and the log agrees with them. */
export const incidentLogCheck: RegisterCheck = {
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
