import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers'

// The command line as built names the filtering and monitoring report in `report --help`. Built
// into a folder of its own, so it never races the CLI test's build of out/cli.
const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
let out: { dir: string; cleanup: () => void }

beforeAll(() => {
  out = tempDir('osr-fm-cli-')
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error', '--outDir', out.dir], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
})
afterAll(() => out.cleanup())

describe('report --help', () => {
  it('names the filtering and monitoring governance report and what it asks for', () => {
    const r = spawnSync(NODE, [join(out.dir, 'index.js'), 'report', '--help'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^fm-governance: Who is responsible for filtering and monitoring, the yearly reviews and their\s+actions, and the monitoring alerts of a period with how each was dealt with \(needs --from and\s+--to\)\./m)
  })
})
