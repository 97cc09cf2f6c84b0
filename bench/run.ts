// `npm run bench`: the register's speed on this machine, in one run (about 10 minutes on 2 cores).
// Prints one table and writes bench-results/bench.json. See docs/benchmarks.md.
//
//  - the encrypted store: unlock with the calibrated scrypt cost, small saves, plain SQLite vs SQLCipher;
//  - ONE large school (seedDemo, scale 'large': ten years, a million audit entries), reused for:
//    every list and search screen's query, saves of every record kind, the chains' checks,
//    the heaviest screen SQL on SQLCipher against a decrypted copy,
//    every signed report, backup and restore, the first sign-in after the update to role keys,
//    the window's process during the longest work (core in process against the core host), and
//    the window in Chromium;
//  - pdfmake against raw pdfkit on the same table.
//
// For work on the bench itself: `npm run bench -- --only screens,saves` runs some sections,
// `--school DIR` copies a folder seeded earlier (same school and manager) instead of seeding,
// `--keep-build` keeps out-bench/ for the next run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { PdfRenderer } from '../electron/core/reports/pdf/pdf-renderer'
import { benchBackup } from './backup'
import { benchEventLoop } from './event-loop'
import { buildLargeSchool, renderer } from './large-school'
import { benchPdfBaseline } from './pdf-baseline'
import { benchPlainCopy } from './plain-copy'
import { benchRenderer, startBuild } from './renderer'
import { benchLongLog, benchReports } from './reports'
import { benchSaves } from './saves'
import { benchFirstSearch, benchScreens } from './screens'
import { benchUpgrade } from './upgrade'
import { benchFsync, benchRaw, benchSignInAnswers, benchUnlockAndSaves } from './store'
import { loads, machine, ms, round, rows, sampleLoad, say, table } from './table'
import { benchVerify } from './verify'

const ROOT = resolve(__dirname, '..')
const SECTIONS = ['store', 'raw', 'screens', 'saves', 'verify', 'plain', 'reports', 'long-log', 'pdf', 'backup', 'upgrade', 'event-loop', 'renderer'] as const
type Section = (typeof SECTIONS)[number]
const OUT_DIR = 'out-bench'
/** The bench's own test bridge port, away from the e2e specs' 4599+ and the other engineers'. */
const BRIDGE_PORT = 4690

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, school: { type: 'string' }, 'keep-build': { type: 'boolean', default: false } } })
  const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[])
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(', ')}; not "${s}"`)
  const wants = (s: Section) => only.has(s)
  const started = process.hrtime.bigint()
  const dir = mkdtempSync(join(tmpdir(), 'osr-bench-'))
  const outDir = resolve(ROOT, OUT_DIR)
  sampleLoad('start')
  try {
    benchFsync(dir)
    if (wants('store')) {
      await benchUnlockAndSaves(join(dir, 'store'))
      await benchSignInAnswers(join(dir, 'store'))
      sampleLoad('store')
    }
    if (wants('raw')) {
      benchRaw(dir)
      sampleLoad('raw')
    }

    const large = ['screens', 'saves', 'verify', 'plain', 'reports', 'long-log', 'backup', 'upgrade', 'event-loop', 'renderer'].some((s) => wants(s as Section))
    // The build runs beside the seeding (its time is not measured), and is ready for the reports' worker
    // and the core host.
    const build = wants('renderer') || wants('reports') || wants('long-log') || wants('event-loop') ? startBuild(OUT_DIR) : null
    build?.catch(() => {}) // awaited below; a failure is reported there
    if (large) {
      // The report worker is chosen when a report is made: by then the build is there.
      const lazy: PdfRenderer = { render: (...args) => renderer(outDir).pdfRenderer.render(...args) }
      const school = await buildLargeSchool(join(dir, 'large'), () => lazy, values.school ?? null)
      sampleLoad('seeded')
      const { core } = school
      let onSite = 0
      try {
        if (wants('screens')) {
          await benchScreens(core)
          await benchFirstSearch(core)
          sampleLoad('screens')
        }
        if (wants('saves')) {
          onSite = (await benchSaves(core)).onSite
          sampleLoad('saves')
        }
        if (wants('verify')) {
          await benchVerify(core)
          sampleLoad('verify')
        }
        if (wants('plain')) {
          await benchPlainCopy(core, dir)
          sampleLoad('plain')
        }
        if (wants('reports')) {
          const built = build ? await build : null
          await benchReports(core, renderer(outDir).kind)
          sampleLoad('reports')
          if (built !== null) say(`(the app was built in ${round(built, 1)} s, beside the seeding)`)
        }
        if (wants('long-log')) {
          if (!wants('reports') && build) await build
          await benchLongLog(core)
          sampleLoad('long-log')
        }
        if (wants('backup')) {
          await benchBackup(core)
          sampleLoad('backup')
        }
        if (wants('upgrade')) {
          await benchUpgrade(core, school.dataDir)
          sampleLoad('upgrade')
        }
      } finally {
        await core.close()
      }
      rows.unshift({
        section: 'The large school',
        name: school.seededSeconds === null ? 'seeded earlier (--school)' : 'seedDemo(core, { scale: "large" })',
        value: school.seededSeconds ?? 0,
        unit: 's',
        target: '(no target)',
        met: null,
        note: `${Object.entries(school.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`).join(', ')}${build ? '; the app was being built alongside' : ''}`,
        detail: school.counts,
      })
      if (wants('event-loop')) {
        // The large school is closed now: once more in this process, then in the built core host.
        await build
        await benchEventLoop(school.dataDir, join(outDir, 'main'))
        sampleLoad('event-loop')
      }
      if (wants('renderer')) {
        await build
        await benchRenderer(outDir, school.dataDir, BRIDGE_PORT, onSite)
        sampleLoad('renderer')
      }
    }
    if (wants('pdf')) {
      await benchPdfBaseline()
      sampleLoad('pdf')
    }
    // The table goes in section order, whatever order the sections ran in.
    const order = ['The large school', 'The encrypted store']
    rows.sort((a, b) => rank(a.section) - rank(b.section))
    function rank(section: string): number {
      const i = order.indexOf(section)
      return i === -1 ? order.length : i
    }

    const info = { ...machine(dir), loadAverage1m: loads }
    const seconds = round(ms(started) / 1000, 1)
    const peak = Math.max(...loads.map((l) => l.load))
    say('')
    say(table())
    say('')
    say(`${info.nproc} CPUs (${info.cpu}), ${info.memoryGiB} GiB, Node ${process.version}, ${info.filesystem} temp folder; ${seconds} s in all.`)
    say(`1-minute load average: ${loads.map((l) => `${l.load} (${l.at})`).join(', ')}.`)
    if (peak > cpus().length * 0.75) say(`The machine was busy (load up to ${peak} on ${cpus().length} CPUs): the numbers are less reliable; run again when it is quiet.`)
    const missed = rows.filter((r) => r.met === false).map((r) => r.name)
    say(missed.length ? `Not met (${missed.length}): ${missed.join('; ')}` : 'Every target met.')
    const out = join(ROOT, 'bench-results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ at: new Date().toISOString(), seconds, sections: [...only], machine: info, rows }, null, 2)}\n`)
    say('Written: bench-results/bench.json')
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (!values['keep-build']) rmSync(outDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
