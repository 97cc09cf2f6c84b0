import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

// The command line as it ships (built by vite.cli.config.ts), asked about the approvals register.
const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const CLI = join(ROOT, 'out/cli/index.js')

beforeAll(() => {
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
}, 180_000)

describe('report --help', () => {
  it('names the approvals register and says it asks for a period', () => {
    const run = spawnSync(NODE, [CLI, 'report', '--help'], { cwd: ROOT, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('approvals-register: Everything approved and in force with its risk level, conditions and review date, reviews due or lapsed, and every decision in a period (needs --from and --to).')
  })
})
