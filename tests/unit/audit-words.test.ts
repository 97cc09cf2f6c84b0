import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABELS } from '../../shared/domain/audit-actions'
import { auditEntryInWords, ukDateTimeOf } from '../../shared/domain/audit-words'
import type { AuditEntry } from '../../shared/domain/audit'

const CORE = join(__dirname, '../../electron/core')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

/**
 * Every action code the core can write to the trail, read from its source: the `action:` of each
 * event (both sides of a choice), the constants named `…_ACTION`, and the demo history's list.
 */
function actionsInCode(): Map<string, string> {
  const found = new Map<string, string>()
  const code = /'([a-z][A-Za-z]*(?:[.-][a-zA-Z]+)*\.[a-zA-Z]+)'/g
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8')
    const where = file.slice(CORE.length + 1)
    for (const m of text.matchAll(/\baction: ([^,}\n]+)/g)) for (const c of m[1]!.matchAll(code)) found.set(c[1]!, where)
    for (const m of text.matchAll(/_ACTION = ('[^']+')/g)) for (const c of m[1]!.matchAll(code)) found.set(c[1]!, where)
    // The demo history: ['session.login', 30, () => null]
    for (const m of text.matchAll(/\[\s*'([a-z][A-Za-z]*\.[a-zA-Z.]+)',\s*\d+,/g)) found.set(m[1]!, where)
  }
  return found
}

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ id: 1, at: '2026-07-01T08:05:00Z', username: 'bmanager', action: 'session.login', target: null, result: 'ok', detail: null, displayName: 'Bethan Manager', references: {}, ...over })

describe('the audit trail in words', () => {
  it('has words for every action the code writes, so a new one cannot be forgotten', () => {
    const actions = actionsInCode()
    // The scan finds the actions: if it found none, this test would pass whatever the labels said.
    expect(actions.size).toBeGreaterThan(80)
    for (const known of ['session.login', 'session.lock', 'report.issue', 'report.issueAnonymised', 'incident.category.create', 'signing-key.create', 'user.role']) expect([...actions.keys()]).toContain(known)
    const missing = [...actions].filter(([action]) => !AUDIT_ACTION_LABELS[action]).map(([action, file]) => `${action} (${file})`)
    expect(missing).toEqual([])
  })

  it('says who, what, the record, when (UK time) and the detail without codes', () => {
    // 08:05 UTC in July is 09:05 in London; in December it is the same hour.
    expect(ukDateTimeOf('2026-07-01T08:05:00Z')).toBe('01/07/2026 09:05')
    expect(ukDateTimeOf('2026-12-01T08:05:00Z')).toBe('01/12/2026 08:05')
    expect(auditEntryInWords(entry({}))).toEqual({ when: '01/07/2026 09:05', who: 'Bethan Manager', action: 'Signed in', target: '', result: 'Done', detail: '' })
    expect(auditEntryInWords(entry({ action: 'session.lock', detail: 'quit' })).detail).toBe('locked when the app was closed')
    const read = auditEntryInWords(entry({ action: 'incident.read', target: 'incident:5', references: { 'incident:5': 'incident INC-2026-0005' } }))
    expect(read).toMatchObject({ action: 'Viewed an incident', target: 'incident INC-2026-0005' })
    // A record no longer in the register: its kind in words, never the code.
    expect(auditEntryInWords(entry({ action: 'person.read', target: 'person:77' })).target).toBe('a person no longer in the directory')
    expect(auditEntryInWords(entry({ action: 'report.issue', target: 'incident-record:5', references: { 'incident-record:5': 'the incident record of INC-2026-0005' } })).target).toBe('the incident record of INC-2026-0005')
    expect(auditEntryInWords(entry({ action: 'report.issue', target: 'visitor-log', detail: `3 pages; sha256 ${'ab12cd34'.repeat(8)}` }))).toMatchObject({ target: '“Visitor log”', detail: `3 pages; SHA-256 ${Array(8).fill('ab12cd34').join(' ')}` })
    expect(auditEntryInWords(entry({ action: 'user.update', target: 'user:2', detail: 'role office → dsl', references: { 'user:2': 'Siân Griffiths' } }))).toMatchObject({ target: 'Siân Griffiths', detail: 'role Office staff (reception) → Designated safeguarding lead' })
    expect(auditEntryInWords(entry({ action: 'annualReview.commentary', target: 'year:2025' })).target).toBe('the school year 2025–26')
    expect(auditEntryInWords(entry({ username: null, displayName: null, action: 'visit.autoSignOut' })).who).toBe('The app')
    expect(auditEntryInWords(entry({ username: null, displayName: null, result: 'refused', detail: 'wrong-password' }))).toMatchObject({ who: 'Someone not signed in', result: 'Refused', detail: 'the password did not match' })
    expect(auditEntryInWords(entry({ action: 'retention.run', detail: 'before 2020-01-01: 0 visitors' })).detail).toBe('before 01/01/2020: 0 visitors')
  })
})
