import { DEMO_SCALES, seedDemo, type DemoScale } from '../../core/demo/index'
import type { Runner } from '../args'
import type { seedDemo as seedDemoCommand } from '../commands'
import { UsageError } from '../errors'
import { say } from '../output'
import { withSignedIn } from '../session'


/** Adds the demo records of every feature (electron/core/demo) and prints the shared demo password. */
export const run: Runner<typeof seedDemoCommand> = async (v) => {
  if (!(DEMO_SCALES as readonly string[]).includes(v.scale)) {
    throw new UsageError(`--scale must be ${DEMO_SCALES.join(' or ')}, not "${v.scale}".`, 'seed-demo')
  }
  return withSignedIn(v, async ({ core }) => {
    const report = await seedDemo(core, { scale: v.scale as DemoScale })
    for (const section of report.sections) {
      say(`${section.name}:`, ...(section.lines.length ? section.lines.map((l) => `  ${l}`) : ['  nothing to add']))
    }
    say(
      '',
      'DEMO ONLY: every demo account starts with this password, and must change it at first sign-in:',
      '',
      `    ${report.password}`,
      '',
      'It is printed here and written in the source code: never use demo accounts in a register with real records.',
    )
    return 0
  })
}
