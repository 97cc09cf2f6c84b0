import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newCore, ok, setUpSchool, tempDir, MANAGER } from './helpers'

// The consent import and reports through the command line as it ships (out/cli/index.js, run by
// Node 24 as its own process) on a real encrypted register made in this process.

const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const CLI = join(ROOT, 'out/cli/index.js')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], stdin = ''): Promise<Run> {
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
const dataDir = () => join(root.dir, 'school')
const signedIn = (...args: string[]) => cli([...args, '--data-dir', dataDir(), '--username', MANAGER.username, '--password-stdin'], `${MANAGER.password}\n`)

async function answerCount(): Promise<{ rows: number; audits: number }> {
  const core = newCore(dataDir())
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
  const { db } = core.store.requireOpen()
  const rows = Number(((await db('consent_answers').count({ n: '*' })) as { n: number }[])[0]!.n)
  const audits = Number(((await db('audit_log').where({ action: 'consent.import' }).count({ n: '*' })) as { n: number }[])[0]!.n)
  await core.close()
  return { rows, audits }
}

beforeAll(async () => {
  root = tempDir('osr-cli-consent-')
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
  const core = newCore(dataDir())
  await setUpSchool(core)
  await ok(core, 'people.create', { kind: 'pupil', forename: 'Amara', surname: 'Okafor', dateOfBirth: '2017-03-02', yearGroup: '4', regClass: '4B', misId: 'A100' })
  await ok(core, 'people.create', { kind: 'pupil', forename: 'Ben', surname: 'Hughes', dateOfBirth: '2017-05-11', yearGroup: '4', regClass: '4B', misId: 'A101' })
  await ok(core, 'people.create', { kind: 'pupil', forename: 'Siân', surname: 'Rees', dateOfBirth: '2012-02-14', yearGroup: '9', regClass: '9K', misId: 'A102' })
  await core.close()
}, 120_000)
afterAll(() => root.cleanup())

describe('import consent --csv', () => {
  const good = [
    'Pupil,Date of birth,Purpose,Answer,Given by,Date',
    'A100,,Website,Yes,Grace Okafor,08/09/2025',
    'A100,,Press,No,Grace Okafor,08/09/2025',
    'Ben Hughes,11/05/2017,Social media,yes,Sam Hughes,2025-09-09',
    'Siân Rees,14/02/2012,Recording,Yes,pupil,10/09/2025',
  ]

  it('previews, lists bad rows with their line, imports all or nothing, and changes nothing the second time', async () => {
    const bad = join(root.dir, 'bad.csv')
    writeFileSync(bad, [...good, 'A999,,Website,Yes,Someone,08/09/2025', 'A101,,Blog,Yes,Sam Hughes,08/09/2025', 'A100,,Newsletter,Yes,pupil,08/09/2025'].join('\r\n'))
    const dry = await signedIn('import', 'consent', '--csv', bad, '--dry-run')
    expect(dry.code).toBe(1)
    expect(dry.stdout).toContain('4 answers to record, 0 already in the register, 3 with problems.')
    expect(dry.stdout).toContain('line 2: Amara Okafor, website: yes, given by Grace Okafor on 2025-09-08')
    expect(dry.stdout).toContain('line 5: Siân Rees, recording: yes, given by Siân Rees on 2025-09-10')
    expect(dry.stdout).toContain('line 6: No pupil on roll has the MIS id or name “A999”.')
    expect(dry.stdout).toMatch(/line 7: “Blog” is not a purpose the register knows/)
    expect(dry.stdout).toContain('line 8: Amara Okafor is too young to answer for themselves')
    const refused = await signedIn('import', 'consent', '--csv', bad)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/3 rows have problems \(listed above\), so nothing was imported.*--skip-bad-rows to import the 4 good rows/)
    expect(await answerCount()).toEqual({ rows: 0, audits: 0 })

    const skipped = await signedIn('import', 'consent', '--csv', bad, '--skip-bad-rows')
    expect(skipped.code).toBe(0)
    expect(skipped.stdout).toContain('Imported: 4 answers recorded, 0 already in the register, 3 skipped.')
    expect(await answerCount()).toEqual({ rows: 4, audits: 1 })

    // The good rows again, as their own file: nothing new.
    const again = join(root.dir, 'good.csv')
    writeFileSync(again, good.join('\n'))
    const second = await signedIn('import', 'consent', '--csv', again)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('0 answers to record, 4 already in the register, 0 with problems.')
    expect(await answerCount()).toEqual({ rows: 4, audits: 1 })
  }, 120_000)

  it('refuses a file without the columns it needs, saying which', async () => {
    const file = join(root.dir, 'columns.csv')
    writeFileSync(file, 'Name,Consent\nA100,Yes\n')
    const r = await signedIn('import', 'consent', '--csv', file)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('The file has no “purpose”, “given by”, “date” column.')
  }, 60_000)
})

describe('report --help', () => {
  it('names the consent reports', async () => {
    const r = await cli(['report', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^consent-must-not-appear: Class by class, the pupils who must not appear/m)
    expect(r.stdout).toMatch(/^consent-register: Consent given, refused, withdrawn, lapsed/m)
  })
})
