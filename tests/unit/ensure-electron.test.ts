// `npm start` on a fresh clone: the prestart step must try to fetch the Electron runtime and, when it
// cannot, say so in one plain sentence (not electron-vite's "Electron uninstall").
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, it } from 'vitest'

const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
const script = join(import.meta.dirname, '../../scripts/ensure-electron.mjs')

function run(env: Record<string, string>) {
  const cache = mkdtempSync(join(tmpdir(), 'osr-electron-cache-'))
  try {
    const base = { ...process.env }
    delete base['ELECTRON_SKIP_BINARY_DOWNLOAD']
    return spawnSync(process.execPath, [script], { env: { ...base, electron_config_cache: cache, ...env }, encoding: 'utf8', timeout: 60_000 })
  } finally {
    rmSync(cache, { recursive: true, force: true })
  }
}

it.skipIf(existsSync(join(electronDir, 'path.txt')))('tries to download the missing runtime and says in one sentence why it cannot start', () => {
  // A closed port on this machine stands in for an unreachable download site, whatever the network.
  const r = run({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' })
  expect(r.status).toBe(1)
  expect(r.stdout).toContain('Downloading the Electron runtime')
  const lines = r.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^The Electron runtime could not be downloaded \(.+\), so the app cannot start on this computer yet: connect it to the internet/)
  expect(r.stderr + r.stdout).not.toContain('Electron uninstall')
  expect(existsSync(join(electronDir, 'path.txt'))).toBe(false)
})

it.skipIf(existsSync(join(electronDir, 'path.txt')))('names ELECTRON_SKIP_BINARY_DOWNLOAD when that is what stops the download', () => {
  const r = run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
  expect(r.status).toBe(1)
  expect(r.stdout).not.toContain('Downloading')
  expect(r.stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set')
})
