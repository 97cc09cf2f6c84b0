import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers'

// The command line as built names the governor oversight report in `report --help`. Built
// into a folder of its own, so it never races the CLI test's build of out/cli.
const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
let out: { dir: string; cleanup: () => void }

beforeAll(() => {
  out = tempDir('osr-oversight-cli-')
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error', '--outDir', out.dir], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
})
afterAll(() => out.cleanup())

describe('report --help', () => {
  it('names the governor oversight report and what it asks for', () => {
    const r = spawnSync(NODE, [join(out.dir, 'index.js'), 'report', '--help'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^governor-oversight:\s+The\s+DSL’s\s+meetings\s+with\s+the\s+online\s+safety\s+governor\s+in\s+a\s+period,\s+with\s+their\s+notes,\s+and\s+every\s+oversight\s+action:\s+who\s+owns\s+it,\s+when\s+it\s+is\s+due,\s+and\s+when\s+it\s+was\s+done\s+\(needs\s+--from\s+and\s+--to\)\./m)
  })
})
