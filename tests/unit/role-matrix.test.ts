import { describe, expect, it } from 'vitest'
import { contract, type MethodSpec } from '../../shared/api/contract'
import { METHOD_NAMES } from '../../shared/api/contract'
import type { MethodName } from '../../shared/api/method-names'
import { ROLES, type Role } from '../../shared/domain/roles'
import { createDispatcher, type HandlersFor } from '../../electron/core/api/dispatcher'
import type { Contract } from '../../shared/api/contract'

// Every method × every role (and nobody signed in), on the real contract and the real
// dispatcher: each handler only counts its calls, so a refusal can be seen not to reach it.
const calls = new Map<MethodName, number>()
const handlers = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, () => void calls.set(name, (calls.get(name) ?? 0) + 1)]),
) as unknown as HandlersFor<Contract>
const dispatch = createDispatcher<Contract>(handlers, { logger: { error: () => {} } })

const allowed = (spec: MethodSpec, role: Role | null) =>
  spec.access === 'anyone' || (role !== null && spec.access.includes(role))

const cases = METHOD_NAMES.flatMap((method) => [...ROLES, null].map((role) => [method, role] as const))

describe('every method × every role', () => {
  it.each(cases)('%s as %s', async (method, role) => {
    calls.clear()
    const session = role ? { userId: 1, username: 'someone', displayName: 'Someone', role } : null
    const spec = contract[method] as MethodSpec
    // Deliberately invalid input: a permitted caller gets "validation", a forbidden one must
    // get "forbidden"/"locked" — the role is checked first and nothing reaches the handler.
    const result = await dispatch(method, { '<script>': 'x' }, { session })
    expect(result.ok).toBe(false)
    if (result.ok) return
    if (allowed(spec, role)) {
      expect(result.error.kind).toBe('validation')
    } else {
      expect(result.error.kind).toBe(role === null ? 'locked' : 'forbidden')
    }
    expect(calls.get(method) ?? 0).toBe(0)
  })

  it('keeps reception (office) to its own account, the lock screen and the reception desk', () => {
    const officeMethods = METHOD_NAMES.filter((m) => {
      const a = (contract[m] as MethodSpec).access
      return a !== 'anyone' && a.includes('office')
    })
    // Reception finds, registers, signs in and out visitors and prints the fire roll call (the
    // only report its role may make: reports.start checks each type's roles); of staff it sees
    // names only (people.hosts). Of pupils it sees only whether they may appear in a photograph or
    // recording (consent.check by name, consent.mustNotAppear for a class it picks from
    // consent.classes), never the consent records; and the phones and devices waiting at the office
    // for a parent (what, whose, where kept: never why), recording who collected them (the policies:
    // released to parents or carers). Its own drafts keep a visitor half signed in (an incident
    // draft it is refused: it holds no role key).
    expect(officeMethods.sort()).toEqual([
      'account.changePassword',
      'confiscations.forCollection',
      'confiscations.handBack',
      'consent.check',
      'consent.classes',
      'consent.mustNotAppear',
      'drafts.discard',
      'drafts.get',
      'drafts.save',
      'people.hosts',
      'reports.job',
      'reports.open',
      'reports.save',
      'reports.start',
      'school.get',
      'session.keepAlive',
      'visitors.currentAup',
      'visitors.register',
      'visitors.search',
      'visitors.update',
      'visits.autoSignOut',
      'visits.onSite',
      'visits.settings',
      'visits.signIn',
      'visits.signOut',
      'visits.undoSignOut',
    ])
  })
})
