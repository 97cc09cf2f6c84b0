// Installs official SQLCipher (@journeyapps/sqlcipher, pinned with its integrity in
// tests/official-sqlcipher/package-lock.json) for the one test that reads the app's database without
// the app's driver. It compiles native code (node-gyp, a C++ toolchain, OpenSSL headers), which is
// why it is not a dependency of the app: a school PC running `npm install` must never need a compiler.
// scripts/test-all.mjs runs it beside the typecheck and lint. It is compiled without optimisation
// (-O0): the test reads a small register once, and an optimised build took three times the CPU
// (64 s against 23 s here) on a machine whose two cores the other tests need.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '../tests/official-sqlcipher')
const stamp = join(dir, 'node_modules/.installed-from')
const lockHash = createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex')

function officialSqlcipherInstalled() {
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash
}

function installOfficialSqlcipher() {
  if (officialSqlcipherInstalled()) return { ok: true, note: 'already installed' }
  if (process.platform === 'win32') return { ok: false, note: 'the package does not build on Windows' }
  const env = { ...process.env, CFLAGS: '-O0', CXXFLAGS: '-O0' }
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  if (r.status !== 0) return { ok: false, note: `npm ci failed:\n${r.stderr.trim().split('\n').slice(-15).join('\n')}` }
  writeFileSync(stamp, lockHash)
  return { ok: true, note: 'installed' }
}

const started = Date.now()
const { ok, note } = installOfficialSqlcipher()
const took = ((Date.now() - started) / 1000).toFixed(0)
if (ok) process.stdout.write(`official SQLCipher for the cross-check: ${note} (${took} s)\n`)
else console.warn(`official SQLCipher for the cross-check could not be installed (${note}); that test will be skipped.`)
process.exit(ok ? 0 : 1)
