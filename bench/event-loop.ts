// How long the window's process stops answering while the core does its longest work on the
// large school: the main-side event-loop delay (perf_hooks.monitorEventLoopDelay) during a
// backup, a verify of the million audit entries, the annual review pack and a lock with its
// backup. Measured twice on the same register: the core in this process (as the app ran it
// before the core host) and the built core host in a child process (as the app runs it now).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import { createCoreClient } from '../electron/core-host/core-client'
import { forkHost } from '../electron/core-host/fork-host'
import { workerRenderer } from '../electron/core/reports/pdf/pdf-renderer'
import type { Result } from '../shared/api/result'
import type { ReportJob } from '../shared/domain/reports'
import { KDF, openCore } from './large-school'
import { lastSchoolYear } from './screens'
import { MANAGER } from './store'
import { call, ms, round, rows, say } from './table'

const SECTION = 'The window’s process while the core works (main-side event-loop delay, large school)'
/** A frame every 16 ms; 50 ms is the longest a task may take before a window feels stuck (the "long task" of the web). */
const TARGET_MS = 50

interface Caller {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
}

interface Work {
  name: string
  run(core: Caller): Promise<string>
}

async function annualPack(core: Caller): Promise<string> {
  const year = lastSchoolYear()
  const { jobId } = await call<{ jobId: string }>(core, 'reports.start', { type: 'annual-review', from: year.from, to: year.to, anonymised: false, withoutCommentary: true })
  for (;;) {
    // As the window follows it: a look every 50 ms.
    await new Promise((r) => setTimeout(r, 50))
    const job = await call<ReportJob>(core, 'reports.job', { jobId })
    if (job.status === 'failed') throw new Error(`the annual review pack failed: ${job.message ?? ''}`)
    if (job.status === 'done') return `${job.report?.pageCount ?? '?'} pages`
  }
}

const WORK: Work[] = [
  { name: 'backup.now', run: async (core) => `${round((await call<{ sizeBytes: number }>(core, 'backup.now', {})).sizeBytes / 2 ** 20, 1)} MiB` },
  { name: 'audit.verify', run: async (core) => `${(await call<{ checked: number }>(core, 'audit.verify', {})).checked.toLocaleString('en-GB')} entries` },
  { name: 'the annual review pack (reports.start → reports.job)', run: annualPack },
  {
    name: 'a lock after a change (with the on-lock backup)',
    run: async (core) => {
      await call(core, 'settings.update', { idleLockMinutes: 15 })
      await call(core, 'session.lock', {})
      await call(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      return 'then signed in again'
    },
  },
]

interface Measured {
  maxMs: number
  p99Ms: number
  seconds: number
  what: string
}

const RESOLUTION_MS = 5

/** The event-loop delay of this process while `work` runs. */
async function measure(core: Caller, work: Work): Promise<Measured> {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  delay.enable()
  // The histogram's first tick (after enable or reset) only starts its clock: let it tick before
  // the work, or a block at the very start (a backup's VACUUM INTO) would go unrecorded.
  await new Promise((r) => setTimeout(r, 3 * RESOLUTION_MS))
  const t = process.hrtime.bigint()
  const what = await work.run(core)
  const seconds = ms(t) / 1000
  // A block is recorded by the first tick after it: let the sampling timer fire before stopping
  // (stopped at once, a block that ends the work would go unseen).
  await new Promise((r) => setTimeout(r, 10 * RESOLUTION_MS))
  delay.disable()
  return { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, seconds, what }
}

/** The machine's own noise: the same measure while nothing at all is asked of the core. */
const IDLE: Work = {
  name: 'nothing (5 s idle: the machine’s own noise)',
  run: async () => {
    await new Promise((r) => setTimeout(r, 5000))
    return 'idle'
  },
}

/**
 * `dataDir`: the large school, not open in any process. `mainDir`: the built main process
 * (out-bench/main), for its core-host.js and render-worker.js.
 */
export async function benchEventLoop(dataDir: string, mainDir: string): Promise<void> {
  const renderWorker = join(mainDir, 'render-worker.js')
  const results: { mode: 'before' | 'host'; work: Work; m: Measured }[] = []

  // The core host first: this process then holds no core's heap yet, as the app's main never does.
  say('The window’s process during long work: the core in the built core host, a child process (as now)...')
  const exits: string[] = []
  const host = createCoreClient({
    spawn: forkHost(join(mainDir, 'core-host.js')),
    init: { dataDir, appVersion: 'bench', kdfCost: KDF, renderWorker, exportDir: join(dataDir, 'exports') },
    onUnexpectedExit: (how) => exits.push(how),
  })
  try {
    await call(host, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    for (const work of [IDLE, ...WORK]) results.push({ mode: 'host', work, m: await measure(host, work) })
  } finally {
    await host.close()
  }
  if (exits.length) throw new Error(`the core host ended unexpectedly during the bench (${exits.join(', ')})`)

  say('...and the core in this process (as before)...')
  const inProcess = openCore(dataDir, workerRenderer(renderWorker))
  try {
    await call(inProcess, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    for (const work of [IDLE, ...WORK]) results.push({ mode: 'before', work, m: await measure(inProcess, work) })
  } finally {
    await inProcess.close()
  }

  for (const work of [IDLE, ...WORK]) {
    const before = results.find((r) => r.mode === 'before' && r.work === work)!.m
    const now = results.find((r) => r.mode === 'host' && r.work === work)!.m
    rows.push({
      section: SECTION,
      name: `${work.name}: longest block, core in the main process (before)`,
      value: round(before.maxMs, 1),
      unit: 'ms',
      target: '(no target)',
      met: null,
      note: `p99 ${round(before.p99Ms, 1)} ms; the work took ${round(before.seconds, 2)} s (${before.what}); the old way, for comparison`,
    })
    rows.push({
      section: SECTION,
      name: `${work.name}: longest block, core in the core host (now)`,
      value: round(now.maxMs, 1),
      unit: 'ms',
      target: work === IDLE ? '(no target)' : `< ${TARGET_MS} ms`,
      met: work === IDLE ? null : now.maxMs < TARGET_MS,
      note: `p99 ${round(now.p99Ms, 1)} ms; the work took ${round(now.seconds, 2)} s (${now.what})`,
    })
  }
}
