// `npm test`: every check the project has, in the order that fails fastest, with one summary.
// Typecheck, lint, unit + renderer + integration tests (vitest), build, end-to-end (Playwright).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('test-results', { recursive: true })
// Counts come only from this run.
for (const f of ['test-results/vitest.json', 'test-results/e2e.json']) rmSync(f, { force: true })
const env = { ...process.env, OSR_JSON_REPORT: '1' }
const steps = [
  ['system packages', 'node', ['scripts/ensure-system-deps.mjs']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit, renderer and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
]

let failedStep = null
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n=== ${name} ===\n`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  process.stdout.write(`--- ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
  if (r.status !== 0) {
    failedStep = name
    break
  }
}

let passed = 0
let failed = 0
let skipped = 0
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
}
if (existsSync('test-results/e2e.json')) {
  const s = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats
  passed += s.expected
  failed += s.unexpected + s.flaky
  skipped += s.skipped
}

process.stdout.write(`\n${failedStep ? `Stopped at: ${failedStep}` : 'All steps passed'}\n`)
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exit(failedStep ? 1 : 0)
