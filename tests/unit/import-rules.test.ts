import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cruise, type ICruiseOptions, type IConfiguration } from 'dependency-cruiser'

// The rules `npm run lint` runs with dependency-cruiser (.dependency-cruiser.cjs), proved here on
// folders of their own: no import cycle in the core (a cycle through `import type` only is erased
// when built, so it passes); a record kind uses another only through its services.ts; the core's
// machinery reaches a kind only through its feature.ts or services.ts. The core as it is breaks none.
const root = resolve(__dirname, '../..')
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration & { kindFolders: string[] }
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
    expect(found.filter((v) => v.startsWith('no-cycle-in-the-core: electron/core/')).length).toBeGreaterThan(0)
  })

  it('lets a cycle of `import type` through: it is erased when the code is built', async () => {
    expect(
      await violations(join(scratch, 'types'), {
        'electron/core/db/migrations/index.ts': "import { first } from './0001-first'\nexport interface Migration { name: string }\nexport const MIGRATIONS = [first]\n",
        'electron/core/db/migrations/0001-first.ts': "import type { Migration } from './index'\nexport const first: Migration = { name: '0001-first' }\n",
      }),
    ).toEqual([])
  })

})

describe('record kinds stand apart', () => {
  const people = "export const listPeople = () => []\n"
  it('refuses a kind importing another kind\'s file', async () => {
    expect(
      await violations(join(scratch, 'reach'), {
        'electron/core/people/people.ts': people,
        'electron/core/people/services.ts': "export { listPeople } from './people'\n",
        'electron/core/visits/visitors.ts': "import { listPeople } from '../people/people'\nexport const v = listPeople\n",
      }),
    ).toEqual(['feature-reaches-into-another: electron/core/visits/visitors.ts → electron/core/people/people.ts'])
  })

  it('lets a kind use what another offers in its services.ts, and its own files', async () => {
    expect(
      await violations(join(scratch, 'services'), {
        'electron/core/people/people.ts': people,
        'electron/core/people/services.ts': "export { listPeople } from './people'\n",
        'electron/core/people/import.ts': "import { listPeople } from './people'\nexport const i = listPeople\n",
        'electron/core/visits/visitors.ts': "import { listPeople } from '../people/services'\nexport const v = listPeople\n",
      }),
    ).toEqual([])
  })

  it('refuses the core\'s machinery reaching into a kind, and lets it through feature.ts and to its migrations', async () => {
    expect(
      await violations(join(scratch, 'machinery'), {
        'electron/core/people/people.ts': people,
        'electron/core/people/feature.ts': "import { listPeople } from './people'\nexport const peopleFeature = { listPeople }\n",
        'electron/core/features.ts': "import { peopleFeature } from './people/feature'\nexport const FEATURES = [peopleFeature]\n",
        'electron/core/reports/people-list.ts': "import { listPeople } from '../people/people'\nexport const r = listPeople\n",
        'electron/core/people/migrations/0099-people.ts': "export const peopleTable = { name: '0099-people' }\n",
        'electron/core/db/migrations/index.ts': "import { peopleTable } from '../../people/migrations/0099-people'\nexport const MIGRATIONS = [peopleTable]\n",
      }),
    ).toEqual(['machinery-reaches-into-a-kind: electron/core/reports/people-list.ts → electron/core/people/people.ts'])
  })

  it('takes every folder of the core that is not its machinery for a record kind, each in the registry', async () => {
    const { FEATURES } = await import('../../electron/core/features')
    const names = FEATURES.map((f) => f.kind.name)
    for (const folder of config.kindFolders) expect(names, `electron/core/${folder} is not a kind in features.ts: add it there, or to MACHINERY in .dependency-cruiser.cjs`).toContain(folder)
    expect(config.kindFolders).toEqual(expect.arrayContaining(['agreements', 'incidents', 'people', 'permissions', 'reviews-and-checks', 'visits']))
    // Loading every kind (pdfmake, zod schemas, SQLCipher) takes seconds on a busy two-core machine.
  }, 60_000)
})

describe('the core as it is', () => {
  it('breaks none of the rules', async () => {
    const options: ICruiseOptions = { ruleSet: { forbidden: config.forbidden }, baseDir: root, tsPreCompilationDeps: true, validate: true, tsConfig: { fileName: 'tsconfig.node.json' }, doNotFollow: { path: 'node_modules' } }
    const result = await cruise(['electron/core'], options)
    const { summary } = result.output as { summary: { violations: unknown[]; totalCruised: number } }
    expect(summary.violations).toEqual([])
    expect(summary.totalCruised).toBeGreaterThan(150)
  }, 60_000)
})
