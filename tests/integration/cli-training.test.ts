import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

// `import training` and `report --help`, run as the command line ships (built, a separate Node
// 24 process) on a real encrypted register made in this process.

const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const CLI = join(ROOT, 'out/cli/index.js')
const PASSWORD = 'kettle violet harbour jump'

function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, [CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
  })
}

let root: { dir: string; cleanup: () => void }
beforeAll(() => {
  root = tempDir('osr-cli-training-')
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
})
afterAll(() => root.cleanup())

const CSV = [
  'Name,Staff ID,Course,Date,Provider,Counts for',
  ',T100,Online safety refresher,02/09/2026,Kent Safeguarding Partnership,Refresher',
  'Priya Shah,,Online safety refresher,02/09/2026,Kent Safeguarding Partnership,Refresher',
  'Nobody Here,,Online safety refresher,02/09/2026,Kent Safeguarding Partnership,Refresher',
].join('\n')

describe('import training on the command line', () => {
  it('names the training record in report --help', async () => {
    const help = await cli(['report', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('training-record')
  })

  it('previews with bad rows by line, imports nothing without --skip-bad-rows, then imports once however often it is run', async () => {
    const dir = join(root.dir, 'school')
    const core = newCore(dir, { now: () => Date.parse('2026-11-20T10:00:00Z') })
    await setUpSchool(core)
    await ok(core, 'people.create', { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', misId: 'T100' })
    await ok(core, 'people.create', { kind: 'staff', forename: 'Priya', surname: 'Shah', staffGroup: 'support' })
    await core.close()
    const file = join(root.dir, 'training.csv')
    writeFileSync(file, CSV)
    const run = (...extra: string[]) => cli(['import', 'training', '--data-dir', dir, '--username', 'bmanager', '--password-stdin', '--csv', file, ...extra], `${PASSWORD}\n`)
    const records = async () => {
      const c = newCore(dir)
      await ok(c, 'session.login', { username: 'bmanager', password: PASSWORD })
      const n = Number(((await c.store.requireOpen().db('training_records').count({ n: '*' })) as { n: number }[])[0]!.n)
      await c.close()
      return n
    }

    const dry = await run('--dry-run')
    expect(dry.code).toBe(1)
    expect(dry.stdout).toContain('3 rows. To add: 2. Already recorded: 0. With problems: 1.')
    expect(dry.stdout).toContain('  line 4: Nobody called Nobody Here is on the current list of staff, governors and volunteers.')
    expect(dry.stdout).toContain('Dry run: nothing imported.')

    const refused = await run()
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('1 row has problems (listed above), so nothing was imported.')
    expect(await records()).toBe(0)

    const first = await run('--skip-bad-rows')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Imported: 2 added, 0 already recorded, 1 skipped.')
    const again = await run('--skip-bad-rows')
    expect(again.stdout).toContain('Imported: 0 added, 2 already recorded, 1 skipped.')
    expect(await records()).toBe(2)
  })
})
