/**
 * The test bridge: serves the built renderer to Chromium and answers its API calls with the
 * real core and the same dispatcher the Electron main process uses. It stands in for the
 * preload + IPC, which need the Electron binary. Test-only: it never ships in the app, it
 * listens on loopback only, and refuses any other peer.
 *
 * It runs on developers' computers beside their everyday browsers, so a web page must not be
 * able to drive it: every request must name this bridge as its Host (a DNS-rebinding page names
 * its own), an Origin, when sent, must be the bridge's own, and every `/__bridge/` request must
 * carry the token made at start (in a meta tag of the page it serves, which another site's
 * page cannot read) and, when it is a POST, a JSON body (which a plain form cannot send).
 * Refusals are 403, or 415 for the content type. The specs' `request` gets the token in fixtures.ts.
 *
 *   node --import tsx tests/e2e/bridge/server.mts [--port 4599]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { METHOD_NAMES } from '../../../shared/api/contract'
import { SHELL_METHOD_NAMES } from '../../../shared/api/shell-names'
import type { SignedInUser } from '../../../shared/domain/users'
import { createCore, type Core } from '../../../electron/core/core'
import { createShellServices, refusedAfterMove, replaceOnlyWhenAsked, type ShellServices } from '../../../electron/main/shell-handlers'
import { refuseToOpen } from '../../../electron/main/open-file-guard'
import { currentDataFolder } from '../../../electron/core/data-folder/location'
import { workerRenderer } from '../../../electron/core/reports/pdf/pdf-renderer'
import { dataKeyOf, openField, sealField } from '../../../electron/core/incidents/incident-keys'

const { values } = parseArgs({ options: { port: { type: 'string', default: '4599' } } })
const port = Number(values.port)
/** Made afresh at every start: only the page this bridge serves (and the specs, through it) learn it. */
const token = randomBytes(32).toString('base64url')
const TOKEN_HEADER = 'x-osr-bridge-token'
const ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
const ownOrigins = new Set([...ownHosts].map((h) => `http://${h}`))
// The build to serve: out/ unless OSR_OUT_DIR names another (as electron.vite.config.ts does).
const outDir = resolve(import.meta.dirname, '../../..', process.env['OSR_OUT_DIR'] ?? 'out')
const rendererDir = resolve(outDir, 'renderer')
const appVersion = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

let dataDir = ''
const opened: string[] = []
let core: Core
// `npm run bench` times the window on a register it has filled (ten years of a large school):
// OSR_BRIDGE_DATA_DIR opens that folder as it is, and the bridge never deletes it.
const givenDataDir = process.env['OSR_BRIDGE_DATA_DIR'] ? resolve(process.env['OSR_BRIDGE_DATA_DIR']) : null

// The bridge's "computer": its per-machine folder is a temp folder's "Online Safety Register"
// (through XDG_DATA_HOME), so moving the register and the pointer work as in the app.
let machineRoot = ''
const machine = () => ({ platform: process.platform, env: { ...process.env, XDG_DATA_HOME: machineRoot } })
// What the next native picker returns (the spec says, through /__bridge/next-pick), and what was asked.
const pickAnswers: (string | null)[] = []
const picksAsked: { kind: string; title: string; defaultPath?: string; filters?: unknown }[] = []
let shell: ShellServices

async function freshCore(): Promise<void> {
  if (core) await core.close()
  if (machineRoot && !givenDataDir) rmSync(machineRoot, { recursive: true, force: true })
  machineRoot = givenDataDir ? resolve(givenDataDir, '..') : mkdtempSync(join(tmpdir(), 'osr-e2e-'))
  pickAnswers.length = 0
  picksAsked.length = 0
  openCore(givenDataDir ?? join(machineRoot, 'Online Safety Register'))
}

