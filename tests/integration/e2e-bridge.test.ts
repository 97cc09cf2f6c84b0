import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './helpers'

// The e2e test bridge runs on developers' computers beside their browsers: a web page, or a
// page whose name was pointed at 127.0.0.1, must not be able to drive it. Started here as the
// specs start it, over a stand-in renderer page, and called with node:http (which, unlike a
// browser, lets the test send any Host and Origin).

const ROOT = resolve(import.meta.dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')

interface Bridge {
  port: number
  child: ChildProcess
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

async function startBridge(outDir: string): Promise<Bridge> {
  const port = await freePort()
  const child = spawn(NODE, ['--import', 'tsx', 'tests/e2e/bridge/server.mts', '--port', String(port)], { cwd: ROOT, env: { ...process.env, OSR_OUT_DIR: outDir }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the bridge did not start:\n${output}`)), 60_000)
    const seen = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('test bridge on')) {
        clearTimeout(timer)
        done()
      }
    }
    child.stdout!.on('data', seen)
    child.stderr!.on('data', seen)
    child.once('exit', (code) => fail(new Error(`the bridge stopped (${code}):\n${output}`)))
  })
  return { port, child }
}

interface Answer {
  status: number
  body: string
}

function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', fail)
    req.end(options.body)
  })
}

async function tokenOf(port: number): Promise<string> {
  const page = await call(port, '/index.html')
  expect(page.status).toBe(200)
  return /<meta name="osr-bridge-token" content="([^"]+)"/.exec(page.body)![1]!
}

let first: Bridge
let second: Bridge
let cleanup: () => void

beforeAll(async () => {
  const t = tempDir('osr-bridge-')
  cleanup = t.cleanup
  mkdirSync(join(t.dir, 'renderer'), { recursive: true })
  writeFileSync(join(t.dir, 'renderer/index.html'), '<!doctype html><html><head><script type="module" src="./app.js"></script></head><body></body></html>')
  ;[first, second] = await Promise.all([startBridge(t.dir), startBridge(t.dir)])
}, 120_000)

afterAll(async () => {
  for (const b of [first, second]) {
    if (!b) continue
    const exited = new Promise((done) => b.child.once('exit', done))
    b.child.kill('SIGTERM')
    await exited
  }
  cleanup()
})

const statusCall = JSON.stringify({ method: 'app.status', input: {} })
const json = { 'content-type': 'application/json' }

describe('the e2e test bridge', () => {
  it('takes a new token at each start and puts it in the page it serves, before the script that reads it', async () => {
    const page = await call(first.port, '/index.html')
    const token = await tokenOf(first.port)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await tokenOf(second.port)).not.toBe(token)
    expect(page.body.indexOf('osr-bridge-token')).toBeLessThan(page.body.indexOf('/__bridge/api.js'))
    const script = await call(first.port, '/__bridge/api.js')
    expect(script.status).toBe(200)
    expect(script.body).not.toContain(token)
  })

  it('answers an API call with its token, its own Host and Origin and a JSON body', async () => {
    const token = await tokenOf(first.port)
    for (const origin of [undefined, `http://127.0.0.1:${first.port}`, `http://localhost:${first.port}`]) {
      const answer = await call(first.port, '/__bridge/call', { method: 'POST', headers: { ...json, 'x-osr-bridge-token': token, ...(origin ? { origin } : {}) }, body: statusCall })
      expect(answer.status, origin).toBe(200)
      expect(JSON.parse(answer.body), origin).toMatchObject({ ok: true, value: { setUp: false, unlocked: false } })
    }
    const viaLocalhost = await call(first.port, '/__bridge/call', { method: 'POST', headers: { ...json, host: `localhost:${first.port}`, 'x-osr-bridge-token': token }, body: statusCall })
    expect(viaLocalhost.status).toBe(200)
  })

  it('refuses another Host (a rebound name), even for the page and with the token', async () => {
    const token = await tokenOf(first.port)
    for (const host of [`evil.example:${first.port}`, 'evil.example', `127.0.0.1:${second.port}`, `127.0.0.1.evil.example:${first.port}`]) {
      expect((await call(first.port, '/index.html', { headers: { host } })).status, host).toBe(403)
      const answer = await call(first.port, '/__bridge/call', { method: 'POST', headers: { ...json, host, 'x-osr-bridge-token': token }, body: statusCall })
      expect(answer.status, host).toBe(403)
      expect(answer.body).not.toContain('"ok"')
    }
  })

  it('refuses a foreign Origin, with or without the token', async () => {
    const token = await tokenOf(first.port)
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${second.port}`, `https://127.0.0.1:${first.port}`]) {
      const answer = await call(first.port, '/__bridge/call', { method: 'POST', headers: { ...json, origin, 'x-osr-bridge-token': token }, body: statusCall })
      expect(answer.status, origin).toBe(403)
      expect((await call(first.port, '/__bridge/reset', { method: 'POST', headers: { ...json, origin }, body: '{}' })).status, origin).toBe(403)
    }
  })

  it('refuses a call without the token or with another bridge’s, on every /__bridge/ address', async () => {
    const other = await tokenOf(second.port)
    for (const [method, path] of [['POST', '/__bridge/call'], ['POST', '/__bridge/shell'], ['POST', '/__bridge/reset'], ['POST', '/__bridge/next-pick'], ['POST', '/__bridge/alter-incident'], ['GET', '/__bridge/folders'], ['GET', '/__bridge/opened'], ['GET', '/__bridge/picks']] as const) {
      expect((await call(first.port, path, { method, headers: json, body: method === 'POST' ? statusCall : undefined })).status, path).toBe(403)
      expect((await call(first.port, path, { method, headers: { ...json, 'x-osr-bridge-token': other }, body: method === 'POST' ? statusCall : undefined })).status, path).toBe(403)
    }
  })

  it('refuses a body that is not JSON (what a plain form or a simple cross-site request sends) with 415', async () => {
    const token = await tokenOf(first.port)
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const answer = await call(first.port, '/__bridge/call', { method: 'POST', headers: { 'x-osr-bridge-token': token, ...(type ? { 'content-type': type } : {}) }, body: statusCall })
      expect(answer.status, type).toBe(415)
    }
    expect((await call(first.port, '/__bridge/call', { method: 'POST', headers: { 'x-osr-bridge-token': token, 'content-type': 'application/json; charset=utf-8' }, body: statusCall })).status).toBe(200)
  })
})
