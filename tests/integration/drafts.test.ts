// Drafts of forms being typed: kept per user inside the register, and a safeguarding form's draft
// encrypted with the writer's role key, so the database key alone (which reception's password
// opens) finds none of its words — checked on the file, page by page, including the WAL.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { MANAGER, ok, refused } from './helpers'
import { readVaultFile } from './legacy-vault'
import { everyPageWithDatabaseKey } from './plain-pages'
import { clock, school, type School } from './people-fixtures'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

const WORDS = ['Quillfeather', 'Brackenbury', 'he said he would wait by the gasworks']
const incidentDraft = JSON.stringify({
  form: { place: 'Quillfeather Hall', description: 'Brackenbury sent messages', childsWords: WORDS[2] },
  reason: '',
})


async function databaseKey(dir: string): Promise<Buffer> {
  const search = findUserSlot(readVaultFile(dir), MANAGER.username)
  if (!('found' in search)) throw new Error('no manager slot')
  return (await openUserSlot(search.found, MANAGER.password)).dbKey
}

const which = { form: 'incident.record', recordKey: '' } as const

describe('drafts of an incident entry', () => {
  it('come back to their writer with the time they were saved, and none of their words is in the file without the role key', async () => {
    const c = clock('2026-11-04T15:42:00Z')
    s = await school(c.now)
    const saved = await ok(s.core, 'drafts.save', { ...which, content: incidentDraft })
    expect(saved.savedAt).toBe('2026-11-04T15:42:00.000Z')
    expect(await ok(s.core, 'drafts.get', which)).toEqual({ content: incidentDraft, savedAt: saved.savedAt })

    const pages = everyPageWithDatabaseKey(s.dir, await databaseKey(s.dir))
    // The canary: the copy is readable (the drafts table and its columns are there in plain text).
    expect(pages.includes(Buffer.from('SQLite format 3'))).toBe(true)
    expect(pages.includes(Buffer.from('incident.record'))).toBe(true)
    expect(WORDS.filter((w) => pages.includes(Buffer.from(w, 'utf8')))).toEqual([])

    const raw = openRaw(join(s.dir, 'register.db'), await databaseKey(s.dir))
    const rows = raw.prepare('SELECT sealed_with, content FROM drafts').all() as { sealed_with: string; content: string }[]
    raw.close()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.sealed_with).toBe('safeguarding')
    expect(rows[0]!.content.startsWith('e1:')).toBe(true)
  })

  it('are seen by nobody else, whatever their role, and a draft moved to another user’s row does not open', async () => {
    s = await school(clock().now)
    await ok(s.core, 'drafts.save', { ...which, content: incidentDraft })
    await s.as('dsl')
    expect(await ok(s.core, 'drafts.get', which)).toBeNull()
    await ok(s.core, 'drafts.save', { ...which, content: JSON.stringify({ form: { place: 'the DSL’s own' } }) })
    // The DSL's discard removes their own draft only.
    await ok(s.core, 'drafts.discard', which)
    await s.as('manager')
    expect((await ok(s.core, 'drafts.get', which))?.content).toBe(incidentDraft)

    // Someone with the database key moves the manager's sealed draft onto the DSL's account.
    const raw = openRaw(join(s.dir, 'register.db'), await databaseKey(s.dir))
    const dslId = (raw.prepare("SELECT id FROM users WHERE username = 'user-dsl'").get() as { id: number }).id
    raw.prepare('UPDATE drafts SET user_id = ?').run(dslId)
    raw.close()
    await s.as('dsl')
    expect(await ok(s.core, 'drafts.get', which)).toBeNull()
  })

  it('cannot be kept by reception, who hold no key to the incident log, and nothing is written', async () => {
    s = await school(clock().now)
    await s.as('office')
    const error = await refused(s.core, 'drafts.save', { ...which, content: incidentDraft })
    expect(error.kind).toBe('forbidden')
    expect(error.message).toMatch(/cannot be kept as a draft/)
    await s.as('manager')
    const raw = openRaw(join(s.dir, 'register.db'), await databaseKey(s.dir))
    expect((raw.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n).toBe(0)
    raw.close()
  })

  it('are gone once discarded (the record saved, or the writer chose Discard)', async () => {
    s = await school(clock().now)
    await ok(s.core, 'drafts.save', { ...which, content: incidentDraft })
    await ok(s.core, 'drafts.save', { form: 'incident.amend', recordKey: '12', content: incidentDraft })
    await ok(s.core, 'drafts.discard', which)
    expect(await ok(s.core, 'drafts.get', which)).toBeNull()
    // Another record's draft of the same form is kept.
    expect(await ok(s.core, 'drafts.get', { form: 'incident.amend', recordKey: '12' })).not.toBeNull()
  })
})

describe('drafts of other forms', () => {
  it('are kept as typed (the database is encrypted), one per record, replaced by the next save', async () => {
    const c = clock()
    s = await school(c.now)
    const w = { form: 'annualReview.commentary', recordKey: '2025' } as const
    await ok(s.core, 'drafts.save', { ...w, content: '{"commentary":"first"}' })
    c.advance(60_000)
    await ok(s.core, 'drafts.save', { ...w, content: '{"commentary":"second"}' })
    expect(await ok(s.core, 'drafts.get', w)).toEqual({ content: '{"commentary":"second"}', savedAt: '2026-06-16T09:01:00.000Z' })
  })

  it('refuse a form that keeps none, a strange record key and an oversized draft, and keep nothing', async () => {
    s = await school(clock().now)
    expect((await refused(s.core, 'drafts.save', { form: 'users.create', recordKey: '', content: 'x' })).message).toBe('That form does not keep drafts.')
    expect((await refused(s.core, 'drafts.get', { form: 'policy.review', recordKey: '../1' })).message).toBe('That record is not known.')
    const big = await refused(s.core, 'drafts.save', { form: 'policy.review', recordKey: '3', content: 'x'.repeat(200_001) })
    expect(big.kind).toBe('validation')
    expect(big.message).toMatch(/at most 200,000 characters/)
    expect(await ok(s.core, 'drafts.get', { form: 'policy.review', recordKey: '3' })).toBeNull()
  })

  it('refuse a caller who is not signed in', async () => {
    s = await school(clock().now)
    await ok(s.core, 'session.lock', {})
    expect((await refused(s.core, 'drafts.get', which)).kind).toBe('locked')
  })
})

