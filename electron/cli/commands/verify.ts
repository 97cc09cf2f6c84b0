import { runRegisterChecks } from '../../core/health/register-checks'
import type { Runner } from '../args'
import type { verify } from '../commands'
import { complain, say } from '../output'
import { call, withSignedIn } from '../session'


/** Runs every health check of the core and prints ✓ or ✗ for each; exit 1 if any fails. */
export const run: Runner<typeof verify> = async (v) => {
  return withSignedIn(v, async ({ core, dataDir }) => {
    const school = await call(core, 'school.get', {})
    say(`Checking the register of ${school.name} in ${dataDir}`)
    const results = await runRegisterChecks(core)
    for (const r of results) say(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.detail}`)
    const failed = results.filter((r) => !r.ok)
    if (failed.length === 0) {
      say(`All ${results.length} checks passed.`)
      return 0
    }
    complain(`${failed.length} of ${results.length} checks failed: ${failed.map((f) => f.name).join(', ')}.`)
    return 1
  })
}
