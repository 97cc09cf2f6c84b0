// `npm test`: every check the project has, in the order that fails fastest, with one summary.
// Typecheck and lint, unit + renderer + integration tests (vitest), build, end-to-end (Playwright).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('test-results', { recursive: true })
// Counts come only from this run.
const REPORTS = { vitest: 'test-results/vitest.json', official: 'test-results/vitest-official.json', faketime: 'test-results/vitest-faketime.json', e2e: 'test-results/e2e.json' }
for (const f of Object.values(REPORTS)) rmSync(f, { force: true })
const env = { ...process.env, OSR_JSON_REPORT: '1' }
// Date-heavy suites run a second time with the computer's clock at a term boundary (faketime): the
// tests inject their own clock, so nothing in them may follow the machine's date. 29 February 2028
// is a leap day in the spring term; OSR_FAKETIME picks another moment.
const FAKE_NOW = process.env['OSR_FAKETIME'] ?? '2028-02-29 12:00:00'
const DATE_HEAVY = ['dashboard', 'reviews-and-checks', 'annual-review', 'agreements'].map((f) => `tests/integration/${f}.test.ts`)
// Read with official SQLCipher: its own step, once the library has built beside the other steps.
const OFFICIAL = 'tests/integration/official-sqlcipher.test.ts'

const steps = [
  ['system packages', 'node', ['scripts/ensure-system-deps.mjs']],
  // Each is one single-threaded process: side by side they keep both cores busy.
  [
    'typecheck and lint',
    'together',
    [
      ['typecheck (electron, shared, tests)', 'npm', ['run', '--silent', 'typecheck:node']],
      ['typecheck (renderer)', 'npm', ['run', '--silent', 'typecheck:web']],
      ['lint', 'npm', ['run', '--silent', 'lint']],
    ],
  ],
  ['unit, renderer and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS.vitest}`, '--exclude', OFFICIAL]],
  ['official SQLCipher for the cross-check', null, []],
  ['the register read with official SQLCipher', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS.official}`, OFFICIAL]],
  [`date-heavy tests with the computer's clock at ${FAKE_NOW}`, 'faketime', [FAKE_NOW, 'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS.faketime}`, '--project', 'integration', ...DATE_HEAVY]],
  ['build', 'npx', ['electron-vite', 'build']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
]

// Official SQLCipher compiles for a few minutes on one core: it builds while the typecheck, lint and
// the main test run go on, and its step waits for it. Its output is held back so they do not interleave.
let officialBuild = null
let officialChild = null
/** Runs commands side by side, then prints each one's output whole (never interleaved) with its result. */
async function together(commands) {
  const results = await Promise.all(
    commands.map(
      ([name, cmd, args]) =>
        new Promise((done) => {
          const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
          let out = ''
          child.stdout.on('data', (d) => (out += d))
          child.stderr.on('data', (d) => (out += d))
          child.on('close', (status) => done({ name, status, out }))
        }),
    ),
  )
  for (const { name, status, out } of results) process.stdout.write(`${out}${out && !out.endsWith('\n') ? '\n' : ''}${name}: ${status === 0 ? 'ok' : 'FAILED'}\n`)
  return { status: results.every((r) => r.status === 0) ? 0 : 1 }
}

function startOfficialBuild() {
  officialBuild = new Promise((done) => {
    const child = (officialChild = spawn('node', ['scripts/official-sqlcipher.mjs'], { stdio: ['ignore', 'pipe', 'pipe'], env }))
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (status) => done({ status: process.env['CI'] ? status : 0, out }))
  })
}

let failedStep = null
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n=== ${name} ===\n`)
  const started = Date.now()
  let r
  if (cmd === null) {
    // Off CI a machine without a compiler skips that one test (it says why); CI must run it.
    r = await officialBuild
    process.stdout.write(r.out)
  } else if (cmd === 'together') {
    r = await together(args)
  } else {
    r = spawnSync(cmd, args, { stdio: 'inherit', env })
    if (name === 'system packages' && r.status === 0) startOfficialBuild()
  }
  process.stdout.write(`--- ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
  if (r.status !== 0) {
    failedStep = name
    officialChild?.kill()
    break
  }
}

let passed = 0
let failed = 0
let skipped = 0
for (const file of [REPORTS.vitest, REPORTS.official, REPORTS.faketime]) {
  if (!existsSync(file)) continue
  const v = JSON.parse(readFileSync(file, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
}
if (existsSync(REPORTS.e2e)) {
  const s = JSON.parse(readFileSync(REPORTS.e2e, 'utf8')).stats
  passed += s.expected
  failed += s.unexpected + s.flaky
  skipped += s.skipped
}

process.stdout.write(`\n${failedStep ? `Stopped at: ${failedStep}` : 'All steps passed'}\n`)
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exit(failedStep ? 1 : 0)
