// Installs the Debian packages the tests use, where they are missing and apt is available:
// chromium (end-to-end specs), poppler-utils (pdfsig, pdftotext, pdftoppm), qpdf (PDF checks),
// faketime (the date-heavy tests at a term boundary), libssl-dev (official SQLCipher's build), nsis
// (the installer's own script is compiled by makensis) and python3-cryptography (an outside reader of
// the report certificate).
// On a machine without apt (a developer's Mac, Windows) it only says what is missing.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const needs = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/pdfsig', pkg: 'poppler-utils' },
  { bin: '/usr/bin/qpdf', pkg: 'qpdf' },
  { bin: '/usr/bin/faketime', pkg: 'faketime' },
  { bin: '/usr/include/openssl/ssl.h', pkg: 'libssl-dev' },
  { bin: '/usr/bin/makensis', pkg: 'nsis' },
  // Python's `cryptography` reads the report certificate in tests/integration/pades.test.ts.
  { bin: '/usr/lib/python3/dist-packages/cryptography/__init__.py', pkg: 'python3-cryptography' },
]

const missing = needs.filter((n) => !existsSync(n.bin)).map((n) => n.pkg)
if (missing.length === 0) process.exit(0)

const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!hasApt || !isRoot) {
  console.error(`Missing system packages: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run the tests again.`)
  process.exit(1)
}

console.warn(`Installing ${missing.join(', ')} from Debian's packages (a minute or two, once)...`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env })
