// Runs before `npm start` and `npm run dev`. Electron (42 and later) no longer downloads its runtime
// when it is installed, and electron-vite reports a missing runtime only as "Electron uninstall".
// So: if the runtime for the installed Electron version is not here, fetch it with Electron's own
// installer (which checks it against the checksums shipped in the package), saying what is happening,
// and if that cannot be done say so in one plain sentence.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = require('electron/package.json')

function installed() {
  try {
    const got = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '')
    const exe = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    return got === version && existsSync(join(electronDir, 'dist', exe))
  } catch {
    return false
  }
}

if (installed()) process.exit(0)

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.error(
    `The Electron runtime ${version} is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded: unset that variable and run the command again.`,
  )
  process.exit(1)
}

process.stdout.write(`Downloading the Electron runtime ${version} (about 110 MB, once; it is checked against Electron's published checksums)...\n`)
const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })
if (r.status === 0 && installed()) {
  process.stdout.write('The Electron runtime is installed. Starting the app...\n')
  process.exit(0)
}
const detail = (r.stderr || '').split('\n').find((l) => /error/i.test(l))?.trim() ?? `the installer stopped with code ${r.status}`
console.error(
  `The Electron runtime could not be downloaded (${detail}), so the app cannot start on this computer yet: connect it to the internet (or set ELECTRON_MIRROR to a mirror your school allows) and run the command again.`,
)
process.exit(1)
