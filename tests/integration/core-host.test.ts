import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seedAuditHistory } from '../../electron/core/audit/demo-audit'
import { createCoreClient, type CoreClient } from '../../electron/core-host/core-client'
import { forkHost } from '../../electron/core-host/fork-host'
import type { FromHost, HostInit } from '../../electron/core-host/protocol'
import { CORE_STOPPED_MESSAGE } from '../../shared/api/core-stopped'
import type { Result } from '../../shared/api/result'
import type { ReportJob } from '../../shared/domain/reports'
import { FAST_KDF, MANAGER, SCHOOL, newCore, setUpSchool, tempDir } from './helpers'

// The core host as it ships: out/main/core-host.js, built by electron-vite's own main
// configuration (scripts/build-main.mjs), run as a real child process with the same structured
// clone serialisation as Electron's utilityProcess, on real encrypted files. The client is the
// one main uses; only the spawn differs (child_process.fork here, utilityProcess.fork in the app).

const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const OUT = '.tmp/core-host-test'
const MAIN = join(ROOT, OUT, 'main')
const HOST = join(MAIN, 'core-host.js')
const PERSON = { kind: 'pupil', forename: 'Siôn', surname: 'Ŵyn', dateOfBirth: '2016-10-04', yearGroup: '5', regClass: '5W' }

/** Enough audit entries that a verify takes a few hundred milliseconds even on a quiet machine. */
const AUDIT_ENTRIES = 100_000
let template: { dir: string; cleanup: () => void }

beforeAll(async () => {
  const build = spawnSync(NODE, ['scripts/build-main.mjs'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OSR_OUT_DIR: OUT } })
  if (build.status !== 0) throw new Error(`The main process did not build:\n${build.stdout}\n${build.stderr}`)
  // One register set up once (a signing certificate and the audit history take seconds), copied for each test.
  template = tempDir('osr-host-template-')
  const core = newCore(template.dir)
  await setUpSchool(core)
  await seedAuditHistory(core.store, AUDIT_ENTRIES)
  // Its backups stay: the copies' sign-ins then find today's daily backup made.
  await core.close()
}, 120_000)
afterAll(() => {
  template?.cleanup()
  rmSync(join(ROOT, OUT), { recursive: true, force: true })
})

let dirs: { cleanup: () => void }[] = []
let clients: CoreClient[] = []
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()))
  for (const d of dirs) d.cleanup()
  dirs = []
  clients = []
})

function folder(): string {
  const d = tempDir('osr-host-')
  dirs.push(d)
  return d.dir
}

