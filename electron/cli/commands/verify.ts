import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { runRegisterChecks } from '../../core/health/register-checks'
import type { Runner } from '../args'
import type { verify } from '../commands'
import { CliError } from '../errors'
import { complain, say } from '../output'
import { call, withSignedIn } from '../session'

/** Runs every health check of the core and prints ✓ or ✗ for each; exit 1 if any fails. */
export const run: Runner<typeof verify> = async (v) => {
  const against = v.against === undefined ? undefined : resolve(v.against)
  // Before the password is asked for: a mistyped path is found without signing in.
  if (against !== undefined && !statSync(against, { throwIfNoEntry: false })?.isFile()) {
    throw new CliError(`The file ${against} could not be found. Check the path given to --against (and that the USB stick is plugged in).`)
  }
  return withSignedIn(v, async ({ core, dataDir }) => {
    const school = await call(core, 'school.get', {})
    say(`Checking the register of ${school.name} in ${dataDir}${against ? `, and against ${against}` : ''}`)
    const results = await runRegisterChecks(core, undefined, { against })
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
