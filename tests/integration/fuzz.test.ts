// Thousands of random and hostile inputs to every method of the contract, as every role and while
// locked: wrong types, huge strings, SQL and HTML fragments, path traversal, prototype-pollution keys.
// Every call must end in a value or a typed error with a plain message (never "internal", never a
// stack trace or SQL), the core must keep answering, a refused call must change nothing, and the
// records must still verify at the end. About 20-40 s; OSR_LONG_TESTS=1 sends ten times as many,
// OSR_FUZZ_SEED=n other inputs.
import { readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { DEMO_PASSWORD } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { contract } from '../../shared/api/contract'
import type { MethodSpec } from '../../shared/api/contract-kit'
import { METHOD_NAMES } from '../../shared/api/contract'
import type { MethodName } from '../../shared/api/method-names'
import { ERROR_KINDS } from '../../shared/api/result'
import { ROLES, type Role } from '../../shared/domain/roles'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'

const LONG = process.env['OSR_LONG_TESTS'] === '1'
const PER_METHOD = LONG ? 60 : 6
/** The same inputs every run, unless OSR_FUZZ_SEED says otherwise (a failure names its seed). */
const BASE_SEED = Number(process.env['OSR_FUZZ_SEED'] ?? 1)

/** A real folder some inputs name (saving into it is allowed); removed at the end. */
const SOME_FOLDER = join(tmpdir(), `osr-fuzz-${process.pid}`)

let cleanups: (() => void | Promise<void>)[] = [() => rmSync(SOME_FOLDER, { recursive: true, force: true })]
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = [() => rmSync(SOME_FOLDER, { recursive: true, force: true })]
})

const HOSTILE_TEXT = [
  "'; DROP TABLE people; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM incidents; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\config\\SAM',
  '/etc/shadow',
  'C:\\Windows\\win.ini',
  'file:///etc/passwd',
  'nul\u0000byte',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'prototype',
  '\u202Egnp.exe',
  '😀'.repeat(5_000),
  'x'.repeat(1_000_000),
  ' ',
  '',
  'NaN',
  '-1',
  '9'.repeat(400),
]

/** Objects whose keys try to reach Object.prototype through a careless merge. */
const POLLUTERS = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"id": 1, "__proto__": {"role": "manager", "polluted": "yes"}}'),
] as unknown[]

const hostileScalar = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 0.5, 1e308),
  fc.constantFrom(null, undefined, true, false),
  fc.string({ maxLength: 40 }),
  fc.integer(),
)
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTERS) },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
)

/** Plain values an input field may accept: ids, dates, years, words, and the hostile texts above. */
const ORDINARY: unknown[] = [1, 2, 3, 5, 50, 2025, 999_999, true, false, null, [], ['x'], '2026-01-05', '2025-09-01', '2026-08-31', 'Smith', 'Library', 'abc123', 'ABC-123', 'Year 7', SOME_FOLDER, join(SOME_FOLDER, 'inside')]

type FieldSchema = { safeParse(v: unknown): { success: boolean }; options?: unknown[]; unwrap?: () => FieldSchema }

/** For each top-level field of a method's input: the values from the pools above that the field accepts. */
function acceptedValues(method: MethodName): Map<string, unknown[]> {
  const input = (contract[method] as MethodSpec).input as { shape?: Record<string, FieldSchema> }
  const out = new Map<string, unknown[]>()
  for (const [key, field] of Object.entries(input.shape ?? {})) {
    const inner = field.unwrap?.() ?? field
    const options = [...(field.options ?? []), ...(inner.options ?? [])]
    out.set(key, [...HOSTILE_TEXT, ...ORDINARY, ...options].filter((v) => field.safeParse(v).success))
  }
  return out
}

/**
 * Inputs for one method. Half look right — each field filled with a value it accepts, hostile text
 * wherever text is allowed — so they get past the schema into the handler and the database; the
 * rest are anything at all, wrong types and prototype-pollution keys.
 */
function inputsFor(method: MethodName, seed: number): unknown[] {
  const fields = acceptedValues(method)
  const keys = [...fields.keys()]
  const plausible = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, fields.get(k)!.length ? fc.constantFrom(...fields.get(k)!) : hostileValue])), { requiredKeys: [] })
    : fc.constant({})
  const wrong = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), hostileValue, { minKeys: 1, maxKeys: keys.length + 1 })
    : fc.constantFrom(...POLLUTERS)
  const arbitrary = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: wrong }, { weight: 1, arbitrary: hostileValue })
  return fc.sample(arbitrary, { numRuns: PER_METHOD, seed })
}

/**
 * Calls that, if a random input happened to be valid, would end the fuzzing session itself or
 * take minutes (locking, signing in or out, re-keying, restoring, replacing the records). A valid
 * input is never sent to these; invalid ones are.
 */
const SESSION_CHANGING = new Set<MethodName>([
  'setup.create',
  'session.login',
  'session.recover',
  'session.lock',
  'account.changePassword',
  'vault.rotateKey',
  'vault.newRecoveryKey',
  'backup.now',
  'backup.restore',
  'retention.run',
  'users.update',
  'users.setDisabled',
  'users.resetPassword',
  // Reports are laid out in the background: a valid start is tested with each report, not here.
  'reports.start',
])

const ROLE_PASSWORD = 'plum kestrel ribbon tuesday'
const USERS: Record<Role, string> = { manager: MANAGER.username, head: 'fuzz.head', dsl: 'fuzz.dsl', ict: 'fuzz.ict', office: 'fuzz.office' }