/** A client on the built host; `hosts` collects every child it starts (a test kills one). */
function client(dataDir: string, extra: { opened?: string[] } = {}) {
  const hosts: ChildProcess[] = []
  const exits: string[] = []
  const init: HostInit = { dataDir, appVersion: '0.0.0-test', kdfCost: FAST_KDF, renderWorker: join(MAIN, 'render-worker.js'), exportDir: join(dataDir, 'exports') }
  const c = createCoreClient({
    spawn: forkHost(HOST, (child) => hosts.push(child)),
    init,
    openFile: async (file) => void extra.opened?.push(file),
    onUnexpectedExit: (how) => exits.push(how),
  })
  clients.push(c)
  return { client: c, hosts, exits }
}

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const r = await pending
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`)
  return r.value as T
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) => (child.exitCode !== null || child.signalCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))))

/** A copy of the register set up once, with its long audit trail (so a verify takes a while). */
function preparedRegister(): string {
  const dataDir = folder()
  cpSync(template.dir, dataDir, { recursive: true })
  return dataDir
}

describe('the built main process', () => {
  it('does not contain the core: main holds the client and the data folder rules, the host bundles the core', () => {
    // main's entry and the shared chunks it loads
    const entry = readFileSync(join(MAIN, 'index.js'), 'utf8')
    const chunks = [...entry.matchAll(/require\("\.\/(chunks\/[^"]+)"\)/g)].map((m) => readFileSync(join(MAIN, m[1]!), 'utf8'))
    const main = [entry, ...chunks].join('\n')
    // The one part of electron/core main carries: where the records' folder is (file rules, no database, key or session).
    const fromCore = [...new Set([...main.matchAll(/\/\/ (electron\/core\/\S+)/g)].map((m) => m[1]!))].sort()
    expect(fromCore.filter((f) => !f.startsWith('electron/core/data-folder/'))).toEqual([
      'electron/core/api/app-error.ts',
      'electron/core/store/paths.ts',
      'electron/core/vault/vault-file.ts',
      'electron/core/vault/vault-format.ts',
    ])
    expect(main).not.toMatch(/require\("(knex|better-sqlite3-multiple-ciphers|pdfmake|@signpdf\/[a-z-]+|node-forge)"\)/)
    expect(main).not.toMatch(/\/\/ electron\/core\/(db|store\/register-store|vault\/vault\.ts|api\/dispatcher)/)
    expect(main).toContain('// electron/core-host/core-client.ts')
    const host = readFileSync(HOST, 'utf8')
    expect(host).toContain('// electron/core/core.ts')
    expect(host).toMatch(/require\("better-sqlite3-multiple-ciphers"\)/)
    expect(host).not.toMatch(/require\("electron"\)/)
  })
})

describe('the core host', () => {
  it('serves calls: set up, sign in, save, read, and refusals come back as they left the core', async () => {
    const dataDir = folder()
    const { client: c } = client(dataDir)
    expect(await value(c.call('app.status', {}))).toMatchObject({ setUp: false, unlocked: false })
    const { recoveryKey } = await value<{ recoveryKey: string }>(c.call('setup.create', { school: SCHOOL, manager: MANAGER }))
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/)
    await value(c.call('session.lock', {}))
    expect(await c.call('people.list', {})).toMatchObject({ ok: false, error: { kind: 'locked' } })
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    const person = await value<{ id: number; forename: string }>(c.call('people.create', PERSON))
    expect(await value(c.call('people.get', { id: person.id }))).toMatchObject({ forename: 'Siôn', surname: 'Ŵyn' })
    expect(await c.call('people.create', { ...PERSON, forename: '' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'forename' } })
    expect(await c.call('no.such', {})).toMatchObject({ ok: false, error: { kind: 'not-found' } })
    // Calls in flight together come back to their own callers.
    const many = await Promise.all([1, 2, 3, 4, 5].map((n) => c.call('people.list', { text: n % 2 ? 'Siôn' : 'nobody' })))
    expect(many.map((r) => (r.ok ? (r.value as { total: number }).total : -1))).toEqual([1, 0, 1, 0, 1])
  })

  it('makes a signed report in its own worker thread and asks main to open it', async () => {
    const dataDir = preparedRegister()
    const opened: string[] = []
    const { client: c } = client(dataDir, { opened })
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    const { jobId } = await value<{ jobId: string }>(c.call('reports.start', { type: 'users-and-roles', anonymised: false }))
    let job: ReportJob
    do {
      await new Promise((r) => setTimeout(r, 50))
      job = await value<ReportJob>(c.call('reports.job', { jobId }))
    } while (job.status === 'running')
    expect(job.status).toBe('done')
    const { file } = await value<{ file: string }>(c.call('reports.open', { jobId }))
    expect(opened).toEqual([file])
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('killed mid-call: the call answers "locked itself" in plain words, a new host serves the next, and what was saved is there', async () => {
    const dataDir = preparedRegister()
    const { client: c, hosts, exits } = client(dataDir)
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    const person = await value<{ id: number }>(c.call('people.create', PERSON))

    const verifying = c.call('audit.verify', {})
    await new Promise((r) => setTimeout(r, 50)) // well inside the verify of 100,000 entries
    hosts[0]!.kill('SIGKILL')
    expect(await verifying).toEqual({ ok: false, error: { kind: 'locked', message: CORE_STOPPED_MESSAGE } })
    expect(exits).toEqual(['signal SIGKILL'])

    // The window's next call that needs a session hears why it is signed out; a new host answers it.
    expect(await c.call('people.list', {})).toEqual({ ok: false, error: { kind: 'locked', message: CORE_STOPPED_MESSAGE } })
    expect(hosts).toHaveLength(2)
    expect(hosts[1]!.pid).not.toBe(hosts[0]!.pid)
    expect(await value(c.call('app.status', {}))).toMatchObject({ setUp: true, unlocked: false })
    // Once said, a locked register answers as usual again.
    expect(await c.call('people.list', {})).toMatchObject({ ok: false, error: { kind: 'locked', message: expect.not.stringContaining('unexpectedly') } })

    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    expect(await value(c.call('people.get', { id: person.id }))).toMatchObject({ forename: 'Siôn' })
    expect(await value(c.call('audit.verify', {}))).toMatchObject({ ok: true })
    // The new host wrote down how the old one ended, for IT support.
    expect(readFileSync(join(dataDir, 'logs', 'app.log'), 'utf8')).toContain('ended unexpectedly (signal SIGKILL)')
  })

  it('a host that dies while nobody is waiting is replaced at once, and the first call that finds it locked says why', async () => {
    const dataDir = preparedRegister()
    const { client: c, hosts } = client(dataDir)
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    hosts[0]!.kill('SIGKILL')
    await exited(hosts[0]!)
    await new Promise((r) => setTimeout(r, 50))
    expect(hosts).toHaveLength(2) // started before anyone asked
    // A sign-in's own 'locked' (too many attempts) is never mistaken for the stop: it goes through.
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    expect(await value(c.call('people.list', {}))).toMatchObject({ total: 0 })
  })

  it('a lock sent during a long call waits its turn, then locks', async () => {
    const dataDir = preparedRegister()
    const { client: c } = client(dataDir)
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    const order: string[] = []
    const verifying = c.call('audit.verify', {}).then((r) => (order.push('verify'), r))
    await new Promise((r) => setTimeout(r, 50))
    order.push('lock sent')
    const locking = c.lock().then(() => order.push('locked'))
    const verified = await verifying
    await locking
    expect(order).toEqual(['lock sent', 'verify', 'locked'])
    // The verify ran to its end under the session, not cut short by the lock.
    expect(verified).toMatchObject({ ok: true, value: { ok: true } })
    expect((verified as { value: { checked: number } }).value.checked).toBeGreaterThan(AUDIT_ENTRIES)
    expect(await value(c.call('app.status', {}))).toMatchObject({ unlocked: false })
    expect(await c.call('audit.list', { offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { kind: 'locked' } })
  })

  it('close() locks with the on-lock backup, the host exits, and nothing starts again; main\'s log lines reach the app log', async () => {
    const dataDir = preparedRegister()
    const { client: c, hosts } = client(dataDir)
    await value(c.call('session.login', { username: MANAGER.username, password: MANAGER.password }))
    await value(c.call('people.create', PERSON))
    // main's own lines (it keeps no log file) reach the app's log through the host
    c.log('The window stopped unexpectedly (crashed) and was reopened')
    const onLock = () => readdirSync(join(dataDir, 'backups')).filter((f) => f.includes('-on-lock-'))
    const before = onLock()
    await c.close()
    expect(hosts[0]!.exitCode).toBe(0)
    const appLog = readFileSync(join(dataDir, 'logs', 'app.log'), 'utf8')
    expect(appLog).toMatch(/START Online Safety Register \S+ · Node /)
    expect(appLog).toMatch(/ERROR Window: The window stopped unexpectedly \(crashed\) and was reopened/)
    expect(onLock().filter((f) => !before.includes(f))).toHaveLength(1)
    expect(await c.call('app.status', {})).toMatchObject({ ok: false, error: { kind: 'locked' } })
    expect(hosts).toHaveLength(1)
    await c.lock() // nothing to lock, nothing started
    expect(hosts).toHaveLength(1)
  })

  it('when main goes away without a word, the host locks and exits', async () => {
    const dataDir = preparedRegister()
    const child = fork(HOST, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const ready = new Promise<FromHost>((done) => child.once('message', (m) => done(m as FromHost)))
    child.send({ type: 'init', init: { dataDir, appVersion: '0.0.0-test', kdfCost: FAST_KDF } })
    expect(await ready).toEqual({ type: 'ready' })
    const answered = new Promise<FromHost>((done) => child.once('message', (m) => done(m as FromHost)))
    child.send({ type: 'call', id: 1, method: 'session.login', input: { username: MANAGER.username, password: MANAGER.password } })
    expect(await answered).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
    child.disconnect()
    expect(await exited(child)).toBe(0)
    expect(existsSync(join(dataDir, 'register.db'))).toBe(true)
  })
})