/** Opens the register where it is (as the app does at start-up, and after a move at its restart). */
function openCore(folder: string): void {
  dataDir = folder
  core = createCore({
    dataDir,
    appVersion,
    // A fixed, lower scrypt cost: the specs sign in often, and the calibrated cost is measured by
    // `npm run bench` and tested in tests/integration. The bridge never ships.
    kdfCost: { N: 1 << 14, r: 8, p: 1 },
    // The same built worker the app uses (electron-vite builds it beside the main process).
    pdfRenderer: workerRenderer(resolve(outDir, 'main/render-worker.js')),
    exportDir: join(dataDir, 'exports'),
    // There is no viewer here: remember what would have been opened, for the specs to check,
    // after the same check main makes before it hands a file to the computer.
    openFile: async (file) => {
      const refusal = await refuseToOpen(file, join(dataDir, 'exports'))
      if (refusal) throw new Error(refusal)
      opened.push(file)
    },
  })
  const own = core
  const pick = async (asked: { kind: string; title: string; defaultPath?: string; filters?: unknown }) => {
    picksAsked.push(asked)
    return pickAnswers.shift() ?? null
  }
  shell = createShellServices({
    machine: machine(),
    dataDir,
    documentsDir: join(machineRoot, 'Documents'),
    // The spec answers the Save window's "replace it?" itself: it queues a file that is there only when the user would have said yes.
    pickers: {
      folder: ({ title }) => pick({ kind: 'folder', title }),
      file: ({ title }) => pick({ kind: 'file', title }),
      save: ({ title, defaultPath, filters }) => pick({ kind: 'save', title, defaultPath, filters }),
    },
    async signedInUser() {
      const r = await own.call('app.status', {})
      return r.ok ? ((r.value as { user: SignedInUser | null }).user ?? null) : null
    },
    closeRegister: () => own.close(),
    // The app starts again; here a new core opens the register wherever the machine now says it is.
    restart: () => openCore(currentDataFolder(machine()).dataDir),
  })
}

// Built from the same list as the preload's window.api, with the same shape: one async
// function per method, resolving to the core's Result.
const bridgeScript = `(() => {
  const token = document.querySelector('meta[name="osr-bridge-token"]')?.content ?? '';
  const headers = { 'content-type': 'application/json', '${TOKEN_HEADER}': token };
  const names = ${JSON.stringify(METHOD_NAMES)};
  const api = {};
  for (const name of names) {
    api[name] = async (input) => {
      const res = await fetch('/__bridge/call', {
        method: 'POST',
        headers,
        body: JSON.stringify({ method: name, input: input === undefined ? null : input }),
      });
      return res.json();
    };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api) });
  const shell = {};
  for (const name of ${JSON.stringify(SHELL_METHOD_NAMES)}) {
    shell[name] = async (input) => {
      const res = await fetch('/__bridge/shell', {
        method: 'POST',
        headers,
        body: JSON.stringify({ method: name, input: input === undefined ? null : input }),
      });
      return res.json();
    };
  }
  Object.defineProperty(window, 'shell', { value: Object.freeze(shell) });
})();`

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1'
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

