// `npx tsx bench/event-loop-alone.ts [--school DIR]`: the event-loop section of the bench on its
// own (a few minutes, most of it seeding the large school; `--school DIR` copies a folder seeded
// earlier with the bench's school and manager instead). Builds the main process into out-bench/
// (scripts/build-main.mjs), prints the rows and writes bench-results/event-loop.json.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { inProcessRenderer } from '../electron/core/reports/pdf/pdf-renderer'
import { benchEventLoop } from './event-loop'
import { buildLargeSchool } from './large-school'
import { loads, machine, ms, round, rows, sampleLoad, say, table } from './table'

const ROOT = resolve(__dirname, '..')
const OUT_DIR = 'out-bench'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { school: { type: 'string' }, 'keep-build': { type: 'boolean', default: false } } })
  const started = process.hrtime.bigint()
  const dir = mkdtempSync(join(tmpdir(), 'osr-bench-loop-'))
  try {
    sampleLoad('start')
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-main.mjs')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OSR_OUT_DIR: OUT_DIR } })
    if (build.status !== 0) throw new Error(`the main process did not build:\n${build.stdout}\n${build.stderr}`)
    const school = await buildLargeSchool(join(dir, 'large'), () => inProcessRenderer, values.school ?? null)
    await school.core.close()
    sampleLoad('seeded')
    await benchEventLoop(school.dataDir, join(ROOT, OUT_DIR, 'main'))
    sampleLoad('event-loop')
    const info = { ...machine(dir), loadAverage1m: loads }
    say('')
    say(table())
    say('')
    say(`${info.nproc} CPUs (${info.cpu}), Node ${process.version}; ${round(ms(started) / 1000, 1)} s in all${school.seededSeconds === null ? '' : `, seeding ${school.seededSeconds} s`}.`)
    say(`1-minute load average: ${loads.map((l) => `${l.load} (${l.at})`).join(', ')}.`)
    const out = join(ROOT, 'bench-results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'event-loop.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: info, counts: school.counts, rows }, null, 2)}\n`)
    say('Written: bench-results/event-loop.json')
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (!values['keep-build']) rmSync(resolve(ROOT, OUT_DIR), { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
