import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cruise, type ICruiseOptions, type IConfiguration } from 'dependency-cruiser'

// The rule `npm run lint` runs with dependency-cruiser (.dependency-cruiser.cjs): no import cycle in
// the core. Proved here on a folder of its own: a cycle is refused, a cycle through `import type`
// only is not (it is erased when built), and the core as it is has none.
const root = resolve(__dirname, '../..')
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration
const scratch = mkdtempSync(join(tmpdir(), 'osr-cycles-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function violations(baseDir: string, files: Record<string, string>): Promise<string[]> {
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(join(baseDir, file, '..'), { recursive: true })
    writeFileSync(join(baseDir, file), code)
  }
  const options: ICruiseOptions = { ruleSet: { forbidden: config.forbidden }, baseDir, tsPreCompilationDeps: true, validate: true }
  const result = await cruise(['electron/core'], options)
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
}

describe('no import cycle in the core', () => {
  it('refuses two modules of the core that load each other', async () => {
    const found = await violations(join(scratch, 'runtime'), {
      'electron/core/people/people.ts': "import { holds } from '../incidents/holds'\nexport const people = () => holds()\n",
      'electron/core/incidents/holds.ts': "import { people } from '../people/people'\nexport const holds = () => people\n",
    })
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((v) => v.startsWith('no-cycle-in-the-core: electron/core/'))).toBe(true)
  })

  it('lets a cycle of `import type` through: it is erased when the code is built', async () => {
    expect(
      await violations(join(scratch, 'types'), {
        'electron/core/db/migrations/index.ts': "import { first } from './0001-first'\nexport interface Migration { name: string }\nexport const MIGRATIONS = [first]\n",
        'electron/core/db/migrations/0001-first.ts': "import type { Migration } from './index'\nexport const first: Migration = { name: '0001-first' }\n",
      }),
    ).toEqual([])
  })

  it('finds none in the core as it is', async () => {
    const options: ICruiseOptions = { ruleSet: { forbidden: config.forbidden }, baseDir: root, tsPreCompilationDeps: true, validate: true, tsConfig: { fileName: 'tsconfig.node.json' }, doNotFollow: { path: 'node_modules' } }
    const result = await cruise(['electron/core'], options)
    const { summary } = result.output as { summary: { violations: unknown[]; totalCruised: number } }
    expect(summary.violations).toEqual([])
    expect(summary.totalCruised).toBeGreaterThan(150)
  }, 60_000)
})
