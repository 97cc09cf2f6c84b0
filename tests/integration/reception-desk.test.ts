import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { auditRows, clock, school, SIGNATURE, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const NEW_VISITOR = { kind: 'visitor' as const, forename: 'Gwen', surname: 'Tudor', organisation: 'Northgate IT', dbs: { status: 'checked' as const, checkedBy: 'Bea Manager' } }

async function desk() {
  const time = clock('2026-06-16T09:00:00Z')
  const s = await school(time.now)
  open.push(s)
  await ok(s.core, 'aup.publish', { title: 'Visitors', versionLabel: 'v1', audiences: ['visitors'], effectiveFrom: '2025-09-01', body: 'Placeholder visitor agreement for the tests.' })
  await s.as('office')
  const count = async (table: string) => Number(((await s.core.store.requireOpen().db(table).count({ n: '*' })) as { n: number }[])[0]!.n)
  return { ...s, time, count }
}

describe('a forgiving reception desk', () => {
  it('registers a new visitor with their visit in one go; a refusal for one field saves neither', async () => {
    const { core, count } = await desk()
    const people = await count('people')
    const audits = await count('audit_log')
    const tooLong = await refused(core, 'visits.signIn', { newVisitor: NEW_VISITOR, purpose: 'x'.repeat(10_000), hostName: 'Mr Evans', usesIct: false })
    expect(tooLong).toMatchObject({ kind: 'validation', field: 'purpose', message: 'Keep the purpose to 200 characters.' })
    // Refused by the core after the input passed its schema: still nothing saved.
    const noHost = await refused(core, 'visits.signIn', { newVisitor: NEW_VISITOR, purpose: 'Server work', usesIct: false })
    expect(noHost).toMatchObject({ field: 'hostId' })
    const noSignature = await refused(core, 'visits.signIn', { newVisitor: NEW_VISITOR, purpose: 'Server work', hostName: 'Mr Evans', usesIct: true })
    expect(noSignature).toMatchObject({ field: 'agreement' })
    expect(await refused(core, 'visits.signIn', { purpose: 'Server work', hostName: 'Mr Evans', usesIct: false })).toMatchObject({ field: 'personId' })
    expect(await count('people')).toBe(people)
    expect(await count('visits')).toBe(0)
    expect(await count('audit_log')).toBe(audits)

    const aup = await ok(core, 'visitors.currentAup', { kind: 'visitor' })
    const visit = await ok(core, 'visits.signIn', { newVisitor: NEW_VISITOR, purpose: 'Server work', hostName: 'Mr Evans', usesIct: true, agreement: { versionId: aup!.id, signaturePng: SIGNATURE } })
    expect(visit).toMatchObject({ visitorName: 'Gwen Tudor', organisation: 'Northgate IT', agreementId: expect.any(Number) })
    const [found] = await ok(core, 'visitors.search', { text: 'gwen tud', limit: 5 })
    expect(found).toMatchObject({ id: visit.personId, forename: 'Gwen', surname: 'Tudor', agreementCurrent: true, dbs: { status: 'checked', checkedBy: 'Bea Manager', checkedOn: '2026-06-16' } })
    expect((await auditRows(core, 'person.create')).at(-1)).toMatchObject({ target: `person:${visit.personId}`, detail: 'visitor' })
    expect((await auditRows(core, 'visit.signIn')).at(-1)).toMatchObject({ target: `visit:${visit.id}` })
  })

  it('undoes a sign-out made by mistake, audited, only for a few minutes and only at the desk', async () => {
    const { core, time, as } = await desk()
    const a = await ok(core, 'visits.signIn', { newVisitor: NEW_VISITOR, purpose: 'Server work', hostName: 'Mr Evans', usesIct: false })
    time.set('2026-06-16T09:01:00Z')
    await ok(core, 'visits.signOut', { visitId: a.id })
    time.set('2026-06-16T09:01:08Z')
    const back = await ok(core, 'visits.undoSignOut', { visitId: a.id })
    expect(back).toMatchObject({ signedInAt: a.signedInAt, signedOutAt: null, signedOutHow: null })
    expect((await ok(core, 'visits.onSite', {})).visits.map((v) => v.id)).toEqual([a.id])
    expect(await auditRows(core, 'visit.undoSignOut')).toEqual([expect.objectContaining({ target: `visit:${a.id}` })])

    await ok(core, 'visits.signOut', { visitId: a.id })
    time.set('2026-06-16T09:30:00Z')
    // Half an hour on: the register locked itself meanwhile, so the office signs in again.
    await as('office')
    expect(await refused(core, 'visits.undoSignOut', { visitId: a.id })).toMatchObject({
      kind: 'conflict',
      message: 'Gwen Tudor was signed out at 10:01, too long ago to undo. If they are still here, sign them in again.',
    })
    // Signed in again since: the old visit stays closed.
    const again = await ok(core, 'visits.signIn', { personId: a.personId, purpose: 'Back again', hostName: 'Mr Evans', usesIct: false })
    await ok(core, 'visits.signOut', { visitId: again.id })
    const third = await ok(core, 'visits.signIn', { personId: a.personId, purpose: 'Third time', hostName: 'Mr Evans', usesIct: false })
    expect((await refused(core, 'visits.undoSignOut', { visitId: again.id })).message).toBe('Gwen Tudor has been signed in again since, so they are already on site.')
    expect((await ok(core, 'visits.onSite', {})).visits.map((v) => v.id)).toEqual([third.id])
  })

  it('corrects a visitor’s name at the desk, audited, and finds them by the new name', async () => {
    const { core } = await desk()
    const v = await ok(core, 'visits.signIn', { newVisitor: { ...NEW_VISITOR, forename: 'Gwne' }, purpose: 'Server work', hostName: 'Mr Evans', usesIct: false })
    const fixed = await ok(core, 'visitors.update', { id: v.personId, forename: 'Gwen', surname: 'Tudor', organisation: 'Northgate IT', dbs: { status: 'checked', checkedBy: 'Bea Manager', checkedOn: '2026-06-16' } })
    expect(fixed).toMatchObject({ displayName: 'Gwen Tudor', forename: 'Gwen' })
    expect((await auditRows(core, 'person.update')).at(-1)).toMatchObject({ target: `person:${v.personId}`, detail: 'forename' })
    expect((await ok(core, 'visitors.search', { text: 'gwen', limit: 5 }))[0]!.id).toBe(v.personId)
    expect((await ok(core, 'visits.onSite', {})).visits[0]!.visitorName).toBe('Gwen Tudor')
  })
})
