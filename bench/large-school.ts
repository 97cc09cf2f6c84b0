// The one large school every scale measurement runs on: seedDemo(core, { scale: 'large' }), built once.
import { cpSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../electron/core/core'
import { seedDemo } from '../electron/core/demo/index'
import { inProcessRenderer, workerRenderer, type PdfRenderer } from '../electron/core/reports/pdf/pdf-renderer'
import { MANAGER, SCHOOL } from './store'
import { call, ms, round, say } from './table'

export interface LargeSchool {
  core: Core
  dataDir: string
  /** How long seedDemo took (null when a seeded folder was reused with --school). */
  seededSeconds: number | null
  counts: Record<string, number>
}

/** Set to make reports in this thread (as the CLI does) when the worker cannot make one. */
export const rendering = { inProcess: false }
/** What the core logged (an unexpected failure's real cause): the bench names it in the table. */
export const logged: string[] = []

/** The scrypt cost of the test bridge: sign-in is measured on its own, with the calibrated cost. */
export const KDF = { N: 1 << 14, r: 8, p: 1 }

/**
 * The report renderer the app uses: a worker thread running the built render-worker.js, when
 * the build is there (the renderer section builds it); otherwise the same code in this thread.
 */
export function renderer(outDir: string): { pdfRenderer: PdfRenderer; kind: string } {
  const worker = join(outDir, 'main/render-worker.js')
  return existsSync(worker) && !rendering.inProcess ? { pdfRenderer: workerRenderer(worker), kind: 'worker thread (as the app)' } : { pdfRenderer: inProcessRenderer, kind: 'in process (no build found)' }
}

export function openCore(dataDir: string, pdfRenderer: PdfRenderer): Core {
  return createCore({
    dataDir,
    appVersion: 'bench',
    kdfCost: KDF,
    pdfRenderer,
    exportDir: join(dataDir, 'exports'),
    openFile: async () => {},
    logger: {
      error: (m, d) => {
        logged.push(`${m} ${String(d)}`)
        process.stderr.write(`${m} ${String(d)}\n`)
      },
    },
  })
}

export async function signIn(core: Core): Promise<void> {
  await call(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
}

/**
 * Sets up the school and seeds ten years of it, or (for working on the bench itself) copies a
 * folder seeded earlier with the same school and manager (`--school DIR`).
 */
export async function buildLargeSchool(dataDir: string, pdfRenderer: () => PdfRenderer, reuse: string | null): Promise<LargeSchool> {
  let seededSeconds: number | null = null
  let core: Core
  if (reuse) {
    say(`Copying the large school from ${reuse}...`)
    cpSync(reuse, dataDir, { recursive: true })
    core = openCore(dataDir, pdfRenderer())
    await signIn(core)
  } else {
    say('Building the large school: seedDemo(core, { scale: "large" }) — ten years, a million audit entries...')
    core = openCore(dataDir, pdfRenderer())
    await call(core, 'setup.create', { school: SCHOOL, manager: MANAGER })
    const t = process.hrtime.bigint()
    await seedDemo(core, { scale: 'large' })
    seededSeconds = round(ms(t) / 1000, 1)
  }
  const { db } = core.store.requireOpen()
  const counts: Record<string, number> = {}
  for (const table of ['people', 'agreements', 'visits', 'incidents', 'incident_records', 'permissions', 'check_occurrences', 'filtering_changes', 'audit_log']) {
    counts[table] = Number(((await db(table).count({ n: '*' })) as { n: number }[])[0]!.n)
  }
  counts['databaseMiB'] = round(statSync(join(dataDir, 'register.db')).size / 2 ** 20, 1)
  return { core, dataDir, seededSeconds, counts }
}
