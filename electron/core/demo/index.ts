import type { Core } from '../core'
import { DEMO_PASSWORD, demoContext, type DemoReport, type DemoScale } from './demo'

export { DEMO_PASSWORD, DEMO_SCALES, type DemoContext, type DemoReport, type DemoScale, type DemoSeeder } from './demo'
export { DEMO_PEOPLE } from './users'


/**
 * Fills a set-up register with demonstration records, as the signed-in user (a business
 * manager), through the same API the app uses.
 */
export async function seedDemo(core: Core, options: { scale: DemoScale; password?: string }): Promise<DemoReport> {
  const password = options.password ?? DEMO_PASSWORD
  const ctx = demoContext(core, options.scale, password)
  const sections: DemoReport['sections'] = []
  // Each record kind's seeder, in registry order: later seeders may use earlier ones' records.
  for (const seeder of core.features.demo) sections.push({ name: seeder.name, lines: await seeder.seed(ctx) })
  return { password, sections }
}
