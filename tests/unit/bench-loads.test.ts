import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// `npm run bench` is not part of the test run, so a module it loads that pulls in the test runner
// (vitest refuses to be required outside it) would break it unnoticed. Each section's module is
// loaded here as the bench loads it: plain Node with tsx, no test runner.
const root = resolve(__dirname, '../..')
const SECTIONS = ['store', 'screens', 'saves', 'verify', 'plain-copy', 'reports', 'pdf-baseline', 'backup', 'upgrade', 'event-loop', 'renderer', 'large-school']

describe('the bench', () => {
  it('loads every section outside the test runner', () => {
    const script = `Promise.all(${JSON.stringify(SECTIONS)}.map((s) => import('./bench/' + s + '.ts'))).then(() => console.log('loaded'))`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(out.trim()).toBe('loaded')
  }, 90_000)
})
