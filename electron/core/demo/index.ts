import type { Core } from '../core'
import { DEMO_PASSWORD, demoContext, type DemoReport, type DemoScale, type DemoSeeder } from './demo'
import { demoUsers } from './users'
import { demoPeople } from '../people/demo-people'
import { demoIncidents } from '../incidents/demo-incidents'
import { demoReviews } from '../reviews-and-checks/demo-reviews'
import { demoPermissions } from '../permissions/demo-permissions'
import { demoAuditHistory } from '../audit/demo-audit'

export { DEMO_PASSWORD, DEMO_SCALES, type DemoContext, type DemoReport, type DemoScale, type DemoSeeder } from './demo'
export { DEMO_PEOPLE } from './users'

/** Every feature's demo records, in the order they are added: later seeders may use earlier ones' records. */
export const DEMO_SEEDERS: readonly DemoSeeder[] = [demoUsers, demoPeople, demoIncidents, demoReviews, demoPermissions, demoAuditHistory]

/**
 * Fills a set-up register with demonstration records, as the signed-in user (a business
 * manager), through the same API the app uses.
 */
export async function seedDemo(core: Core, options: { scale: DemoScale; password?: string }): Promise<DemoReport> {
  const password = options.password ?? DEMO_PASSWORD
  const ctx = demoContext(core, options.scale, password)
  const sections: DemoReport['sections'] = []
  for (const seeder of DEMO_SEEDERS) sections.push({ name: seeder.name, lines: await seeder.seed(ctx) })
  return { password, sections }
}
