import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { MethodSpec } from '../../shared/api/contract'
import { contract } from '../../shared/api/contract'
import { METHOD_NAMES } from '../../shared/api/contract'
import { createDispatcher, type Session } from '../../electron/core/api/dispatcher'
import { AppError } from '../../electron/core/api/app-error'

// A small contract of its own, so each rule of the dispatcher is tested on a method built for it.
const testContract = {
  'notes.add': {
    summary: 'test: add a note',
    access: ['manager', 'dsl'],
    input: z.object({ title: z.string().min(3), body: z.string().max(20) }).strict(),
    output: undefined as unknown as { id: number },
  },
  'notes.count': {
    summary: 'test: open to anyone',
    access: 'anyone',
    input: z.object({}).strict(),
    output: undefined as unknown as number,
  },
  'notes.fail': {
    summary: 'test: a handler that breaks',
    access: ['manager'],
    input: z.object({ kind: z.enum(['bug', 'conflict']) }).strict(),
    output: undefined as unknown as never,
  },
} as const satisfies Record<string, MethodSpec>

const manager: Session = { userId: 1, username: 'bm', displayName: 'Business Manager', role: 'manager' }
const office: Session = { userId: 2, username: 'rec', displayName: 'Reception', role: 'office' }

function setUp() {
  const add = vi.fn((_input: { title: string; body: string }) => ({ id: 7 }))
  const count = vi.fn(() => 3)
  const failing = vi.fn((input: { kind: string }): never => {
    if (input.kind === 'conflict') throw new AppError('conflict', 'Someone else changed this first.')
    throw new Error('database exploded at /secret/path/line 12')
  })
  const logger = { error: vi.fn() }
  const dispatch = createDispatcher(
    { 'notes.add': add, 'notes.count': count, 'notes.fail': failing },
    { logger, contract: testContract },
  )
  return { dispatch, add, count, failing, logger }
}

describe('dispatcher', () => {
  it('runs an allowed, valid call and returns its value', async () => {
    const { dispatch, add } = setUp()
    const result = await dispatch('notes.add', { title: 'Hello', body: 'short' }, { session: manager })
    expect(result).toEqual({ ok: true, value: { id: 7 } })
    expect(add).toHaveBeenCalledOnce()
    expect(add.mock.calls[0]?.[0]).toEqual({ title: 'Hello', body: 'short' })
  })

  it.each([
    ['a name it does not know', 'notes.delete'],
    ['a name inherited from Object', '__proto__'],
    ['a name inherited from Object', 'toString'],
    ['no name at all', undefined],
    ['a number for a name', 42],
  ])('rejects %s (%s) before any handler runs', async (_why, method) => {
    const { dispatch, add, count, failing } = setUp()
    const result = await dispatch(method, {}, { session: manager })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('not-found')
      expect(result.error.message).toMatch(/does not know/)
    }
    expect(add).not.toHaveBeenCalled()
    expect(count).not.toHaveBeenCalled()
    expect(failing).not.toHaveBeenCalled()
  })

  it('rejects bad input, naming the field, before the handler runs', async () => {
    const { dispatch, add } = setUp()
    const tooShort = await dispatch('notes.add', { title: 'Hi', body: 'x' }, { session: manager })
    expect(tooShort).toMatchObject({ ok: false, error: { kind: 'validation', field: 'title' } })
    if (!tooShort.ok) expect(tooShort.error.message).toMatch(/title.*at least 3 characters/i)

    const missing = await dispatch('notes.add', { title: 'Hello' }, { session: manager })
    expect(missing).toMatchObject({ ok: false, error: { kind: 'validation', field: 'body' } })
    if (!missing.ok) expect(missing.error.message).toMatch(/missing/)

    const extra = await dispatch('notes.add', { title: 'Hello', body: 'x', isAdmin: true }, { session: manager })
    expect(extra).toMatchObject({ ok: false, error: { kind: 'validation', field: 'isAdmin' } })

    const notAnObject = await dispatch('notes.add', 'DROP TABLE notes', { session: manager })
    expect(notAnObject).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(add).not.toHaveBeenCalled()
  })

  it('refuses a role that is not allowed, before validating or running anything', async () => {
    const { dispatch, add } = setUp()
    const result = await dispatch('notes.add', { title: 'Hello', body: 'ok' }, { session: office })
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    // Even bad input gets "forbidden", so a caller learns nothing about a method it may not use.
    const bad = await dispatch('notes.add', { nonsense: 1 }, { session: office })
    expect(bad).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(add).not.toHaveBeenCalled()
  })

  it('answers "locked" when nobody is signed in, but lets open methods through', async () => {
    const { dispatch, add, count } = setUp()
    expect(await dispatch('notes.add', { title: 'Hello', body: 'ok' }, { session: null })).toMatchObject({
      ok: false,
      error: { kind: 'locked' },
    })
    expect(add).not.toHaveBeenCalled()
    expect(await dispatch('notes.count', {}, { session: null })).toEqual({ ok: true, value: 3 })
    expect(count).toHaveBeenCalledOnce()
  })

  it('passes a deliberate AppError through with its kind and message', async () => {
    const { dispatch, logger } = setUp()
    const result = await dispatch('notes.fail', { kind: 'conflict' }, { session: manager })
    expect(result).toEqual({ ok: false, error: { kind: 'conflict', message: 'Someone else changed this first.' } })
    expect(logger.error).not.toHaveBeenCalled()
  })

  it('hides an unexpected error behind a plain message, and logs the details', async () => {
    const { dispatch, logger } = setUp()
    const result = await dispatch('notes.fail', { kind: 'bug' }, { session: manager })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('internal')
      expect(result.error.message).not.toMatch(/exploded|secret|line 12/)
      expect(result.error.message).toMatch(/Nothing was changed/)
    }
    expect(logger.error).toHaveBeenCalledOnce()
    expect(String(logger.error.mock.calls[0]?.[1])).toMatch(/exploded/)
  })
})

describe('the API contract', () => {
  it('lists exactly the methods the preload exposes', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('gives every method a summary, an access rule and a strict input schema', () => {
    for (const [name, spec] of Object.entries(contract) as [string, MethodSpec][]) {
      expect(spec.summary.length, name).toBeGreaterThan(10)
      expect(spec.access === 'anyone' || spec.access.length > 0, name).toBe(true)
      // Unknown keys must be refused, not silently dropped.
      expect(spec.input.safeParse({ unexpectedKey: 1 }).success, name).toBe(false)
    }
  })
})