/** Why a request is refused (its status and words), or null when it may go on. */
function refusal(req: IncomingMessage, path: string): { status: number; why: string } | null {
  if (!isLoopback(req)) return { status: 403, why: 'loopback only' }
  if (!ownHosts.has(req.headers.host ?? '')) return { status: 403, why: 'wrong Host' }
  const origin = req.headers.origin
  if (origin !== undefined && !ownOrigins.has(origin)) return { status: 403, why: 'foreign Origin' }
  // The script that defines window.api holds no secret: it reads the token from the page.
  if (!path.startsWith('/__bridge/') || path === '/__bridge/api.js') return null
  const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''))
  const expected = Buffer.from(token)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 403, why: 'no token, or not this bridge’s' }
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    return { status: 415, why: 'JSON only' }
  }
  return null
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const refused = refusal(req, url.pathname)
  if (refused) return send(res, refused.status, 'text/plain', refused.why)

  if (req.method === 'POST' && url.pathname === '/__bridge/call') {
    const body = (await readJson(req)) as { method?: unknown; input?: unknown } | null
    const result = await refusedAfterMove(replaceOnlyWhenAsked(core, shell), shell).call(body?.method, body?.input)
    return send(res, 200, 'application/json', JSON.stringify(result))
  }
  if (req.method === 'POST' && url.pathname === '/__bridge/shell') {
    const body = (await readJson(req)) as { method?: unknown; input?: unknown } | null
    const result = await shell.call(body?.method, body?.input)
    return send(res, 200, 'application/json', JSON.stringify(result))
  }
  // The spec scripts the native pickers: each POST queues the path the next one returns (null: cancelled).
  if (req.method === 'POST' && url.pathname === '/__bridge/next-pick') {
    const body = (await readJson(req)) as { path?: unknown } | null
    pickAnswers.push(typeof body?.path === 'string' ? body.path : null)
    return send(res, 200, 'application/json', JSON.stringify({ queued: pickAnswers.length }))
  }
  if (req.method === 'GET' && url.pathname === '/__bridge/folders') {
    return send(res, 200, 'application/json', JSON.stringify({ dataDir, machineRoot }))
  }
  if (req.method === 'GET' && url.pathname === '/__bridge/picks') {
    return send(res, 200, 'application/json', JSON.stringify(picksAsked))
  }
  if (req.method === 'POST' && url.pathname === '/__bridge/reset') {
    await freshCore()
    return send(res, 200, 'application/json', JSON.stringify({ dataDir, machineRoot }))
  }
  // For the spec that proves a record changed behind the app's back is named: one character of
  // an incident's first version, changed with SQL on the open database as an intruder with the key would.
  if (req.method === 'POST' && url.pathname === '/__bridge/alter-incident') {
    // As someone holding the keys would: the entry's first record opened, one character of its
    // place changed, encrypted again (its hash and signature then no longer match).
    const body = (await readJson(req)) as { reference?: unknown } | null
    const { db } = core.store.requireOpen()
    const incident = (await db('incidents').where({ reference: String(body?.reference) }).first('id')) as { id: number } | undefined
    if (!incident) return send(res, 404, 'application/json', JSON.stringify({ changed: 0 }))
    const key = await dataKeyOf(db, core.store, incident.id)
    const record = (await db('incident_records').where({ incident_id: incident.id, kind: 'version' }).orderBy('id').first('id', 'body')) as { id: number; body: string }
    const words = openField(key, 'incident_records', record.id, 'body', record.body).replace('"place":"', '"place":"x')
    await db.raw('DROP TRIGGER IF EXISTS incident_records_no_update')
    const changed = await db('incident_records').where({ id: record.id }).update({ body: sealField(key, 'incident_records', record.id, 'body', words) })
    return send(res, 200, 'application/json', JSON.stringify({ changed }))
  }
  if (req.method === 'GET' && url.pathname === '/__bridge/opened') {
    return send(res, 200, 'application/json', JSON.stringify(opened))
  }
  if (req.method === 'GET' && url.pathname === '/__bridge/api.js') {
    return send(res, 200, MIME['.js']!, bridgeScript)
  }
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed')

  const wanted = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)
  const file = resolve(rendererDir, `.${wanted}`)
  const rel = relative(rendererDir, file)
  if (rel.startsWith('..') || isAbsolute(rel)) return send(res, 404, 'text/plain', 'not found')
  let body: Buffer
  try {
    body = readFileSync(file)
  } catch {
    return send(res, 404, 'text/plain', 'not found')
  }
  if (wanted === '/index.html') {
    // The bridge script must define window.api before the app's module script runs.
    const html = body
      .toString('utf8')
      .replace('<script type="module"', `<meta name="osr-bridge-token" content="${token}" />\n    <script src="/__bridge/api.js"></script>\n    <script type="module"`)
    return send(res, 200, MIME['.html']!, html)
  }
  return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body)
}

await freshCore()
const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    process.stderr.write(`bridge error: ${String(err)}\n`)
    if (!res.headersSent) send(res, 500, 'text/plain', 'bridge error')
  })
})
// Node closes an idle kept-alive connection after 5 s; a test's request that set off on it at that
// moment met "read ECONNRESET" (seen once in a full run). The bridge's clients keep their
// connections as long as a spec runs, so the bridge keeps them open longer than any pause in one.
server.keepAliveTimeout = 120_000
server.headersTimeout = 121_000
server.listen(port, '127.0.0.1', () => process.stdout.write(`test bridge on http://127.0.0.1:${port}\n`))

const stop = () => {
  server.close()
  void core.close().finally(() => {
    if (!givenDataDir) rmSync(machineRoot, { recursive: true, force: true })
    process.exit(0)
  })
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