/** Row counts of every table: a refused call must leave every one of them as it was. */
async function fingerprint(core: Core): Promise<string> {
  const { db } = core.store.requireOpen()
  const tables = ((await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) as { name: string }[]).map((t) => t.name)
  const counts: string[] = []
  for (const t of tables) counts.push(`${t}:${((await db.raw(`SELECT count(*) n FROM "${t}"`)) as { n: number }[])[0]!.n}`)
  return counts.join(' ')
}

function expectPlainError(method: string, role: string, input: unknown, error: { kind: string; message: string }) {
  const where = `${method} as ${role} with ${JSON.stringify(input)?.slice(0, 200)} (OSR_FUZZ_SEED=${BASE_SEED})`
  expect(ERROR_KINDS, where).toContain(error.kind)
  expect(error.kind, `${where}: ${error.message}`).not.toBe('internal')
  expect(error.message.length, where).toBeGreaterThan(5)
  expect(error.message.length, where).toBeLessThan(600)
  // No stack traces, SQL or driver words reach the person at the desk.
  expect(error.message, where).not.toMatch(/\bat .+\(.+:\d+:\d+\)|SQLITE_|\bselect\b.+\bfrom\b|\binsert into\b|ZodError|TypeError|undefined is not|\[object Object\]/i)
}

describe('every method, every role, hostile input', () => {
  it(`refuses or handles ${PER_METHOD} hostile inputs per method and role, changes nothing when it refuses, and stays sound`, async () => {
    const t = tempDir('osr-fuzz-')
    const core = newCore(t.dir)
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const ctx = demoContext(core, 'small', DEMO_PASSWORD)
    for (const seeder of core.features.demo) await seeder.seed(ctx)
    for (const role of ROLES.filter((r) => r !== 'manager')) await ok(core, 'users.create', { username: USERS[role], displayName: `Fuzz ${role}`, role, password: ROLE_PASSWORD })

    const passwords = new Map<string, string>([[MANAGER.username, MANAGER.password]])
    const signInAs = async (role: Role | null) => {
      if (core.store.session) await ok(core, 'session.lock', {})
      if (!role) return
      const username = USERS[role]
      const known = passwords.get(username)
      await ok(core, 'session.login', { username, password: known ?? ROLE_PASSWORD })
      if (!known) {
        passwords.set(username, `${username} cobalt walnut meadow`)
        await ok(core, 'account.changePassword', { currentPassword: ROLE_PASSWORD, newPassword: passwords.get(username)! })
      }
    }

    // Nothing may be written where the app happens to run from (a relative path, "C:\\x" on Linux).
    const workingFolder = readdirSync(process.cwd()).sort()
    let calls = 0
    let refusedCalls = 0
    const handled = new Set<string>()
    let seed = BASE_SEED
    for (const role of [...ROLES, null]) {
      await signInAs(role)
      for (const method of METHOD_NAMES) {
        const spec = contract[method] as MethodSpec
        const inputs = inputsFor(method, seed++).filter((input) => !(SESSION_CHANGING.has(method) && spec.input.safeParse(input).success))
        const before = role ? await fingerprint(core) : ''
        let allRefused = true
        for (const input of inputs) {
          const result = await core.call(method, input)
          calls++
          if (result.ok) {
            allRefused = false
            handled.add(method)
            continue
          }
          // Past the schema: the handler itself refused it, in words.
          if (result.error.kind !== 'validation' || !result.error.field) handled.add(method)
          refusedCalls++
          expectPlainError(method, role ?? 'nobody (locked)', input, result.error)
          // Locked: nothing but the open methods answers, whatever the input.
          if (!role && spec.access !== 'anyone') expect(result.error.kind).toBe('locked')
          // A role not allowed learns nothing about the input rules: "forbidden" comes first.
          if (role && spec.access !== 'anyone' && !spec.access.includes(role)) expect(result.error.kind).toBe('forbidden')
        }
        if (role && allRefused) expect(await fingerprint(core), `${method} as ${role} was refused but changed the records`).toBe(before)
        // The session is still the one we signed in with (no input signs anyone in or out).
        expect(core.store.session?.role ?? null, `${method} as ${role}`).toBe(role)
      }
    }

    // Unknown and hostile method names are refused the same plain way.
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '../session.login', 'people.list\u0000', '', 42, null]) {
      const r = await core.call(name as MethodName, {})
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.kind).toBe('not-found')
    }

    expect(calls).toBeGreaterThan(METHOD_NAMES.length * 6 * PER_METHOD * 0.8)
    // Most are refused; many reach a handler (an answer, or a refusal from the handler itself).
    expect(refusedCalls).toBeGreaterThan(calls * 0.5)
    expect(handled.size).toBeGreaterThan(METHOD_NAMES.length / 2)
    // (Build and test output folders may appear from other work running at the same time.)
    const appeared = readdirSync(process.cwd()).filter((name) => !workingFolder.includes(name) && !/^(test-results|playwright-report|coverage|bench-results|out(-.*)?)$/.test(name))
    expect(appeared).toEqual([])
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['role']).toBeUndefined()

    // Still sound: the manager signs in, and the audit chain, the incident log and every health check verify.
    await signInAs('manager')
    expect((await ok(core, 'audit.verify', {})).ok).toBe(true)
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
    expect((await ok(core, 'app.status', {})).unlocked).toBe(true)
  }, LONG ? 1_800_000 : 240_000)
})