describe('drafts of the incident page’s own forms', () => {
  // What a DSL types while closing an entry, marking a step, recording a referral or describing
  // evidence is part of the safeguarding record: the database key alone reads none of it.
  const SEALED = [
    { form: 'incident.close', recordKey: '7', content: JSON.stringify({ outcome: 'Marlowebridge parents met the head', reason: 'Closed: dealt with.' }), words: ['Marlowebridge'] },
    { form: 'incident.step', recordKey: '7-police-contacted-not-needed', content: JSON.stringify({ on: '2026-06-16', by: '', note: 'Ottercombe decided no crime was disclosed' }), words: ['Ottercombe'] },
    { form: 'incident.referral', recordKey: '7', content: JSON.stringify({ agency: 'Children’s social care', madeOn: '2026-06-16', referenceNumber: 'CSC-Wrenfield-88', outcome: '' }), words: ['Wrenfield'] },
    { form: 'incident.evidence', recordKey: '7', content: JSON.stringify({ description: 'Screenshot of Pellingham group chat' }), words: ['Pellingham'] },
  ] as const

  it('are sealed with the writer’s role key: none of their words is in any page of the file with the database key alone', async () => {
    s = await school(clock().now)
    await s.as('dsl')
    for (const d of SEALED) await ok(s.core, 'drafts.save', { form: d.form, recordKey: d.recordKey, content: d.content })
    for (const d of SEALED) expect((await ok(s.core, 'drafts.get', { form: d.form, recordKey: d.recordKey }))?.content).toBe(d.content)

    const pages = everyPageWithDatabaseKey(s.dir, await databaseKey(s.dir))
    expect(pages.includes(Buffer.from('incident.referral'))).toBe(true)
    expect(SEALED.flatMap((d) => d.words).filter((w) => pages.includes(Buffer.from(w, 'utf8')))).toEqual([])
    const raw = openRaw(join(s.dir, 'register.db'), await databaseKey(s.dir))
    const rows = raw.prepare("SELECT form, sealed_with FROM drafts WHERE form LIKE 'incident.%' ORDER BY form").all() as { form: string; sealed_with: string }[]
    raw.close()
    expect(rows).toEqual([...SEALED].map((d) => ({ form: d.form, sealed_with: 'safeguarding' })).sort((a, b) => a.form.localeCompare(b.form)))
  })

  it('cannot be kept by reception, and another writer of the same incident finds none of them', async () => {
    s = await school(clock().now)
    await s.as('dsl')
    for (const d of SEALED) await ok(s.core, 'drafts.save', { form: d.form, recordKey: d.recordKey, content: d.content })
    await s.as('office')
    for (const d of SEALED) expect((await refused(s.core, 'drafts.save', { form: d.form, recordKey: d.recordKey, content: d.content })).kind).toBe('forbidden')
    await s.as('head')
    for (const d of SEALED) expect(await ok(s.core, 'drafts.get', { form: d.form, recordKey: d.recordKey })).toBeNull()
  })
})

describe('a draft and passwords', () => {
  it('is refused, and nothing kept, when it holds a field named for a password anywhere in it', async () => {
    s = await school(clock().now)
    const w = { form: 'user.edit', recordKey: '' } as const
    for (const content of [
      JSON.stringify({ username: 'j.okafor', displayName: 'Jo Okafor', role: 'office', password: 'sunlit harbour copper kite' }),
      JSON.stringify({ form: { username: 'j.okafor', newPassword: 'sunlit harbour copper kite' } }),
      JSON.stringify({ rows: [{ name: 'x', Passphrase: 'y' }] }),
      JSON.stringify({ recoveryKey: 'ABCD-EFGH' }),
    ]) {
      const error = await refused(s.core, 'drafts.save', { ...w, content })
      expect(error).toMatchObject({ kind: 'validation', field: 'content', message: 'A draft never keeps a password. Save the form itself, or leave the password out of what is kept.' })
    }
    expect(await ok(s.core, 'drafts.get', w)).toBeNull()
    const raw = openRaw(join(s.dir, 'register.db'), await databaseKey(s.dir))
    expect((raw.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n).toBe(0)
    raw.close()
    expect(everyPageWithDatabaseKey(s.dir, await databaseKey(s.dir)).includes(Buffer.from('sunlit harbour'))).toBe(false)

    // The user form's draft as the window keeps it (name, username, role) is kept; a value that merely mentions a password is words, not a secret.
    const kept = JSON.stringify({ username: 'j.okafor', displayName: 'Jo Okafor', role: 'office' })
    await ok(s.core, 'drafts.save', { ...w, content: kept })
    await ok(s.core, 'drafts.save', { form: 'incident.record', recordKey: '', content: JSON.stringify({ form: { description: 'He shared his password with a friend' }, reason: '' }) })
    expect((await ok(s.core, 'drafts.get', w))?.content).toBe(kept)
  })
})
