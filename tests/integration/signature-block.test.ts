import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

/**
 * What a reader outside the school can check in a report's signature block: its number in the
 * report register, the chain heads it was made at (the same as the anchor the file carries) and
 * how to check the copy. Read from outside: pdftotext for what is printed, qpdf for the anchor.
 */

// 14:05 UK time on 3 March 2027; a second clock just after New Year.
const MARCH = Date.parse('2027-03-03T14:05:00Z')

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function school(now: () => number): { core: Core; dir: string } {
  const t = tempDir()
  const core = newCore(t.dir, { now })
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

/** The /OSRAnchor array in the document information, as qpdf shows the file's objects (not through the app's reader). */
function anchorByQpdf(file: string): { audit: { seq: number; hash: string }; incidents: { seq: number; hash: string } } {
  const trailer = execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'utf8' })
  const info = /\/Info (\d+) 0 R/.exec(trailer)![1]!
  const dict = execFileSync('qpdf', [`--show-object=${info}`, file], { encoding: 'utf8' })
  const ref = /\/OSRAnchor (\d+) 0 R/.exec(dict)![1]!
  const names = execFileSync('qpdf', [`--show-object=${ref}`, file], { encoding: 'utf8' }).trim().replace(/^\[|\]$/g, '').trim().split(/\s+/).map((n) => n.slice(1))
  expect(names[0]).toBe('at')
  const head = (seq: string, hash: string) => ({ seq: Number(seq), hash: hash === 'none' ? '' : hash })
  return { audit: head(names[3]!, names[4]!), incidents: head(names[6]!, names[7]!) }
}

/** The chain heads as the block prints them: "Audit trail to entry 1,234 (3f2a 9c1b 77e0 12ab)". */
const printedHead = (what: string, item: string, h: { seq: number; hash: string }) =>
  h.seq === 0 ? `${what}: empty` : `${what} to ${item} ${h.seq.toLocaleString('en-GB')} (${h.hash.slice(0, 16).match(/.{4}/g)!.join(' ')})`

describe('the signature block: what an outsider can check', () => {
  it('prints the register number of the row the register keeps, the chain heads of the anchor in the file, and how to check the copy', async () => {
    const { core, dir } = school(() => MARCH)
    await setUpSchool(core)
    const first = await issueReport(core, { type: 'users-and-roles' }, dir)
    const second = await issueReport(core, { type: 'audit-trail', from: '2027-03-03', to: '2027-03-03' }, dir)

    const register = await ok(core, 'reports.register', { offset: 0, limit: 10 })
    expect(register.rows.map((r) => [r.id, r.number])).toEqual([
      [second.report.id, '2027-0002'],
      [first.report.id, '2027-0001'],
    ])
    for (const { file, report } of [first, second]) {
      expect(report.sha256).toBe(register.rows.find((r) => r.id === report.id)!.sha256)
      const text = pdftotext(file)
      expect(text).toContain(`Register number Report ${report.number} in the school’s report register`)
      expect(text).not.toContain('SHA-256 of the content')
      // The heads printed are the anchor the file carries (read by qpdf), and the anchor is the register's own.
      const anchor = anchorByQpdf(file)
      expect(anchor.audit.seq).toBeGreaterThan(0)
      expect(text).toContain(`Chain heads at issue ${printedHead('Audit trail', 'entry', anchor.audit)} ${printedHead('Incident log', 'record', anchor.incidents)}`)
      const row = (await core.store.requireOpen().db('audit_log').where({ id: anchor.audit.seq }).first('hash')) as { hash: string }
      expect(row.hash).toBe(anchor.audit.hash)
      expect(text).toMatch(/The chain heads are the last entries of the audit trail and of the incident log when this report was made/)
      // How to check: the certificate's fingerprint (as pdfsig reads it), the guide, the app's screen and its command line.
      const fingerprint = (await ok(core, 'certificate.get', {})).fingerprint
      expect(text.replace(/[ :]/g, '')).toContain(`Certificatefingerprint(SHA-256)${fingerprint.replace(/[ :]/g, '')}`)
      // pdftotext drops a hyphen where the line breaks at it.
      expect(text).toMatch(/the guide “Trusting the school’s reports” \(docs\/trusting-?reports\.md\) shows how/)
      expect(text).toContain(`exactly the file it entered as Report ${report.number} with “Check a PDF” in Online Safety Register (on its command line: npm run cli -- verify-pdf)`)
      expect(pdfsig(file)).toContain('Signature is Valid.')
      // verify --against still reads the anchor back from the file.
      const verified = await ok(core, 'audit.verify', { against: file })
      expect(verified.anchors[0]).toMatchObject({ given: true, ok: true })
      expect((await ok(core, 'reports.verify', { fileBase64: readFileSync(file).toString('base64') })).registerEntry).toMatchObject({ id: report.id, number: report.number })
    }
  }, 60_000)

  it('an unsigned report says its register number and how to check it; numbers start again each year, held while a report is laid out', async () => {
    let now = Date.parse('2027-12-31T23:30:00Z')
    const { core, dir } = school(() => now)
    await setUpSchool(core)
    await ok(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: 'first given password here' })
    const december = await issueReport(core, { type: 'users-and-roles' }, dir)
    expect(december.report.number).toBe('2027-0001')
    // New Year in the UK: the next report is the year's first.
    now = Date.parse('2028-01-01T00:10:00Z')
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: 'first given password here' })
    await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: 'copper meadow sleepy anchor' })
    // Two started together: each holds its own number.
    const [a, b] = await Promise.all([ok(core, 'reports.start', { type: 'roll-call', anonymised: false }), ok(core, 'reports.start', { type: 'roll-call', anonymised: false })])
    expect(a.jobId).not.toBe(b.jobId)
    const roll = await issueReport(core, { type: 'roll-call' }, dir)
    for (const { jobId } of [a, b]) {
      for (let i = 0; i < 600 && (await ok(core, 'reports.job', { jobId })).status === 'running'; i++) await new Promise((r) => setTimeout(r, 50))
      expect((await ok(core, 'reports.job', { jobId })).status).toBe('done')
    }
    const numbers = (await core.store.requireOpen().db('reports').orderBy('id').pluck('number')) as string[]
    expect(numbers.slice(0, 1)).toEqual(['2027-0001'])
    expect(numbers.slice(1).sort()).toEqual(['2028-0001', '2028-0002', '2028-0003'])
    expect(roll.report.signed).toBe(false)
    const text = pdftotext(roll.file)
    expect(text).toContain('Not digitally signed')
    expect(text).toContain(`Register number Report ${roll.report.number} in the school’s report register`)
    expect(text).toContain(`It is entered in the school’s report register as Report ${roll.report.number}: the school checks that a copy is exactly that file with “Check a PDF” in Online Safety Register`)
    expect(text).toMatch(/Chain heads at issue Audit trail to entry [\d,]+ \(/)
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const verdict = await ok(core, 'reports.verify', { fileBase64: readFileSync(roll.file).toString('base64') })
    expect(verdict).toMatchObject({ verdict: 'not-signed', registerEntry: { number: roll.report.number } })
  }, 60_000)
})
